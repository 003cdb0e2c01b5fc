import type { CertificateStatus } from '../certificates/certificate.js';
import type { Text } from '../views/format.js';

/**
 * Pricing a basket, pure: the server's products as they are now decide every price; what the buyer saw is only
 * compared, never charged. The result is either one priced part per producer (each becomes a sub-order) or every
 * problem at once, so the basket page can mark each line.
 */

/** Most units of one product in one order: a household basket, not a wholesale order. */
export const MAX_QUANTITY = 99;
/** Most distinct products in one order. */
export const MAX_LINES = 50;
/**
 * Largest order total, in đồng (500 million). Far above any household basket of OCOP products and far below the
 * VietQR amount limit and Number.MAX_SAFE_INTEGER, so no sum can lose precision; a larger purchase is a contract
 * with the producer, not a checkout.
 */
export const MAX_ORDER_TOTAL_VND = 500_000_000;

export interface BasketLine {
  productId: string;
  quantity: number;
}

export interface ShopProduct {
  id: string;
  producerId: string;
  name: string;
  /** Whole đồng; null while the producer has not set a price. */
  priceVnd: number | null;
  /** Units the producer can sell now (for pickup: at that sales point). */
  stock: number;
  /** The product's current certificate at the checkout date; null when it has none. */
  certificateStatus: CertificateStatus | null;
}

export interface PricedLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceVnd: number;
  lineTotalVnd: number;
  /** Sellable, but the certificate runs out within 180 days: shown to the buyer. */
  certificateExpiring: boolean;
}

export interface ProducerPart {
  producerId: string;
  lines: PricedLine[];
  subtotalVnd: number;
}

export interface PricedOrder {
  parts: ProducerPart[];
  totalVnd: number;
  /** Products whose certificate is expiring, in basket order. */
  expiringProductIds: string[];
}

export type NotSellableWhy = 'no_price' | 'no_certificate' | 'certificate_expired' | 'certificate_revoked';

export type BasketProblem =
  | { kind: 'empty_basket' }
  | { kind: 'too_many_lines'; count: number; max: number }
  | { kind: 'unknown_product'; productId: string }
  | { kind: 'not_sellable'; productId: string; why: NotSellableWhy }
  | { kind: 'bad_quantity'; productId: string; quantity: number; max: number }
  | { kind: 'over_stock'; productId: string; requested: number; available: number }
  | { kind: 'price_changed'; productId: string; seenVnd: number; nowVnd: number }
  | { kind: 'order_too_large'; totalVnd: number; max: number };

export type BasketResult = { ok: true; order: PricedOrder } | { ok: false; problems: BasketProblem[] };

/** The unit prices the buyer saw, by product id (from the basket page); absent products are not compared. */
export type SeenPrices = ReadonlyMap<string, number>;

/** One line per product, quantities added, in the order products first appear; a bad raw quantity is kept. */
export function mergeLines(lines: readonly BasketLine[]): BasketLine[] {
  const merged = new Map<string, BasketLine>();
  for (const line of lines) {
    const seen = merged.get(line.productId);
    if (seen === undefined) merged.set(line.productId, { ...line });
    // A bad part (0, negative, fractional) is kept as it is, so the buyer is told the value they sent.
    else if (!isQuantity(seen.quantity)) continue;
    else seen.quantity = isQuantity(line.quantity) ? seen.quantity + line.quantity : line.quantity;
  }
  return [...merged.values()];
}

function isQuantity(q: number): boolean {
  return Number.isInteger(q) && q >= 1;
}

/** Why a product cannot be bought at all, or null when it can. */
export function notSellableWhy(product: ShopProduct): NotSellableWhy | null {
  return product.priceVnd === null ? 'no_price' : certificateProblem(product.certificateStatus);
}

/** Valid and expiring certificates sell (expiring is shown); anything else blocks. */
function certificateProblem(status: CertificateStatus | null): NotSellableWhy | null {
  switch (status) {
    case 'valid':
    case 'expiring':
      return null;
    case 'expired':
      return 'certificate_expired';
    case 'revoked':
      return 'certificate_revoked';
    // A superseded certificate is not the product's current one: the caller passes the newest, or none.
    case 'superseded':
    case null:
      return 'no_certificate';
  }
}

/** Price and split a basket, or list every problem. */
export function priceBasket(
  lines: readonly BasketLine[],
  products: readonly ShopProduct[],
  seen: SeenPrices = new Map(),
): BasketResult {
  const merged = mergeLines(lines);
  if (merged.length === 0) return { ok: false, problems: [{ kind: 'empty_basket' }] };
  if (merged.length > MAX_LINES) {
    return { ok: false, problems: [{ kind: 'too_many_lines', count: merged.length, max: MAX_LINES }] };
  }
  const byId = new Map(products.map((p) => [p.id, checkedProduct(p)]));
  const problems: BasketProblem[] = [];
  const priced: Array<{ line: PricedLine; producerId: string }> = [];
  for (const line of merged) {
    const product = byId.get(line.productId);
    if (product === undefined) {
      problems.push({ kind: 'unknown_product', productId: line.productId });
      continue;
    }
    const result = priceLine(line, product, seen.get(line.productId));
    if (Array.isArray(result)) problems.push(...result);
    else priced.push({ line: result, producerId: product.producerId });
  }
  if (problems.length > 0) return { ok: false, problems };
  return split(priced);
}

