import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import { certificateStatusIs } from '../certificates/certificate-status.sql.js';
import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { DB, ProductTable } from '../db/schema.js';

export const PRODUCT_SORTS = [
  'name',
  '-name',
  'stars',
  '-stars',
  'score',
  '-score',
  'expiresOn',
  '-expiresOn',
  'createdAt',
  '-createdAt',
] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductFilters {
  stars?: number[];
  sector?: string;
  scorecard?: number;
  /** Communes in force today (an old unit is expanded by the service). */
  communes?: string[];
  craftVillage?: string;
  producer?: string;
  certificate?: CertificateStatus;
  demo?: boolean;
  /** Folded words (foldVi) the name must contain. */
  q?: string | undefined;
  /** What the actor may list (back office). */
  scope?: ListScope | undefined;
}

type Joined = SelectQueryBuilder<DB & { p: DB['products']; c: DB['certificates'] }, 'p' | 'c', object>;

/**
 * The filtered products. Filters and sorts read the product's copy of its current certificate (`cur_*`, kept by
 * the database, migration 0011), so counts and pages use the products' own indexes; the certificate itself is
 * joined only for the rows shown (`withCertificate`).
 */
function filtered(ctx: Ctx, f: ProductFilters, today: string, withCertificate = true): Joined {
  const products = ctx.db.selectFrom('products as p');
  let q = (withCertificate
    ? products.leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    : products) as unknown as Joined;
  // A revoked certificate no longer gives its stars.
  if (f.stars?.length) q = q.where('p.cur_stars', 'in', f.stars).where(NOT_REVOKED);
  const sector = f.sector;
  if (sector !== undefined) {
    q = q.where('p.scorecard_id', 'in', (eb) =>
      eb.selectFrom('scorecards as s').select('s.id').where('s.sector_code', '=', sector),
    );
  }
  if (f.scorecard !== undefined) q = q.where('p.scorecard_id', '=', f.scorecard);
  if (f.communes) q = f.communes.length ? q.where('p.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.craftVillage !== undefined) q = q.where('p.craft_village_id', '=', f.craftVillage);
  if (f.producer !== undefined) q = q.where('p.producer_id', '=', f.producer);
  if (f.certificate !== undefined) q = q.where(certificateStatusIs('p', f.certificate, today, 'cur_'));
  if (f.demo !== undefined) q = q.where('p.demo', '=', f.demo ? 1 : 0);
  if (f.q) q = q.where('p.name_folded', 'like', `%${f.q}%`);
  if (f.scope) q = q.where(inScope(f.scope, { commune: 'p.commune_id', producer: 'p.producer_id' }));
  return q;
}

const NOTHING = sql<SqlBool>`1 = 0`;
const NOT_REVOKED = sql<SqlBool>`p.cur_revoked_on is null`;

const SORT_COLUMNS = {
  name: 'p.name_folded',
  stars: 'p.cur_stars',
  score: 'p.cur_score',
  expiresOn: 'p.cur_expires_on',
  createdAt: 'p.created_at',
} as const;

export async function listProducts(
  ctx: Ctx,
  f: ProductFilters,
  sort: ProductSort,
  page: PageRequest,
  today: string,
) {
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  // Two steps: the page's ids from the filtered, sorted products alone, then the details of those 20 rows —
  // joining producers, communes and the rest before the sort would cost a lookup per matching product.
  const [ids, count] = await Promise.all([
    filtered(ctx, f, today, false)
      .select('p.id')
      .orderBy(sql.ref(column), desc ? 'desc' : 'asc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    filtered(ctx, f, today, false)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const order = new Map(ids.map((r, i) => [r.id, i]));
  const rows = ids.length
    ? await withDetails(filtered(ctx, {}, today))
        .where('p.id', 'in', [...order.keys()])
        .execute()
    : [];
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { rows, total: count.n };
}

export async function findProduct(ctx: Ctx, id: string) {
  return withDetails(filtered(ctx, {}, '0000-01-01'))
    .where('p.id', '=', id)
    .executeTakeFirst();
}

function withDetails(q: Joined) {
  return (
    q as unknown as SelectQueryBuilder<DB & { p: ProductTable; c: DB['certificates'] }, 'p' | 'c', object>
  )
    .innerJoin('scorecards as sc', 'sc.id', 'p.scorecard_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .innerJoin('admin_units as cm', 'cm.id', 'p.commune_id')
    .innerJoin('sectors as se', 'se.code', 'sc.sector_code')
    .leftJoin('craft_villages as cv', 'cv.id', 'p.craft_village_id')
    .selectAll('p')
    .select([
      'c.id as cert_id',
      'c.number as cert_number',
      'c.stars as cert_stars',
      'c.score as cert_score',
      'c.level as cert_level',
      'c.issued_on as cert_issued_on',
      'c.expires_on as cert_expires_on',
      'c.revoked_on as cert_revoked_on',
      'c.superseded_by_id as cert_superseded_by_id',
      'sc.name_vi as scorecard_name_vi',
      'sc.name_en as scorecard_name_en',
      'se.code as sector_code',
      'se.name_vi as sector_name_vi',
      'se.name_en as sector_name_en',
      'pr.name as producer_name',
      'cm.full_name as commune_name',
      'cv.name as craft_village_name',
    ]);
}

type CertColumns = `cert_${string}`;
type RawProductRow = NonNullable<Awaited<ReturnType<typeof findProduct>>>;
/** The certificate columns come from a left join: null for a product never certified. */
export type ProductRow = {
  [K in keyof RawProductRow]: K extends CertColumns ? RawProductRow[K] | null : RawProductRow[K];
};

export async function insertProduct(ctx: Ctx, row: ProductTable): Promise<void> {
  await ctx.db.insertInto('products').values(row).execute();
}

export async function updateProductRow(ctx: Ctx, id: string, patch: Partial<ProductTable>): Promise<void> {
  await ctx.db.updateTable('products').set(patch).where('id', '=', id).execute();
}

export async function findProductRaw(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sales points that stock a product. */
export async function salesPointsStocking(ctx: Ctx, productId: string) {
  return ctx.db
    .selectFrom('sales_point_products as spp')
    .innerJoin('sales_points as sp', 'sp.id', 'spp.sales_point_id')
    .select(['sp.id', 'sp.name', 'sp.address', 'sp.latitude', 'sp.longitude'])
    .where('spp.product_id', '=', productId)
    .orderBy('sp.name')
    .execute();
}

/** Products by id within what the actor may list, with their details: the rows of a bulk action. */
export async function productsByIds(ctx: Ctx, ids: readonly string[], scope: ListScope) {
  if (ids.length === 0) return [];
  return withDetails(filtered(ctx, { scope }, '0000-01-01'))
    .where('p.id', 'in', [...ids])
    .orderBy('p.name_folded')
    .execute();
}
