import type { Ctx } from '../core/context.js';
import type {
  OrderLineTable,
  OrderTable,
  ProducerPayeeTable,
  SubOrderEventTable,
  SubOrderTable,
} from '../db/schema.js';

/** Orders, sub-orders, their lines and history, and the stock they draw on. Portable Kysely only. */

export interface ProductForSale {
  id: string;
  producer_id: string;
  name_vi: string;
  price_vnd: number | null;
  /** The product's current certificate, all null when it has none (expires_on is never null otherwise). */
  expires_on: string | null;
  revoked_on: string | null;
  superseded_by_id: string | null;
  /** Units for shipping; a product without a stock row has none. */
  stock: number | null;
}

export async function productsForSale(ctx: Ctx, ids: readonly string[]): Promise<ProductForSale[]> {
  if (ids.length === 0) return [];
  return ctx.db
    .selectFrom('products as p')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .leftJoin('product_stock as s', 's.product_id', 'p.id')
    .select(['p.id', 'p.producer_id', 'p.name_vi', 'p.price_vnd', 'c.expires_on', 'c.revoked_on'])
    .select(['c.superseded_by_id', 's.quantity as stock'])
    .where('p.id', 'in', [...ids])
    .execute();
}

/** Units of each of `ids` left at the sales point; products it does not stock are absent. */
export async function salesPointStock(
  ctx: Ctx,
  salesPointId: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('sales_point_products')
    .select(['product_id', 'quantity'])
    .where('sales_point_id', '=', salesPointId)
    .where('product_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.product_id, r.quantity ?? 0]));
}

export async function salesPointExists(ctx: Ctx, id: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('sales_points').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes `quantity` units if that many are left, in one statement: the row lock (PostgreSQL) or the write lock
 * (SQLite) makes a concurrent checkout see the new count, so two buyers never both get the last unit. Returns
 * whether the units were taken.
 */
export async function takeStock(ctx: Ctx, productId: string, quantity: number, at: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('product_stock')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity), updated_at: at }))
    .where('product_id', '=', productId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function takeSalesPointStock(
  ctx: Ctx,
  salesPointId: string,
  productId: string,
  quantity: number,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('sales_point_products')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('sales_point_id', '=', salesPointId)
    .where('product_id', '=', productId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function restoreStock(ctx: Ctx, productId: string, quantity: number, at: string): Promise<void> {
  await ctx.db
    .updateTable('product_stock')
    .set((eb) => ({ quantity: eb('quantity', '+', quantity), updated_at: at }))
    .where('product_id', '=', productId)
    .execute();
}

export async function restoreSalesPointStock(
  ctx: Ctx,
  salesPointId: string,
  productId: string,
  quantity: number,
): Promise<void> {
  await ctx.db
    .updateTable('sales_point_products')
    .set((eb) => ({ quantity: eb('quantity', '+', quantity) }))
    .where('sales_point_id', '=', salesPointId)
    .where('product_id', '=', productId)
    .execute();
}

/** Sets a product's stock for shipping (the producer's count), creating the row the first time. */
export async function setStock(ctx: Ctx, productId: string, quantity: number, at: string): Promise<void> {
  await ctx.db
    .insertInto('product_stock')
    .values({ product_id: productId, quantity, updated_at: at })
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ quantity, updated_at: at }))
    .execute();
}

export async function payeesOf(
  ctx: Ctx,
  producerIds: readonly string[],
): Promise<Map<string, ProducerPayeeTable>> {
  if (producerIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('producer_payees')
    .selectAll()
    .where('producer_id', 'in', [...producerIds])
    .execute();
  return new Map(rows.map((r) => [r.producer_id, r]));
}

export async function savePayee(ctx: Ctx, row: ProducerPayeeTable): Promise<void> {
  const { bank_bin, account_number, account_name, updated_at } = row;
  await ctx.db
    .insertInto('producer_payees')
    .values(row)
    .onConflict((oc) =>
      oc.column('producer_id').doUpdateSet({ bank_bin, account_number, account_name, updated_at }),
    )
    .execute();
}

export async function findOrderByKey(ctx: Ctx, key: string): Promise<OrderTable | undefined> {
  return ctx.db.selectFrom('orders').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findOrderByNumber(ctx: Ctx, number: string): Promise<OrderTable | undefined> {
  return ctx.db.selectFrom('orders').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findOrder(ctx: Ctx, id: string): Promise<OrderTable | undefined> {
  return ctx.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrder(ctx: Ctx, row: OrderTable): Promise<void> {
  await ctx.db.insertInto('orders').values(row).execute();
}

export async function insertSubOrder(ctx: Ctx, row: SubOrderTable): Promise<void> {
  await ctx.db.insertInto('sub_orders').values(row).execute();
}

export async function insertLines(ctx: Ctx, rows: readonly OrderLineTable[]): Promise<void> {
  if (rows.length > 0)
    await ctx.db
      .insertInto('order_lines')
      .values([...rows])
      .execute();
}

export async function insertSubOrderEvent(ctx: Ctx, row: SubOrderEventTable): Promise<void> {
  await ctx.db.insertInto('sub_order_events').values(row).execute();
}

export async function subOrdersOf(ctx: Ctx, orderId: string): Promise<SubOrderTable[]> {
  return ctx.db.selectFrom('sub_orders').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
}

export async function findSubOrder(ctx: Ctx, id: string): Promise<SubOrderTable | undefined> {
  return ctx.db.selectFrom('sub_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function linesOf(ctx: Ctx, subOrderIds: readonly string[]): Promise<OrderLineTable[]> {
  if (subOrderIds.length === 0) return [];
  return ctx.db
    .selectFrom('order_lines')
    .selectAll()
    .where('sub_order_id', 'in', [...subOrderIds])
    .orderBy('id')
    .execute();
}

export async function eventsOfSubOrder(ctx: Ctx, subOrderId: string): Promise<SubOrderEventTable[]> {
  return ctx.db
    .selectFrom('sub_order_events')
    .selectAll()
    .where('sub_order_id', '=', subOrderId)
    .orderBy('id')
    .execute();
}

/**
 * Moves a sub-order only if it is still in the states it was read in, so two concurrent transitions (two cancels
 * restoring the stock twice) cannot both apply. Returns whether it moved.
 */
export async function moveSubOrder(
  ctx: Ctx,
  current: Pick<SubOrderTable, 'id' | 'status' | 'payment_status'>,
  changes: Pick<SubOrderTable, 'status' | 'payment_status' | 'updated_at'> & {
    cancel_reason?: string;
    ship_before_payment?: 1;
  },
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('sub_orders')
    .set(changes)
    .where('id', '=', current.id)
    .where('status', '=', current.status)
    .where('payment_status', '=', current.payment_status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