/** A priced line, or the problems of this line (a product that cannot be sold hides its stock and price). */
function priceLine(
  line: BasketLine,
  product: ShopProduct,
  seenVnd: number | undefined,
): PricedLine | BasketProblem[] {
  const now = product.priceVnd;
  if (now === null) return [{ kind: 'not_sellable', productId: product.id, why: 'no_price' }];
  const why = certificateProblem(product.certificateStatus);
  if (why !== null) return [{ kind: 'not_sellable', productId: product.id, why }];
  const problems: BasketProblem[] = [];
  const { quantity } = line;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    problems.push({ kind: 'bad_quantity', productId: product.id, quantity, max: MAX_QUANTITY });
  } else if (quantity > product.stock) {
    problems.push({
      kind: 'over_stock',
      productId: product.id,
      requested: quantity,
      available: product.stock,
    });
  }
  if (seenVnd !== undefined && seenVnd !== now) {
    problems.push({ kind: 'price_changed', productId: product.id, seenVnd, nowVnd: now });
  }
  if (problems.length > 0) return problems;
  return {
    productId: product.id,
    name: product.name,
    quantity,
    unitPriceVnd: now,
    lineTotalVnd: now * quantity,
    certificateExpiring: product.certificateStatus === 'expiring',
  };
}

/**
 * One part per producer, in the order producers first appear. Sums are checked against the order maximum after
 * each addition: with at most 99 units of prices below 2^53/99 no product or partial sum can lose precision.
 */
function split(priced: ReadonlyArray<{ line: PricedLine; producerId: string }>): BasketResult {
  const parts = new Map<string, ProducerPart>();
  let totalVnd = 0;
  for (const { line, producerId } of priced) {
    totalVnd += line.lineTotalVnd;
    if (totalVnd > MAX_ORDER_TOTAL_VND) {
      const total = priced.reduce((sum, p) => sum + p.line.lineTotalVnd, 0);
      return {
        ok: false,
        problems: [{ kind: 'order_too_large', totalVnd: total, max: MAX_ORDER_TOTAL_VND }],
      };
    }
    const part = parts.get(producerId) ?? { producerId, lines: [], subtotalVnd: 0 };
    part.lines.push(line);
    part.subtotalVnd += line.lineTotalVnd;
    parts.set(producerId, part);
  }
  const expiringProductIds = priced.filter((p) => p.line.certificateExpiring).map((p) => p.line.productId);
  return { ok: true, order: { parts: [...parts.values()], totalVnd, expiringProductIds } };
}

/** Largest unit price whose 99-unit line is still an exact integer. */
const MAX_UNIT_PRICE_VND = Math.floor(Number.MAX_SAFE_INTEGER / MAX_QUANTITY);

/** The products come from our own database: a bad price or stock there is a broken invariant, not a refusal. */
function checkedProduct(product: ShopProduct): ShopProduct {
  const { priceVnd, stock } = product;
  if (priceVnd !== null && (!Number.isInteger(priceVnd) || priceVnd < 1 || priceVnd > MAX_UNIT_PRICE_VND)) {
    throw new RangeError(`product ${product.id} has an impossible price: ${priceVnd}`);
  }
  if (!Number.isInteger(stock) || stock < 0) {
    throw new RangeError(`product ${product.id} has an impossible stock: ${stock}`);
  }
  return product;
}

/** What each problem says to the buyer; {name}, {max} and the like are filled by the page. */
export const PROBLEM_LABELS: Record<BasketProblem['kind'], Text> = {
  empty_basket: { vi: 'Giỏ hàng đang trống.', en: 'The basket is empty.' },
  too_many_lines: {
    vi: 'Một đơn có tối đa {max} sản phẩm khác nhau.',
    en: 'An order holds at most {max} different products.',
  },
  unknown_product: {
    vi: 'Sản phẩm này không còn trên cửa hàng.',
    en: 'This product is no longer in the shop.',
  },
  not_sellable: { vi: 'Sản phẩm này hiện không bán được.', en: 'This product cannot be bought now.' },
  bad_quantity: {
    vi: 'Số lượng phải là số nguyên từ 1 đến {max}.',
    en: 'The quantity must be a whole number from 1 to {max}.',
  },
  over_stock: { vi: 'Chỉ còn {available} sản phẩm.', en: 'Only {available} left.' },
  price_changed: {
    vi: 'Giá đã thay đổi từ {seen} thành {now}.',
    en: 'The price has changed from {seen} to {now}.',
  },
  order_too_large: {
    vi: 'Tổng đơn vượt quá {max}; vui lòng liên hệ trực tiếp chủ thể.',
    en: 'The order total exceeds {max}; please contact the producer directly.',
  },
};

export const NOT_SELLABLE_LABELS: Record<NotSellableWhy, Text> = {
  no_price: { vi: 'Chủ thể chưa niêm yết giá.', en: 'The producer has not set a price.' },
  no_certificate: {
    vi: 'Sản phẩm chưa có giấy chứng nhận OCOP.',
    en: 'The product has no OCOP certificate.',
  },
  certificate_expired: {
    vi: 'Giấy chứng nhận OCOP đã hết hạn.',
    en: 'The OCOP certificate has expired.',
  },
  certificate_revoked: {
    vi: 'Giấy chứng nhận OCOP đã bị thu hồi.',
    en: 'The OCOP certificate has been revoked.',
  },
};
