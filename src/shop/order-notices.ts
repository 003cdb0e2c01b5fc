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
 * The buyer's mails speak the language they ordered in; an order placed before it was kept gets both.
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

/** One notification to each account of the producer, in its own language. */
async function notifyProducer(
  tx: Ctx,
  producerId: string,
  note: { kind: string; link: string; title: (l: Locale) => string; body: (l: Locale) => string },
): Promise<void> {
  const users = await usersWithRole(tx, 'producer', producerId);
  const now = tx.clock.now().toISOString();
  await insertNotifications(
    tx,
    users.map((u) => {
      const locale: Locale = u.locale === 'en' ? 'en' : 'vi';
      return {
        id: newSortableId('ntf'),
        user_id: u.id,
        kind: note.kind,
        title: note.title(locale),
        body: note.body(locale),
        link: note.link,
        created_at: now,
        read_at: null,
      };
    }),
  );
}

/** A new part for each producer of the order. */
export async function noticeOrderPlaced(tx: Ctx, order: OrderDto): Promise<void> {
  for (const [i, part] of order.subOrders.entries()) {
    const items = part.lines.reduce((n, line) => n + line.quantity, 0);
    const label = `${order.orderNumber} P${String(i + 1)}`;
    await notifyProducer(tx, part.producerId, {
      kind: 'sub_order.placed',
      link: `${ORDERS_LINK}/${part.id}`,
      title: (l) => t(l, { vi: `Đơn mới ${label}`, en: `New order ${label}` }),
      body: (l) =>
        t(l, {
          vi: `${String(items)} sản phẩm, ${formatMoney('vi', part.total)}, cần xác nhận.`,
          en: `${String(items)} item(s), ${formatMoney('en', part.total)}, to confirm.`,
        }),
    });
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
    await notifyProducer(tx, sub.producer_id, {
      kind: `sub_order.${event}`,
      link: `${ORDERS_LINK}/${sub.id}`,
      title: (l) => `${label}: ${t(l, EVENT_LABELS[event])}`,
      body: (l) => step.reason ?? statusLine(l, step.next),
    });
  }
  if (order.email !== null && deps.mailer && BUYER_EVENTS.has(event)) {
    await deps.mailer.enqueue(tx, buyerMail(order.email, label, step.next, step.reason, order.locale));
  }
}

function statusLine(locale: Locale, next: SubOrderStates): string {
  return `${t(locale, FULFILMENT_LABELS[next.fulfilment])} · ${t(locale, PAYMENT_LABELS[next.payment])}`;
}

/** Plain text (nothing in it is ever markup), in the buyer's language, or in both when it is not known. */
export function buyerMail(
  to: string,
  label: string,
  next: SubOrderStates,
  reason: string | undefined,
  locale: Locale | null,
): Mail {
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
  if (locale !== null) {
    return { to, subject: `OCOP ${label}: ${statusLine(locale, next)}`, text: part(locale).join('\n') };
  }
  return {
    to,
    subject: `OCOP ${label}: ${statusLine('vi', next)} / ${statusLine('en', next)}`,
    text: [...part('vi'), '', ...part('en')].join('\n'),
  };
}
