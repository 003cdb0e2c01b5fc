import { sql, type SqlBool } from 'kysely';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { Ctx } from '../core/context.js';
import { foldVi } from '../core/vi-text.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { SalesPointTable } from '../db/schema.js';

export interface SalesPointFilters {
  communes?: string[];
  locationType?: string;
  tourismLinked?: boolean;
  craftVillage?: string;
  product?: string;
  demo?: boolean;
  /** Part of the name, accent-insensitive. */
  q?: string;
  /** What the actor may list (back office); absent on the public API. */
  scope?: ListScope;
}

export const SALES_POINT_SORTS = [
  'name',
  '-name',
  'commune',
  '-commune',
  'locationType',
  '-locationType',
] as const;
export type SalesPointSort = (typeof SALES_POINT_SORTS)[number];

const SORT_COLUMNS = {
  name: 'sp.name_folded',
  commune: 'cm.name_folded',
  locationType: 'sp.location_type',
} as const;

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
  const text = f.q === undefined ? '' : foldVi(f.q.replace(/[%_\\]/g, ''));
  if (text) q = q.where('sp.name_folded', 'like', `%${text}%`);
  if (f.scope) q = q.where(inScope(f.scope, { commune: 'sp.commune_id', salesPoint: 'sp.id' }));
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
  sort: SalesPointSort,
  page: PageRequest,
) {
  const base = filtered(ctx, f);
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  const [rows, count] = await Promise.all([
    withDetails(base)
      .orderBy(sql.ref(column), desc ? 'desc' : 'asc')
      .orderBy('sp.name_folded')
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

export async function findSalesPointRaw(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('sales_points').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSalesPointRow(
  ctx: Ctx,
  id: string,
  patch: Partial<SalesPointTable>,
): Promise<void> {
  await ctx.db.updateTable('sales_points').set(patch).where('id', '=', id).execute();
}

/** Replaces what a point stocks: removes `removed`, adds `added`. */
export async function changeStock(
  ctx: Ctx,
  salesPointId: string,
  added: readonly string[],
  removed: readonly string[],
): Promise<void> {
  if (removed.length) {
    await ctx.db
      .deleteFrom('sales_point_products')
      .where('sales_point_id', '=', salesPointId)
      .where('product_id', 'in', [...removed])
      .execute();
  }
  if (added.length) {
    await ctx.db
      .insertInto('sales_point_products')
      .values(added.map((product_id) => ({ sales_point_id: salesPointId, product_id })))
      .execute();
  }
}

/** Ids among `ids` that name no product. */
export async function unknownProducts(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('products')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return ids.filter((id) => !found.has(id));
}

export interface ProductChoice {
  id: string;
  name_vi: string;
  name_en: string | null;
  producer_name: string;
  stars: number | null;
}

function productChoices(ctx: Ctx) {
  return ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select(['p.id', 'p.name_vi', 'p.name_en', 'pr.name as producer_name', 'c.stars']);
}

/** The products a point stocks, with what a picker shows. */
export async function stockedProducts(ctx: Ctx, salesPointId: string): Promise<ProductChoice[]> {
  return productChoices(ctx)
    .innerJoin('sales_point_products as spp', 'spp.product_id', 'p.id')
    .where('spp.sales_point_id', '=', salesPointId)
    .orderBy('p.name_folded')
    .execute();
}

/** Products whose name contains the words (accent-insensitive), for the stock picker. */
export async function findProductChoices(ctx: Ctx, words: string, limit: number): Promise<ProductChoice[]> {
  const text = foldVi(words.replace(/[%_\\]/g, ''));
  if (!text) return [];
  return productChoices(ctx)
    .where('p.name_folded', 'like', `%${text}%`)
    .orderBy('p.name_folded')
    .limit(limit)
    .execute();
}
