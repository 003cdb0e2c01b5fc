import { recordAudit } from '../audit/audit.repository.js';
import { assertCurrentCommune } from '../catalog/references.repository.js';
import { certificateStatus } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { newId, newSortableId } from '../core/ids.js';
import type { OrderLineTable, OrderTable, ProducerPayeeTable, SubOrderTable } from '../db/schema.js';
import type { Mail } from '../mail/mailer.js';
import { priceBasket, type PricedOrder, type ShopProduct } from './basket.js';
import {
  checkOrderInput,
  IDEMPOTENCY_KEY,
  normalizePhone,
  requestHash,
  type CheckedOrder,
} from './order.input.js';
import { orderMail } from './order.mail.js';
import { noticeOrderPlaced } from './order-notices.js';
import { signalSoldOut } from './stock-signals.js';
import {
  checkoutError,
  keyReusedError,
  noPayeeError,
  soldOutError,
  type NotAtSalesPoint,
} from './order.problems.js';
import { presentOrder, type OrderDto } from './order.presenter.js';
import * as repo from './order.repository.js';
import { retryOnContention } from './order.retry.js';
import { vietQrPayload } from './vietqr.js';

/**
 * Checkout (issue 9): one request, one transaction. The server prices everything again, takes the stock with
 * conditional updates (no overselling, whatever runs beside it), splits the order into one sub-order per producer
 * with its own VietQR transfer, and answers a replayed request with the order it already made.
 */

export interface OrderDeps {
  /** Where the buyer's confirmation goes (the outbox, in the checkout's transaction). */
  mailer?: { enqueue(ctx: Ctx, mail: Mail): Promise<void> };
}

export async function createOrder(
  ctx: Ctx,
  input: unknown,
  idempotencyKey: string,
  deps: OrderDeps = {},
): Promise<OrderDto> {
  checkKey(idempotencyKey);
  const order = checkOrderInput(input);
  const hash = requestHash(order);
  return retryOnContention(ctx, () =>
    inTransaction(ctx, async (tx) => {
      const existing = await repo.findOrderByKey(tx, idempotencyKey);
      if (existing) {
        if (existing.request_hash !== hash) throw keyReusedError();
        return loadOrder(tx, existing.id);
      }
      const priced = await priceOrder(tx, order);
      const payees = await payeesFor(tx, order, priced);
      await takeStock(tx, order, priced);
      // A shipping order that took a product's last unit changes its public page.
      if (order.delivery.method === 'ship') {
        await signalSoldOut(
          tx,
          order.items.map((i) => i.productId),
        );
      }
      const view = await writeOrder(tx, order, priced, payees, { key: idempotencyKey, hash });
      await noticeOrderPlaced(tx, view);
      if (order.customer.email !== undefined && deps.mailer) {
        await deps.mailer.enqueue(tx, orderMail(tx.locale, order.customer.email, view));
      }
      return view;
    }),
  );
}

function checkKey(key: string): void {
  if (key.length < IDEMPOTENCY_KEY.minLength || key.length > IDEMPOTENCY_KEY.maxLength) {
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key: cần một mã 8–100 ký tự, mỗi lần đặt hàng một mã',
        messageEn: 'Idempotency-Key: send a key of 8–100 characters, one per checkout',
      },
    ]);
  }
}

/** The basket priced against the products as they are now (for pickup: the sales point's stock), or refused. */
async function priceOrder(tx: Ctx, order: CheckedOrder): Promise<PricedOrder> {
  await checkDelivery(tx, order);
  const ids = [...new Set(order.items.map((item) => item.productId))];
  const rows = await repo.productsForSale(tx, ids);
  const atPoint =
    order.delivery.method === 'pickup'
      ? await repo.salesPointStock(tx, order.delivery.salesPointId, ids)
      : null;
  const today = todayInVietnam(tx.clock);
  const products: ShopProduct[] = rows.map((row) => ({
    id: row.id,
    producerId: row.producer_id,
    name: row.name_vi,
    priceVnd: row.price_vnd,
    stock: atPoint ? (atPoint.get(row.id) ?? 0) : (row.stock ?? 0),
    certificateStatus:
      // A product without a current certificate joins none: no expiry date.
      row.expires_on !== null
        ? certificateStatus(
            { expiresOn: row.expires_on, revokedOn: row.revoked_on, supersededById: row.superseded_by_id },
            today,
          )
        : null,
  }));
  const seen = new Map(Object.entries(order.seenPrices ?? {}));
  const result = priceBasket(order.items, products, seen);
  const missing: NotAtSalesPoint[] = atPoint
    ? rows.filter((r) => !atPoint.has(r.id)).map((r) => ({ kind: 'not_at_sales_point', productId: r.id }))
    : [];
  if (result.ok && missing.length === 0) return result.order;
  const absent = new Set(missing.map((m) => m.productId));
  // A product the point does not hold is told so once, not also as "only 0 left".
  const problems = result.ok
    ? []
    : result.problems.filter((p) => !(p.kind === 'over_stock' && absent.has(p.productId)));
  throw checkoutError([...missing, ...problems], order.items);
}

