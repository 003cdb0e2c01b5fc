import { describe, expect, it } from 'vitest';
import {
  MAX_LINES,
  MAX_ORDER_TOTAL_VND,
  MAX_QUANTITY,
  NOT_SELLABLE_LABELS,
  PROBLEM_LABELS,
  mergeLines,
  notSellableWhy,
  priceBasket,
  type BasketLine,
  type BasketProblem,
  type BasketResult,
  type PricedOrder,
  type ShopProduct,
} from './basket.js';

function product(id: string, overrides: Partial<ShopProduct> = {}): ShopProduct {
  return {
    id,
    producerId: 'pdc_bavi',
    name: `Sản phẩm ${id}`,
    priceVnd: 120_000,
    stock: 10,
    certificateStatus: 'valid',
    ...overrides,
  };
}

const tea = product('prd_tea', { producerId: 'pdc_bavi', name: 'Trà xanh Ba Vì', priceVnd: 85_000 });
const milk = product('prd_milk', { producerId: 'pdc_bavi', name: 'Sữa chua Ba Vì', priceVnd: 42_000 });
const honey = product('prd_honey', {
  producerId: 'pdc_socson',
  name: 'Mật ong rừng Sóc Sơn',
  priceVnd: 250_000,
  certificateStatus: 'expiring',
});
const catalog = [tea, milk, honey];

function order(result: BasketResult): PricedOrder {
  if (!result.ok) throw new Error(`expected an order, got ${JSON.stringify(result.problems)}`);
  return result.order;
}

function problems(result: BasketResult): BasketProblem[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('splitting a basket by producer', () => {
  it('prices every line from the server and gives each producer its part', () => {
    const lines: BasketLine[] = [
      { productId: 'prd_tea', quantity: 2 },
      { productId: 'prd_honey', quantity: 1 },
      { productId: 'prd_milk', quantity: 3 },
    ];
    const priced = order(priceBasket(lines, catalog));
    expect(priced.parts.map((p) => p.producerId)).toEqual(['pdc_bavi', 'pdc_socson']);
    const [bavi, socson] = priced.parts;
    expect(bavi?.lines.map((l) => [l.productId, l.quantity, l.unitPriceVnd, l.lineTotalVnd])).toEqual([
      ['prd_tea', 2, 85_000, 170_000],
      ['prd_milk', 3, 42_000, 126_000],
    ]);
    expect(bavi?.subtotalVnd).toBe(296_000);
    expect(socson?.subtotalVnd).toBe(250_000);
    expect(priced.totalVnd).toBe(546_000);
    expect(bavi?.lines[0]?.name).toBe('Trà xanh Ba Vì');
  });

  it('merges duplicate lines of one product', () => {
    const lines = [
      { productId: 'prd_tea', quantity: 2 },
      { productId: 'prd_milk', quantity: 1 },
      { productId: 'prd_tea', quantity: 3 },
    ];
    const priced = order(priceBasket(lines, catalog));
    expect(priced.parts).toHaveLength(1);
    expect(priced.parts[0]?.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['prd_tea', 5],
      ['prd_milk', 1],
    ]);
    expect(priced.totalVnd).toBe(5 * 85_000 + 42_000);
  });

  it('sells an expiring certificate and flags it', () => {
    const priced = order(
      priceBasket(
        [
          { productId: 'prd_honey', quantity: 1 },
          { productId: 'prd_tea', quantity: 1 },
        ],
        catalog,
      ),
    );
    expect(priced.expiringProductIds).toEqual(['prd_honey']);
    expect(priced.parts[0]?.lines[0]?.certificateExpiring).toBe(true);
    expect(priced.parts[1]?.lines[0]?.certificateExpiring).toBe(false);
  });

  it('accepts the prices the buyer saw when they still hold', () => {
    const seen = new Map([
      ['prd_tea', 85_000],
      ['prd_honey', 250_000],
    ]);
    const lines = [
      { productId: 'prd_tea', quantity: 1 },
      { productId: 'prd_honey', quantity: 1 },
    ];
    expect(order(priceBasket(lines, catalog, seen)).totalVnd).toBe(335_000);
  });

  it('takes the whole stock and the maximum quantity', () => {
    const plenty = product('prd_rice', { stock: 500, priceVnd: 30_000 });
    expect(order(priceBasket([{ productId: 'prd_tea', quantity: 10 }], catalog)).totalVnd).toBe(850_000);
    expect(order(priceBasket([{ productId: 'prd_rice', quantity: MAX_QUANTITY }], [plenty])).totalVnd).toBe(
      2_970_000,
    );
  });
});

