import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { Ctx } from '../core/context.js';

/** What the back office reads of the shop: a producer's sub-orders, their stock and their sales. Portable Kysely. */

export interface SubOrderListRow {
  id: string;
  seq: number;
  number: string;
  created_at: string;
  customer_name: string;
  total_vnd: number;
  status: string;
  payment_status: string;
  payment: 'cod' | 'vietqr';
  producer_id: string;
  producer_name: string;
}

export interface SubOrderFilter {
  status?: string | undefined;
  page: number;
  limit: number;
}

function listQuery(ctx: Ctx, scope: ListScope, f: SubOrderFilter) {
  let q = ctx.db
    .selectFrom('sub_orders as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .innerJoin('producers as p', 'p.id', 's.producer_id')
    .where(inScope(scope, { producer: 's.producer_id' }));
  if (f.status) q = q.where('s.status', '=', f.status);
  return q;
}

/** Newest first; `total` counts every row of the filter, for the pages. */
export async function listSubOrders(
  ctx: Ctx,
  scope: ListScope,
  f: SubOrderFilter,
): Promise<{ rows: SubOrderListRow[]; total: number }> {
  const rows = await listQuery(ctx, scope, f)
    .select(['s.id', 's.seq', 'o.number', 's.created_at', 'o.customer_name', 's.total_vnd', 's.status'])
    .select(['s.payment_status', 'o.payment', 's.producer_id', 'p.name as producer_name'])
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .limit(f.limit)
    .offset((f.page - 1) * f.limit)
    .execute();
  const count = await listQuery(ctx, scope, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function producerOf(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; name: string; commune_id: string } | undefined> {
  return ctx.db
    .selectFrom('producers')
    .select(['id', 'name', 'commune_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function productOwner(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; producer_id: string; commune_id: string } | undefined> {
  return ctx.db
    .selectFrom('products')
    .select(['id', 'producer_id', 'commune_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function stockOf(ctx: Ctx, productId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('product_stock')
    .select('quantity')
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row?.quantity ?? 0;
}

/** Of `productIds`, those with no shipping stock left. */
export async function soldOut(ctx: Ctx, productIds: readonly string[]): Promise<string[]> {
  if (productIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('product_stock')
    .select('product_id')
    .where('product_id', 'in', productIds)
    .where('quantity', '<=', 0)
    .execute();
  return rows.map((r) => r.product_id);
}

export interface StockRow {
  id: string;
  name_vi: string;
  price_vnd: number | null;
  quantity: number | null;
}

/** The producer's products with their stock for shipping (null: never counted, sells as 0). */
export async function productsWithStock(ctx: Ctx, producerId: string): Promise<StockRow[]> {
  return ctx.db
    .selectFrom('products as p')
    .leftJoin('product_stock as s', 's.product_id', 'p.id')
    .select(['p.id', 'p.name_vi', 'p.price_vnd', 's.quantity'])
    .where('p.producer_id', '=', producerId)
    .orderBy('p.name_vi')
    .orderBy('p.id')
    .limit(500)
    .execute();
}

export interface SaleRow {
  created_at: string;
  total_vnd: number;
  producer_id: string;
  producer_name: string;
  commune_id: string;
  commune_name: string | null;
}

/**
 * Sub-orders that count as sales: accepted by the producer and not cancelled or returned. One row each; the
 * service groups them by month in Hà Nội time, which SQL cannot do the same way on both engines.
 */
export const SOLD_STATES = ['confirmed', 'packed', 'shipped', 'delivered'] as const;

export async function sales(ctx: Ctx, producerId?: string): Promise<SaleRow[]> {
  let q = ctx.db
    .selectFrom('sub_orders as s')
    .innerJoin('producers as p', 'p.id', 's.producer_id')
    .leftJoin('admin_units as u', 'u.id', 'p.commune_id')
    .select(['s.created_at', 's.total_vnd', 's.producer_id', 'p.name as producer_name'])
    .select(['p.commune_id', 'u.name as commune_name'])
    .where('s.status', 'in', [...SOLD_STATES]);
  if (producerId !== undefined) q = q.where('s.producer_id', '=', producerId);
  return q.execute();
}

/** Names for the delivery block: the commune of a shipping address, the sales point of a pickup. */
export async function communeName(ctx: Ctx, id: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('admin_units').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export async function salesPointName(ctx: Ctx, id: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('sales_points').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}