async function checkDelivery(tx: Ctx, order: CheckedOrder): Promise<void> {
  if (order.delivery.method === 'ship') {
    const problem = await assertCurrentCommune(
      tx,
      order.delivery.address.communeId,
      'delivery.address.communeId',
    );
    if (problem) throw new ValidationError([problem]);
  } else if (!(await repo.salesPointExists(tx, order.delivery.salesPointId))) {
    throw new ValidationError([
      {
        field: 'delivery.salesPointId',
        message: 'delivery.salesPointId: không có điểm bán này',
        messageEn: 'delivery.salesPointId: no such sales point',
      },
    ]);
  }
}

/** VietQR: every producer of the order must have a bank account on file. */
async function payeesFor(tx: Ctx, order: CheckedOrder, priced: PricedOrder) {
  if (order.payment !== 'vietqr') return new Map<string, ProducerPayeeTable>();
  const payees = await repo.payeesOf(
    tx,
    priced.parts.map((p) => p.producerId),
  );
  const without = priced.parts.filter((p) => !payees.has(p.producerId));
  if (without.length > 0) throw noPayeeError(without.flatMap((p) => p.lines.map((l) => `"${l.name}"`)));
  return payees;
}

/**
 * Takes every line's units, in product id order (two orders sharing products lock their rows in the same order,
 * so PostgreSQL never deadlocks them). One line that cannot be served rolls the whole order back.
 */
async function takeStock(tx: Ctx, order: CheckedOrder, priced: PricedOrder): Promise<void> {
  const at = tx.clock.now().toISOString();
  const lines = priced.parts.flatMap((p) => p.lines).sort((a, b) => (a.productId < b.productId ? -1 : 1));
  for (const line of lines) {
    const taken =
      order.delivery.method === 'pickup'
        ? await repo.takeSalesPointStock(tx, order.delivery.salesPointId, line.productId, line.quantity)
        : await repo.takeStock(tx, line.productId, line.quantity, at);
    if (!taken) {
      const index = order.items.findIndex((item) => item.productId === line.productId);
      throw soldOutError(`items.${String(index)}`, line.name);
    }
  }
}

/** `YYMM` of the day in Hà Nội and 6 random Crockford characters (a billion a month): short to read out, hard to guess. */
function orderNumber(tx: Ctx): string {
  const today = todayInVietnam(tx.clock);
  return `${today.slice(2, 4)}${today.slice(5, 7)}${newId('').slice(1, 7).toUpperCase()}`;
}

