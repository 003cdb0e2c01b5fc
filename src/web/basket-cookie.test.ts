import { describe, expect, it } from 'vitest';
import { addLine, parseBasket, serializeBasket } from './basket-cookie.js';

describe('basket cookie', () => {
  it('reads back what it wrote', () => {
    const lines = [
      { productId: 'prd_a', quantity: 2 },
      { productId: 'prd_b', quantity: 1 },
    ];
    expect(parseBasket(serializeBasket(lines))).toEqual(lines);
  });

  it('never trusts the browser: drops bad shapes, clamps quantities, merges repeats', () => {
    expect(parseBasket('prd_a:500,<x>:1,prd_b:abc,prd_c:0,prd_a:3,prd_d:-2,:4,prd_e')).toEqual([
      { productId: 'prd_a', quantity: 99 },
    ]);
    expect(parseBasket(undefined)).toEqual([]);
    expect(parseBasket('x'.repeat(5000))).toEqual([]);
  });

  it('keeps at most 50 lines', () => {
    const raw = Array.from({ length: 60 }, (_, i) => `prd_${String(i)}:1`).join(',');
    const lines = parseBasket(raw);
    expect(lines).toHaveLength(50);
    expect(lines[49]?.productId).toBe('prd_49');
  });

  it('adds to an existing line up to 99, a new product at the end', () => {
    const one = addLine([], 'prd_a', 60);
    expect(addLine(one, 'prd_a', 60)).toEqual([{ productId: 'prd_a', quantity: 99 }]);
    expect(addLine(one, 'prd_b', 0)).toEqual([
      { productId: 'prd_a', quantity: 60 },
      { productId: 'prd_b', quantity: 1 },
    ]);
  });
});
