import { usersWithRole } from '../accounts/user.repository.js';
import type { Ctx, Locale } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import type { OrderTable, SubOrderTable } from '../db/schema.js';
import type { Mail } from '../mail/mailer.js';
import { insertNotifications } from '../notifications/notification.repository.js';
import { formatMoney, t } from '../views/format.js';
import type { OrderDto } from './order.presenter.js';
import {
  EVENT_LABELS,
  FULFILMENT_LABELS,
  PAYMENT_LABELS,
  type SubOrderActor,
  type SubOrderEvent,
  type SubOrderStates,
} from './sub-order.workflow.js';

/**
 * Who hears of an order and of each step of a producer's part, written in the step's own transaction (a refused or
 * rolled-back step tells nobody):
 * - the producer's accounts, in the back office's notifications: a new part to handle, and any step they did not
 *   take themselves (a cancel by the platform or an administrator, a transfer matched by the system);
 * - the buyer, by e-mail through the outbox when they gave an address: every step they would wait for (confirmed,
 *   shipped, delivered, cancelled, returned, paid, refunded), not the producer's packing.
 * The buyer's language is not known after checkout, so their mails carry Vietnamese then English.
 */

export interface NoticeDeps {
  mailer?: { enqueue(ctx: Ctx, mail: Mail): Promise<void> };
}

const BUYER_EVENTS: ReadonlySet<SubOrderEvent> = new Set([
  'confirm',
  'ship',
  'deliver',
  'cancel',
  'return',
  'mark_paid',
  'refund',
]);

const ORDERS_LINK = '/admin/orders';

/** A new part for each producer of the order. */
export async function noticeOrderPlaced(tx: Ctx, order: OrderDto): Promise<void> {
  const now = tx.clock.now().toISOString();
  for (const [i, part] of order.subOrders.entries()) {
    const users = await usersWithRole(tx, 'producer', part.producerId);
    const items = part.lines.reduce((n, line) => n + line.quantity, 0);
    await insertNotifications(
      tx,
      users.map((u) => {
        const locale: Locale = u.locale === 'en' ? 'en' : 'vi';
        return {
          id: newSortableId('ntf'),
          user_id: u.id,
          kind: 'sub_order.placed',
          title: t(locale, {
            vi: `Đơn mới ${order.orderNumber} P${String(i + 1)}`,
            en: `New order ${order.orderNumber} P${String(i + 1)}`,
          }),
          body: t(locale, {
            vi: `${String(items)} sản phẩm, ${formatMoney('vi', part.total)}, cần xác nhận.`,
            en: `${String(items)} item(s), ${formatMoney('en', part.total)}, to confirm.`,
          }),
          link: `${ORDERS_LINK}/${part.id}`,
          created_at: now,
          read_at: null,
        };
      }),
    );
  }
}

/** One step of a sub-order: the buyer by mail, the producer when someone else took the step. */
export async function noticeSubOrderStep(
  tx: Ctx,
  step: {
    sub: SubOrderTable;
    order: OrderTable;
    event: SubOrderEvent;
    next: SubOrderStates;
    by: SubOrderActor;
    reason: string | undefined;
  },
  deps: NoticeDeps,
): Promise<void> {
  const { sub, order, event } = step;
  const label = `${order.number} P${String(sub.seq)}`;
  if (step.by !== 'producer') {
    const users = await usersWithRole(tx, 'producer', sub.producer_id);
    const now = tx.clock.now().toISOString();
    await insertNotifications(
      tx,
      users.map((u) => {
        const locale: Locale = u.locale === 'en' ? 'en' : 'vi';
        return {
          id: newSortableId('ntf'),
          user_id: u.id,
          kind: `sub_order.${event}`,
          title: `${label}: ${t(locale, EVENT_LABELS[event])}`,
          body: step.reason ?? statusLine(locale, step.next),
          link: `${ORDERS_LINK}/${sub.id}`,
          created_at: now,
          read_at: null,
        };
      }),
    );
  }
  if (order.email !== null && deps.mailer && BUYER_EVENTS.has(event)) {
    await deps.mailer.enqueue(tx, buyerMail(order.email, label, step.next, step.reason));
  }
}

function statusLine(locale: Locale, next: SubOrderStates): string {
  return `${t(locale, FULFILMENT_LABELS[next.fulfilment])} · ${t(locale, PAYMENT_LABELS[next.payment])}`;
}

/** Plain text, both languages: nothing in it is ever markup. */
export function buyerMail(to: string, label: string, next: SubOrderStates, reason: string | undefined): Mail {
  const part = (locale: Locale) =>
    [
      t(locale, {
        vi: `Phần đơn hàng ${label}: ${statusLine('vi', next)}.`,
        en: `Order part ${label}: ${statusLine('en', next)}.`,
      }),
      reason ? `${t(locale, { vi: 'Lý do', en: 'Reason' })}: ${reason}` : '',
      t(locale, {
        vi: 'Tra cứu đơn trên trang OCOP bằng mã đơn và số điện thoại đã dùng khi đặt hàng.',
        en: 'Look the order up on the OCOP website with its number and the phone number you gave.',
      }),
    ].filter((line) => line !== '');
  return {
    to,
    subject: `OCOP ${label}: ${statusLine('vi', next)} / ${statusLine('en', next)}`,
    text: [...part('vi'), '', ...part('en')].join('\n'),
  };
}