async function writeOrder(
  tx: Ctx,
  order: CheckedOrder,
  priced: PricedOrder,
  payees: ReadonlyMap<string, ProducerPayeeTable>,
  idempotency: { key: string; hash: string },
): Promise<OrderDto> {
  const id = newId('ord');
  const number = orderNumber(tx);
  const now = tx.clock.now().toISOString();
  const { delivery } = order;
  const row: OrderTable = {
    id,
    number,
    customer_name: order.customer.name,
    phone: order.customer.phone,
    email: order.customer.email ?? null,
    delivery_method: delivery.method,
    address: delivery.method === 'ship' ? JSON.stringify(delivery.address) : null,
    commune_id: delivery.method === 'ship' ? delivery.address.communeId : null,
    sales_point_id: delivery.method === 'pickup' ? delivery.salesPointId : null,
    payment: order.payment,
    total_vnd: priced.totalVnd,
    idempotency_key: idempotency.key,
    request_hash: idempotency.hash,
    locale: tx.locale,
    created_at: now,
  };
  await repo.insertOrder(tx, row);
  const written: Array<{ sub: SubOrderTable; lines: OrderLineTable[] }> = [];
  for (const [i, part] of priced.parts.entries()) {
    const w = await writeSubOrder(tx, {
      orderId: id,
      number,
      seq: i + 1,
      part,
      payee: payees.get(part.producerId),
      now,
    });
    written.push(w);
  }
  await recordAudit(tx, {
    action: 'order.create',
    entityType: 'order',
    entityId: id,
    changes: {
      number,
      total: priced.totalVnd,
      payment: order.payment,
      delivery: delivery.method,
      subOrders: priced.parts.length,
    },
  });
  // Presented from the rows just written, not read back: SQLite has one writer, and every query inside the
  // checkout's transaction holds it longer for the same answer (bench/checkout.ts).
  return presentOrder(
    row,
    written.map((w) => w.sub),
    written.flatMap((w) => w.lines),
  );
}

async function writeSubOrder(
  tx: Ctx,
  s: {
    orderId: string;
    number: string;
    seq: number;
    part: PricedOrder['parts'][number];
    payee: ProducerPayeeTable | undefined;
    now: string;
  },
): Promise<{ sub: SubOrderTable; lines: OrderLineTable[] }> {
  const id = newId('sub');
  const vietqr =
    s.payee === undefined
      ? null
      : vietQrPayload({
          bankBin: s.payee.bank_bin,
          accountNumber: s.payee.account_number,
          amount: s.part.subtotalVnd,
          memo: `OCOP ${s.number} P${String(s.seq)}`,
          ...(s.payee.account_name === null ? {} : { accountName: s.payee.account_name }),
        });
  const sub: SubOrderTable = {
    id,
    order_id: s.orderId,
    seq: s.seq,
    producer_id: s.part.producerId,
    total_vnd: s.part.subtotalVnd,
    status: 'placed',
    payment_status: 'pending',
    ship_before_payment: 0,
    vietqr_payload: vietqr,
    cancel_reason: null,
    created_at: s.now,
    updated_at: s.now,
  };
  await repo.insertSubOrder(tx, sub);
  const lines = s.part.lines.map((line) => ({
    id: newSortableId('oln'),
    sub_order_id: id,
    product_id: line.productId,
    name: line.name,
    unit_price_vnd: line.unitPriceVnd,
    quantity: line.quantity,
  }));
  await repo.insertLines(tx, lines);
  await repo.insertSubOrderEvent(tx, {
    id: newSortableId('soe'),
    sub_order_id: id,
    event: 'place',
    from_status: null,
    to_status: 'placed',
    from_payment: null,
    to_payment: 'pending',
    actor: `${tx.actor.kind}:${tx.actor.id}`,
    reason: null,
    at: s.now,
  });
  return { sub, lines };
}

export async function loadOrder(ctx: Ctx, id: string): Promise<OrderDto> {
  const order = await repo.findOrder(ctx, id);
  if (!order) throw new NotFoundError('order', id);
  const subs = await repo.subOrdersOf(ctx, order.id);
  const lines = await repo.linesOf(
    ctx,
    subs.map((s) => s.id),
  );
  return presentOrder(order, subs, lines);
}

/**
 * The order as its buyer sees it without an account: by its number and the phone given at checkout. An unknown
 * number and a wrong phone give the same answer, so the page teaches nothing about other people's orders.
 */
export async function getOrderForBuyer(ctx: Ctx, number: string, phone: string): Promise<OrderDto> {
  const wanted = number.trim().toUpperCase();
  const order = await repo.findOrderByNumber(ctx, wanted);
  const given = normalizePhone(phone);
  if (!order || given === null || order.phone !== given) {
    // Neither the number nor the phone is echoed: every miss reads the same.
    throw new DomainError(
      'not_found',
      'Không tìm thấy đơn hàng với mã đơn và số điện thoại này.',
      'No order matches this order number and phone number.',
    );
  }
  return loadOrder(ctx, order.id);
}
