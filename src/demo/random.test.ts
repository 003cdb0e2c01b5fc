import { describe, expect, it } from 'vitest';
import { Rng, weightedPicker } from './random.js';

const draw = (seed: number, n: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.uint32());
};

describe('Rng', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
    expect(Buffer.from(new Rng(7).bytes(33)).toString('hex')).toBe(
      Buffer.from(new Rng(7).bytes(33)).toString('hex'),
    );
  });

  it('gives forks independent, reproducible streams', () => {
    const a = new Rng(1).fork('products');
    const b = new Rng(1).fork('products');
    const c = new Rng(1).fork('villages');
    const take = (r: Rng) => Array.from({ length: 10 }, () => r.uint32());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
  });

  it('keeps int() inside its inclusive bounds and reaches both ends', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(-2, 2));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(5).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort()).toEqual(input);
    expect(out).not.toEqual(input);
  });

  it('samples distinct indexes', () => {
    const rng = new Rng(9);
    const few = rng.sampleIndexes(1000, 30);
    expect(new Set(few).size).toBe(30);
    expect(few.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(new Set(rng.sampleIndexes(10, 50)).size).toBe(10);
  });

  it('draws by weight and never draws a zero weight', () => {
    const pick = weightedPicker(['a', 'b', 'c'] as const, (x) => (x === 'a' ? 3 : x === 'b' ? 1 : 0));
    const rng = new Rng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) counts[pick(rng)]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
    expect(() => weightedPicker([1], () => 0)).toThrow(RangeError);
  });
});
