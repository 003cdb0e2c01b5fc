import { authorize, can, scopeOf } from '../accounts/policy.js';
import { snapshotOf, workflowActor } from './order.transition.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import type { OrderLineTable, SubOrderEventTable } from '../db/schema.js';
import * as orders from './order.repository.js';
import * as repo from './producer-shop.repository.js';
import {
  availableEvents,
  type FulfilmentState,
  type PaymentState,
  type SubOrderEvent,
} from './sub-order.workflow.js';
import { vietQrMemo, vietQrProblems } from './vietqr.js';

/**
 * The shop as producers run it in the back office (issue 9): the sub-orders to handle, their detail with the events
 * the actor may fire, the stock for shipping, the bank account VietQR transfers go to, and sales by month. Every
 * read is narrowed by the policy; every write is authorized and audited.
 */

export const MAX_STOCK = 1_000_000;
const VN_OFFSET_MS = 7 * 3600 * 1000;

export async function listSubOrders(ctx: Ctx, f: repo.SubOrderFilter) {
  authorize(ctx.actor, 'list', { type: 'subOrder' });
  return repo.listSubOrders(ctx, scopeOf(ctx.actor, 'subOrder'), f);
}

export interface SubOrderDetail {
  id: string;
  number: string;
  seq: number;
  createdAt: string;
  producer: { id: string; name: string };
  total: number;
  status: FulfilmentState;
  paymentStatus: PaymentState;
  payment: 'cod' | 'vietqr';
  cancelReason: string | null;
  buyer: { name: string; phone: string; email: string | null };
  delivery:
    | { method: 'ship'; line: string; commune: string | null }
    | { method: 'pickup'; salesPoint: string | null };
  lines: OrderLineTable[];
  history: SubOrderEventTable[];
  /** The transfer memo the producer matches on the bank statement (VietQR only). */
  memo: string | null;
  vietqr: string | null;
  events: SubOrderEvent[];
  /** The producer chose to send this VietQR part before its transfer arrived. */
  shipBeforePayment: boolean;
  mayShipUnpaid: boolean;
}

export async function getSubOrder(ctx: Ctx, id: string): Promise<SubOrderDetail> {
  const sub = await orders.findSubOrder(ctx, id);
  if (!sub) throw new NotFoundError('subOrder', id);
  authorize(ctx.actor, 'read', { type: 'subOrder', producerId: sub.producer_id });
  const order = await orders.findOrder(ctx, sub.order_id);
  if (!order) throw new NotFoundError('order', sub.order_id);
  const [producer, lines, history] = await Promise.all([
    repo.producerOf(ctx, sub.producer_id),
    orders.linesOf(ctx, [sub.id]),
    orders.eventsOfSubOrder(ctx, sub.id),
  ]);
  const snapshot = snapshotOf(sub, order);
  const actor = workflowActor(ctx, sub.producer_id);
  const events = availableEvents(snapshot, actor);
  return {
    id: sub.id,
    number: order.number,
    seq: sub.seq,
    createdAt: sub.created_at,
    producer: { id: sub.producer_id, name: producer?.name ?? sub.producer_id },
    total: sub.total_vnd,
    status: snapshot.fulfilment,
    paymentStatus: snapshot.payment,
    payment: order.payment,
    cancelReason: sub.cancel_reason,
    buyer: { name: order.customer_name, phone: order.phone, email: order.email },
    delivery: await deliveryOf(ctx, order),
    lines,
    history,
    memo: order.payment === 'vietqr' ? vietQrMemo(`OCOP ${order.number} P${String(sub.seq)}`) : null,
    vietqr: sub.vietqr_payload,
    events,
    shipBeforePayment: snapshot.shipBeforePayment,
    // Offered on its own form: shipping a VietQR part before the transfer is the producer's explicit choice.
    mayShipUnpaid:
      !events.includes('ship') &&
      availableEvents({ ...snapshot, shipBeforePayment: true }, actor).includes('ship'),
  };
}

async function deliveryOf(
  ctx: Ctx,
  order: { address: string | null; sales_point_id: string | null },
): Promise<SubOrderDetail['delivery']> {
  if (order.sales_point_id !== null) {
    return { method: 'pickup', salesPoint: await repo.salesPointName(ctx, order.sales_point_id) };
  }
  const address = JSON.parse(order.address ?? '{}') as { line?: string; communeId?: string };
  const commune = address.communeId ? await repo.communeName(ctx, address.communeId) : null;
  return { method: 'ship', line: address.line ?? '', commune };
}

function stockProblem(productId: string, quantity: number): ValidationError | null {
  if (Number.isInteger(quantity) && quantity >= 0 && quantity <= MAX_STOCK) return null;
  return new ValidationError([
    {
      field: `stock.${productId}`,
      message: `Tồn kho phải là số nguyên từ 0 đến ${MAX_STOCK.toLocaleString('vi-VN')}.`,
      messageEn: `Stock must be a whole number from 0 to ${MAX_STOCK.toLocaleString('en-GB')}.`,
    },
  ]);
}

