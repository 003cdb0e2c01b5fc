import type { Locale } from '../core/context.js';
import type { Mail } from '../mail/mailer.js';
import { formatMoney, t } from '../views/format.js';
import type { OrderDto } from './order.presenter.js';
import {
  FULFILMENT_LABELS,
  PAYMENT_METHOD_LABELS,
  type FulfilmentState,
  type PaymentMethod,
} from './sub-order.workflow.js';

/** The buyer's confirmation, in the language of the checkout. Plain text: nothing in it is ever markup. */
export function orderMail(locale: Locale, to: string, order: OrderDto): Mail {
  const money = (vnd: number) => formatMoney(locale, vnd);
  const parts = order.subOrders.map((sub, i) => {
    const lines = sub.lines.map(
      (l) => `  - ${l.name} × ${String(l.quantity)}: ${money(l.unitPrice * l.quantity)}`,
    );
    const head = t(locale, { vi: `Phần ${String(i + 1)}`, en: `Part ${String(i + 1)}` });
    const status = t(locale, FULFILMENT_LABELS[sub.status as FulfilmentState]);
    return [`${head} (${status}): ${money(sub.total)}`, ...lines].join('\n');
  });
  const payment = t(locale, PAYMENT_METHOD_LABELS[order.payment as PaymentMethod]);
  const transfer =
    order.payment === 'vietqr'
      ? t(locale, {
          vi: 'Mỗi phần có một mã VietQR riêng cho tài khoản của chủ thể; mã có trên trang đơn hàng.',
          en: 'Each part has its own VietQR code for its producer’s account; the codes are on the order page.',
        })
      : '';
  const text = [
    t(locale, {
      vi: `Cảm ơn bạn đã đặt hàng. Mã đơn: ${order.orderNumber}.`,
      en: `Thank you for your order. Order number: ${order.orderNumber}.`,
    }),
    '',
    ...parts,
    '',
    `${t(locale, { vi: 'Tổng cộng', en: 'Total' })}: ${money(order.total)}`,
    `${t(locale, { vi: 'Thanh toán', en: 'Payment' })}: ${payment}`,
    transfer,
    t(locale, {
      vi: 'Tra cứu đơn bằng mã đơn và số điện thoại đã dùng khi đặt hàng.',
      en: 'Look the order up with its number and the phone number you gave.',
    }),
  ];
  return {
    to,
    subject: t(locale, {
      vi: `Đơn hàng OCOP ${order.orderNumber} đã được đặt`,
      en: `OCOP order ${order.orderNumber} placed`,
    }),
    text: text.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n'),
  };
}