describe('basket problems', () => {
  it('refuses an empty basket', () => {
    expect(problems(priceBasket([], catalog))).toEqual([{ kind: 'empty_basket' }]);
  });

  it('reports an unknown product', () => {
    expect(problems(priceBasket([{ productId: 'prd_gone', quantity: 1 }], catalog))).toEqual([
      { kind: 'unknown_product', productId: 'prd_gone' },
    ]);
  });

  it('blocks a product without a price or a certificate in force', () => {
    const cases: Array<[Partial<ShopProduct>, string]> = [
      [{ priceVnd: null }, 'no_price'],
      [{ certificateStatus: null }, 'no_certificate'],
      [{ certificateStatus: 'superseded' }, 'no_certificate'],
      [{ certificateStatus: 'expired' }, 'certificate_expired'],
      [{ certificateStatus: 'revoked' }, 'certificate_revoked'],
    ];
    for (const [overrides, why] of cases) {
      const p = product('prd_x', overrides);
      expect(notSellableWhy(p)).toBe(why);
      expect(problems(priceBasket([{ productId: 'prd_x', quantity: 1 }], [p]))).toEqual([
        { kind: 'not_sellable', productId: 'prd_x', why },
      ]);
    }
    expect(notSellableWhy(product('prd_x', { certificateStatus: 'expiring' }))).toBeNull();
    expect(notSellableWhy(product('prd_x'))).toBeNull();
  });

  it('refuses zero, negative, fractional, huge and non-numeric quantities', () => {
    for (const quantity of [0, -1, 1.5, 100, 1e9, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(problems(priceBasket([{ productId: 'prd_tea', quantity }], catalog)), String(quantity)).toEqual([
        { kind: 'bad_quantity', productId: 'prd_tea', quantity, max: MAX_QUANTITY },
      ]);
    }
  });

  it('judges the merged quantity, and reports the bad part of a merge as sent', () => {
    const stocked = product('prd_tea', { stock: 500 });
    const twoHalves = [
      { productId: 'prd_tea', quantity: 60 },
      { productId: 'prd_tea', quantity: 50 },
    ];
    expect(problems(priceBasket(twoHalves, [stocked]))).toEqual([
      { kind: 'bad_quantity', productId: 'prd_tea', quantity: 110, max: MAX_QUANTITY },
    ]);
    const withNegative = [
      { productId: 'prd_tea', quantity: 5 },
      { productId: 'prd_tea', quantity: -5 },
      { productId: 'prd_tea', quantity: 3 },
    ];
    expect(mergeLines(withNegative)).toEqual([{ productId: 'prd_tea', quantity: -5 }]);
    expect(problems(priceBasket(withNegative, [stocked]))[0]).toMatchObject({
      kind: 'bad_quantity',
      quantity: -5,
    });
  });

  it('refuses more than the stock, saying how many are left', () => {
    expect(problems(priceBasket([{ productId: 'prd_tea', quantity: 11 }], catalog))).toEqual([
      { kind: 'over_stock', productId: 'prd_tea', requested: 11, available: 10 },
    ]);
    const soldOut = product('prd_tea', { stock: 0 });
    expect(problems(priceBasket([{ productId: 'prd_tea', quantity: 1 }], [soldOut]))).toEqual([
      { kind: 'over_stock', productId: 'prd_tea', requested: 1, available: 0 },
    ]);
  });

  it('reports a changed price with the old and the new one, never charging either silently', () => {
    const seen = new Map([['prd_tea', 80_000]]);
    expect(problems(priceBasket([{ productId: 'prd_tea', quantity: 1 }], catalog, seen))).toEqual([
      { kind: 'price_changed', productId: 'prd_tea', seenVnd: 80_000, nowVnd: 85_000 },
    ]);
    // A tampered "seen" price of zero is just another difference.
    const tampered = new Map([['prd_tea', 0]]);
    expect(
      problems(priceBasket([{ productId: 'prd_tea', quantity: 1 }], catalog, tampered))[0],
    ).toMatchObject({
      kind: 'price_changed',
      nowVnd: 85_000,
    });
  });

  it('lists every problem of every line at once', () => {
    const lines = [
      { productId: 'prd_gone', quantity: 1 },
      { productId: 'prd_tea', quantity: 11 },
      { productId: 'prd_milk', quantity: 0 },
      { productId: 'prd_honey', quantity: 1 },
    ];
    const seen = new Map([
      ['prd_tea', 80_000],
      ['prd_honey', 250_000],
    ]);
    expect(problems(priceBasket(lines, catalog, seen)).map((p) => p.kind)).toEqual([
      'unknown_product',
      'over_stock',
      'price_changed',
      'bad_quantity',
    ]);
  });

  it('refuses more distinct products than an order holds', () => {
    const many = Array.from({ length: MAX_LINES + 1 }, (_, i) => product(`prd_${i}`));
    const lines = many.map((p) => ({ productId: p.id, quantity: 1 }));
    expect(problems(priceBasket(lines, many))).toEqual([
      { kind: 'too_many_lines', count: MAX_LINES + 1, max: MAX_LINES },
    ]);
    expect(priceBasket(lines.slice(0, MAX_LINES), many).ok).toBe(true);
  });

  it('refuses an order above the maximum total, exactly at the boundary', () => {
    const dear = product('prd_dear', { priceVnd: MAX_ORDER_TOTAL_VND / 10, stock: 99 });
    expect(order(priceBasket([{ productId: 'prd_dear', quantity: 10 }], [dear])).totalVnd).toBe(
      MAX_ORDER_TOTAL_VND,
    );
    expect(problems(priceBasket([{ productId: 'prd_dear', quantity: 11 }], [dear]))).toEqual([
      { kind: 'order_too_large', totalVnd: 550_000_000, max: MAX_ORDER_TOTAL_VND },
    ]);
  });

  it('keeps totals exact for the largest price the catalogue can hold', () => {
    const largest = Math.floor(Number.MAX_SAFE_INTEGER / MAX_QUANTITY);
    const p = product('prd_big', { priceVnd: largest, stock: 99 });
    const [tooLarge] = problems(priceBasket([{ productId: 'prd_big', quantity: 99 }], [p]));
    expect(tooLarge).toMatchObject({ kind: 'order_too_large' });
    expect(Number.isSafeInteger(tooLarge?.kind === 'order_too_large' ? tooLarge.totalVnd : NaN)).toBe(true);
  });

  it('treats an impossible price or stock in the catalogue as a broken invariant', () => {
    const line = [{ productId: 'prd_x', quantity: 1 }];
    for (const bad of [
      { priceVnd: 0 },
      { priceVnd: 1.5 },
      { priceVnd: Number.MAX_SAFE_INTEGER },
      { stock: -1 },
    ]) {
      expect(() => priceBasket(line, [product('prd_x', bad)])).toThrow(RangeError);
    }
  });
});

describe('problem texts', () => {
  it('say every problem in Vietnamese and English', () => {
    for (const table of [PROBLEM_LABELS, NOT_SELLABLE_LABELS] as Array<
      Record<string, { vi: string; en: string }>
    >) {
      for (const [key, text] of Object.entries(table)) {
        expect(text.vi, key).toBeTruthy();
        expect(text.en, key).toBeTruthy();
        expect(text.vi).not.toBe(text.en);
      }
    }
    expect(Object.keys(PROBLEM_LABELS)).toHaveLength(8);
    expect(PROBLEM_LABELS.over_stock.vi).toContain('{available}');
  });
});
