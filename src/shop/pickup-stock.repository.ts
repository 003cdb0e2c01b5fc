import type { Ctx } from '../core/context.js';

/**
 * Units left at a sales point for pickup (`sales_point_products.quantity`, migration 0009), as the point's own
 * operator counts them. Checkout takes from the same column (order.repository.ts `takeSalesPointStock`). Portable
 * Kysely only.
 */

export interface PickupPoint {
  id: string;
  name: string;
  commune_id: string;
}

export interface PickupStockRow {
  product_id: string;
  name_vi: string;
  name_en: string | null;
  producer_name: string;
  quantity: number;
}

export async function pickupPoint(ctx: Ctx, id: string): Promise<PickupPoint | undefined> {
  return ctx.db
    .selectFrom('sales_points')
    .select(['id', 'name', 'commune_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The products the point carries with their pickup count, by name. */
export async function pickupStockOf(ctx: Ctx, salesPointId: string): Promise<PickupStockRow[]> {
  const rows = await ctx.db
    .selectFrom('sales_point_products as spp')
    .innerJoin('products as p', 'p.id', 'spp.product_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .select(['spp.product_id', 'p.name_vi', 'p.name_en', 'pr.name as producer_name', 'spp.quantity'])
    .where('spp.sales_point_id', '=', salesPointId)
    .orderBy('p.name_folded')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, quantity: r.quantity ?? 0 }));
}

/** Sets the count of one product the point carries; false when it carries no such product. */
export async function setPickupQuantity(
  ctx: Ctx,
  salesPointId: string,
  productId: string,
  quantity: number,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('sales_point_products')
    .set({ quantity })
    .where('sales_point_id', '=', salesPointId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
