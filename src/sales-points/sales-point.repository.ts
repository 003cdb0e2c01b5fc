import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { SalesPointTable } from '../db/schema.js';

export interface SalesPointFilters {
  communes?: string[];
  locationType?: string;
  tourismLinked?: boolean;
  craftVillage?: string;
  product?: string;
  demo?: boolean;
}

const NOTHING = sql<SqlBool>`1 = 0`;
const PRODUCT_COUNT = sql<number>`(select count(*) from sales_point_products spp where spp.sales_point_id = sp.id)`;

function filtered(ctx: Ctx, f: SalesPointFilters) {
  let q = ctx.db.selectFrom('sales_points as sp').innerJoin('admin_units as cm', 'cm.id', 'sp.commune_id');
  if (f.communes) q = f.communes.length ? q.where('sp.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.locationType !== undefined) q = q.where('sp.location_type', '=', f.locationType);
  if (f.tourismLinked !== undefined) {
    q = f.tourismLinked
      ? q.where((eb) => eb.or([eb('sp.tourism_linked', '=', 1), eb('sp.craft_village_id', 'is not', null)]))
      : q.where('sp.tourism_linked', '=', 0).where('sp.craft_village_id', 'is', null);
  }
  if (f.craftVillage !== undefined) q = q.where('sp.craft_village_id', '=', f.craftVillage);
  const product = f.product;
  if (product !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sales_point_products as spp')
          .select('spp.product_id')
          .whereRef('spp.sales_point_id', '=', 'sp.id')
          .where('spp.product_id', '=', product),
      ),
    );
  }
  if (f.demo !== undefined) q = q.where('sp.demo', '=', f.demo ? 1 : 0);
  return q;
}

function withDetails(q: ReturnType<typeof filtered>) {
  return q
    .leftJoin('craft_villages as cv', 'cv.id', 'sp.craft_village_id')
    .selectAll('sp')
    .select([
      'cm.full_name as commune_name',
      'cv.name as craft_village_name',
      PRODUCT_COUNT.as('product_count'),
    ]);
}

export async function listSalesPoints(
  ctx: Ctx,
  f: SalesPointFilters,
  sort: 'name' | '-name',
  page: PageRequest,
) {
  const base = filtered(ctx, f);
  const [rows, count] = await Promise.all([
    withDetails(base)
      .orderBy('sp.name_folded', sort === '-name' ? 'desc' : 'asc')
      .orderBy('sp.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function findSalesPoint(ctx: Ctx, id: string) {
  return withDetails(filtered(ctx, {})).where('sp.id', '=', id).executeTakeFirst();
}

export type SalesPointRow = NonNullable<Awaited<ReturnType<typeof findSalesPoint>>>;

export async function stockedProductIds(ctx: Ctx, salesPointId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('sales_point_products')
    .select('product_id')
    .where('sales_point_id', '=', salesPointId)
    .orderBy('product_id')
    .execute();
  return rows.map((r) => r.product_id);
}

export async function insertSalesPoint(ctx: Ctx, row: SalesPointTable, productIds: string[]): Promise<void> {
  await ctx.db.insertInto('sales_points').values(row).execute();
  if (productIds.length) {
    await ctx.db
      .insertInto('sales_point_products')
      .values(productIds.map((product_id) => ({ sales_point_id: row.id, product_id })))
      .execute();
  }
}