/** Sets the units a product has for shipping (the producer's own count). */
export async function setProductStock(ctx: Ctx, productId: string, quantity: number): Promise<void> {
  const problem = stockProblem(productId, quantity);
  if (problem) throw problem;
  await inTransaction(ctx, async (tx) => {
    const product = await repo.productOwner(tx, productId);
    if (!product) throw new NotFoundError('product', productId);
    authorize(tx.actor, 'update', {
      type: 'product',
      producerId: product.producer_id,
      communeId: product.commune_id,
    });
    const before = await repo.stockOf(tx, productId);
    if (before === quantity) return;
    await orders.setStock(tx, productId, quantity, tx.clock.now().toISOString());
    await recordAudit(tx, {
      action: 'product.stock',
      entityType: 'product',
      entityId: productId,
      changes: { stock: [before, quantity] },
    });
  });
}

/** Several products at once (the stock form): all or none. */
export async function setProductStocks(
  ctx: Ctx,
  entries: ReadonlyArray<{ productId: string; quantity: number }>,
): Promise<void> {
  const problems = entries.flatMap((e) => stockProblem(e.productId, e.quantity)?.details ?? []);
  if (problems.length > 0) throw new ValidationError(problems);
  await inTransaction(ctx, async (tx) => {
    for (const e of entries) await setProductStock(tx, e.productId, e.quantity);
  });
}

export interface PayeeInput {
  bankBin: string;
  accountNumber: string;
  accountName?: string | undefined;
}

/** Where this producer's VietQR transfers go; refused with every bad field named, nothing written. */
export async function saveProducerPayee(ctx: Ctx, producerId: string, input: PayeeInput): Promise<void> {
  const name = input.accountName?.trim() ?? '';
  const problems = vietQrProblems({
    bankBin: input.bankBin.trim(),
    accountNumber: input.accountNumber.trim(),
    amount: 1,
    memo: 'OCOP',
  });
  if (name.length > 100) {
    problems.push({
      field: 'accountName',
      message: 'Tên chủ tài khoản dài tối đa 100 ký tự.',
      messageEn: 'The account holder’s name may be at most 100 characters.',
    });
  }
  await inTransaction(ctx, async (tx) => {
    const producer = await repo.producerOf(tx, producerId);
    if (!producer) throw new NotFoundError('producer', producerId);
    authorize(tx.actor, 'update', { type: 'producer', id: producerId, communeId: producer.commune_id });
    if (problems.length > 0) throw new ValidationError(problems);
    const row = {
      producer_id: producerId,
      bank_bin: input.bankBin.trim(),
      account_number: input.accountNumber.trim(),
      account_name: name === '' ? null : name,
      updated_at: tx.clock.now().toISOString(),
    };
    await orders.savePayee(tx, row);
    await recordAudit(tx, {
      action: 'producer.payee',
      entityType: 'producer',
      entityId: producerId,
      changes: { bankBin: row.bank_bin, accountNumber: row.account_number, accountName: row.account_name },
    });
  });
}

export async function payeeOf(ctx: Ctx, producerId: string) {
  authorize(ctx.actor, 'read', { type: 'producer', id: producerId });
  return (await orders.payeesOf(ctx, [producerId])).get(producerId) ?? null;
}

export interface SalesRow {
  /** YYYY-MM in Hà Nội. */
  month: string;
  producerId: string;
  producerName: string;
  communeId: string;
  communeName: string | null;
  subOrders: number;
  totalVnd: number;
}

/**
 * Sales by month (confirmed onwards, not cancelled or returned), per producer. With a producer: theirs; without:
 * the whole city, for the city office only. Newest month first, then by producer name.
 */
export async function salesByMonth(ctx: Ctx, producerId?: string): Promise<SalesRow[]> {
  if (producerId !== undefined) {
    authorize(ctx.actor, 'read', { type: 'subOrder', producerId });
  } else if (!scopeOf(ctx.actor, 'subOrder').all || !can(ctx.actor, 'list', { type: 'subOrder' })) {
    throw new ForbiddenError();
  }
  const groups = new Map<string, SalesRow>();
  for (const sale of await repo.sales(ctx, producerId)) {
    const month = new Date(new Date(sale.created_at).getTime() + VN_OFFSET_MS).toISOString().slice(0, 7);
    const key = `${month}|${sale.producer_id}`;
    const row = groups.get(key) ?? {
      month,
      producerId: sale.producer_id,
      producerName: sale.producer_name,
      communeId: sale.commune_id,
      communeName: sale.commune_name,
      subOrders: 0,
      totalVnd: 0,
    };
    row.subOrders += 1;
    row.totalVnd += sale.total_vnd;
    groups.set(key, row);
  }
  return [...groups.values()].sort(
    (a, b) => b.month.localeCompare(a.month) || a.producerName.localeCompare(b.producerName, 'vi'),
  );
}

/** The city's sales by commune and month, from the per-producer rows. */
export function salesByCommune(rows: readonly SalesRow[]): SalesRow[] {
  const groups = new Map<string, SalesRow>();
  for (const r of rows) {
    const key = `${r.month}|${r.communeId}`;
    const g = groups.get(key) ?? { ...r, producerId: '', producerName: '', subOrders: 0, totalVnd: 0 };
    g.subOrders += r.subOrders;
    g.totalVnd += r.totalVnd;
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.month.localeCompare(a.month) || (a.communeName ?? '').localeCompare(b.communeName ?? '', 'vi'),
  );
}
