import { DomainError, ValidationError, type ErrorDetail } from '../core/errors.js';
import { formatMoney, formatNumber, type Text } from '../views/format.js';
import { NOT_SELLABLE_LABELS, PROBLEM_LABELS, type BasketLine, type BasketProblem } from './basket.js';

/**
 * How a refused checkout is told: one detail per problem, on the field of the basket line it concerns, in
 * Vietnamese and English. A basket that is only out of date in price is a 409 (the buyer's page should refresh the
 * prices and ask again); anything else the buyer must change is a 400.
 */

/** A problem of the checkout that the basket rules do not know: pickup at a point that does not hold the product. */
export interface NotAtSalesPoint {
  kind: 'not_at_sales_point';
  productId: string;
}

const NOT_AT_SALES_POINT: Text = {
  vi: 'Điểm bán đã chọn không có sản phẩm này; vui lòng chọn điểm bán khác hoặc giao hàng.',
  en: 'The chosen sales point does not hold this product; choose another point or delivery.',
};

export function checkoutError(
  problems: ReadonlyArray<BasketProblem | NotAtSalesPoint>,
  lines: readonly BasketLine[],
): DomainError {
  const details = problems.map((p) => detailOf(p, lines));
  if (problems.every((p) => p.kind === 'price_changed')) {
    return new DomainError(
      'conflict',
      `Giá đã thay đổi kể từ khi bạn chọn hàng: ${details.map((d) => d.message).join('; ')}`,
      `Prices have changed since the basket was filled: ${details.map((d) => d.messageEn).join('; ')}`,
      details,
    );
  }
  return new ValidationError(details);
}

function detailOf(problem: BasketProblem | NotAtSalesPoint, lines: readonly BasketLine[]): ErrorDetail {
  const field = fieldOf(problem, lines);
  const text = textOf(problem);
  return { field, message: `${field}: ${text.vi}`, messageEn: `${field}: ${text.en}` };
}

/** `items.3`: the first line of the request that names the product, so a page can mark it. */
function fieldOf(problem: BasketProblem | NotAtSalesPoint, lines: readonly BasketLine[]): string {
  if (!('productId' in problem)) return 'items';
  const index = lines.findIndex((line) => line.productId === problem.productId);
  return index < 0 ? 'items' : `items.${String(index)}`;
}

function textOf(problem: BasketProblem | NotAtSalesPoint): Text {
  switch (problem.kind) {
    case 'not_at_sales_point':
      return NOT_AT_SALES_POINT;
    case 'not_sellable': {
      const why = NOT_SELLABLE_LABELS[problem.why];
      const base = PROBLEM_LABELS.not_sellable;
      return { vi: `${base.vi} ${why.vi}`, en: `${base.en} ${why.en}` };
    }
    case 'price_changed':
      return filled(PROBLEM_LABELS.price_changed, (l) => ({
        seen: formatMoney(l, problem.seenVnd),
        now: formatMoney(l, problem.nowVnd),
      }));
    case 'order_too_large':
      return filled(PROBLEM_LABELS.order_too_large, (l) => ({ max: formatMoney(l, problem.max) }));
    case 'over_stock':
      return filled(PROBLEM_LABELS.over_stock, (l) => ({ available: formatNumber(l, problem.available) }));
    case 'bad_quantity':
    case 'too_many_lines':
      return filled(PROBLEM_LABELS[problem.kind], (l) => ({ max: formatNumber(l, problem.max) }));
    case 'empty_basket':
    case 'unknown_product':
      return PROBLEM_LABELS[problem.kind];
  }
}

function filled(text: Text, values: (locale: 'vi' | 'en') => Record<string, string>): Text {
  const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);
  return { vi: fill(text.vi, values('vi')), en: fill(text.en, values('en')) };
}

/** The last units went to another buyer between pricing and taking the stock: nothing of the order is kept. */
export function soldOutError(field: string, name: string): DomainError {
  return new DomainError(
    'conflict',
    `Sản phẩm "${name}" vừa hết hàng; đơn chưa được tạo, vui lòng cập nhật giỏ hàng.`,
    `"${name}" has just sold out; no order was placed, please update the basket.`,
    [{ field, message: 'sold_out' }],
  );
}

/** VietQR needs every producer's bank account; the buyer can still pay these producers cash on delivery. */
export function noPayeeError(names: readonly string[]): ValidationError {
  const list = names.join(', ');
  return new ValidationError([
    {
      field: 'payment',
      message: `payment: chủ thể của ${list} chưa đăng ký tài khoản nhận chuyển khoản VietQR; vui lòng chọn thanh toán khi nhận hàng`,
      messageEn: `payment: the producer of ${list} has no account for VietQR transfers yet; please choose cash on delivery`,
    },
  ]);
}

export function keyReusedError(): DomainError {
  return new DomainError(
    'conflict',
    'Mã Idempotency-Key này đã được dùng cho một đơn hàng khác.',
    'This Idempotency-Key was already used for a different order.',
    [{ field: 'Idempotency-Key', message: 'reused' }],
  );
}
