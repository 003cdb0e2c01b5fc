import { sql } from 'kysely';
import { certificateStatus, type CertificateStatus } from '../certificates/certificate.js';
import type { Ctx } from '../core/context.js';

/**
 * The few reads the website needs that the API services do not offer: summaries for lists of product cards,
 * the home page's featured records, the sector names, a commune's former units, and the ids for the sitemap.
 * Each is one query, so a page costs a fixed number of queries whatever it shows (no N+1).
 */

export interface ProductSummary {
  id: string;
  nameVi: string;
  nameEn: string | null;
  images: string[];
  stars: number | null;
  status: CertificateStatus | null;
  producerName: string;
}

type ProductScope = { producer: string } | { craftVillage: string } | { salesPoint: string };

function summaryQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select([
      'p.id',
      'p.name_vi',
      'p.name_en',
      'p.images',
      'pr.name as producer_name',
      'c.stars',
      'c.expires_on',
      'c.revoked_on',
      'c.superseded_by_id',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: SummaryRow, today: string): ProductSummary {
  const status =
    r.expires_on === null
      ? null
      : certificateStatus(
          { expiresOn: r.expires_on, revokedOn: r.revoked_on, supersededById: r.superseded_by_id },
          today,
        );
  return {
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    images: JSON.parse(r.images) as string[],
    // A revoked certificate no longer gives its stars (as in the API).
    // The OCOP badge only while the certificate is in force.
    stars: status === 'valid' || status === 'expiring' ? r.stars : null,
    status,
    producerName: r.producer_name,
  };
}

/** Products of a producer, a craft village or a sales point, best stars first. */
export async function productSummaries(
  ctx: Ctx,
  scope: ProductScope,
  today: string,
  limit = 60,
): Promise<ProductSummary[]> {
  let q = summaryQuery(ctx);
  if ('producer' in scope) q = q.where('p.producer_id', '=', scope.producer);
  else if ('craftVillage' in scope) q = q.where('p.craft_village_id', '=', scope.craftVillage);
  else {
    const id = scope.salesPoint;
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('sales_point_products').select('product_id').where('sales_point_id', '=', id),
    );
  }
  const rows = await q
    .orderBy(sql`coalesce(c.stars, 0)`, 'desc')
    .orderBy('p.name_folded')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => toSummary(r, today));
}

/**
 * Featured on the home page: certified products in force, 5★ then 4★, those with a photo first, then by name —
 * deterministic, so the page and its cache agree.
 */
export async function featuredProducts(ctx: Ctx, today: string, limit = 6): Promise<ProductSummary[]> {
  const rows = await summaryQuery(ctx)
    .where('c.stars', '>=', 4)
    .where('c.revoked_on', 'is', null)
    .where('c.superseded_by_id', 'is', null)
    .where('c.expires_on', '>', today)
    .orderBy('c.stars', 'desc')
    .orderBy(sql`case when p.images = '[]' then 1 else 0 end`)
    .orderBy('p.name_folded')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => toSummary(r, today));
}

export interface VillageSummary {
  id: string;
  name: string;
  craft: string;
  communeName: string;
  productCount: number;
}

/** Featured craft villages: recognized traditional villages with the most products, then by name. */
export async function featuredVillages(ctx: Ctx, limit = 6): Promise<VillageSummary[]> {
  const rows = await ctx.db
    .selectFrom('craft_villages as cv')
    .innerJoin('admin_units as cm', 'cm.id', 'cv.commune_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('products')
          .select(['craft_village_id', (e) => e.fn.countAll<number>().as('n')])
          .where('craft_village_id', 'is not', null)
          .groupBy('craft_village_id')
          .as('pc'),
      (join) => join.onRef('pc.craft_village_id', '=', 'cv.id'),
    )
    .select(['cv.id', 'cv.name', 'cv.craft', 'cm.full_name', sql<string | number>`coalesce(pc.n, 0)`.as('n')])
    .orderBy('cv.recognized', 'desc')
    .orderBy(sql`coalesce(pc.n, 0)`, 'desc')
    .orderBy('cv.name_folded')
    .orderBy('cv.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    craft: r.craft,
    communeName: r.full_name,
    productCount: Number(r.n),
  }));
}

export interface SectorName {
  code: string;
  nameVi: string;
  nameEn: string;
}

export async function sectorNames(ctx: Ctx): Promise<SectorName[]> {
  const rows = await ctx.db
    .selectFrom('sectors')
    .select(['code', 'name_vi', 'name_en'])
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ code: r.code, nameVi: r.name_vi, nameEn: r.name_en }));
}

/** The units a 2025 commune replaced (the July 2025 reform), for "formerly …" beside an address. */
export async function formerUnitsOf(ctx: Ctx, communeId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('admin_unit_links as l')
    .innerJoin('admin_units as u', 'u.id', 'l.old_id')
    .select('u.full_name')
    .where('l.new_id', '=', communeId)
    .where('u.level', '=', 'commune')
    .orderBy('u.full_name')
    .execute();
  return [...new Set(rows.map((r) => r.full_name))];
}

/** Points (with coordinates) of the sales points of a craft village, for its map. */
export async function salesPointsOfVillage(ctx: Ctx, villageId: string) {
  return ctx.db
    .selectFrom('sales_points')
    .select(['id', 'name', 'address', 'latitude', 'longitude'])
    .where('craft_village_id', '=', villageId)
    .orderBy('name_folded')
    .limit(100)
    .execute();
}

export type SitemapKind = 'products' | 'producers' | 'craft-villages' | 'sales-points';

const TABLES = {
  products: 'products',
  producers: 'producers',
  'craft-villages': 'craft_villages',
  'sales-points': 'sales_points',
} as const;

export async function countOf(ctx: Ctx, kind: SitemapKind): Promise<number> {
  const row = await ctx.db
    .selectFrom(TABLES[kind])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts as strings.
  return Number(row.n);
}

/** One chunk of ids with their last change, in a stable order, for one sitemap file. */
export async function idsForSitemap(
  ctx: Ctx,
  kind: SitemapKind,
  offset: number,
  limit: number,
): Promise<Array<{ id: string; updated_at: string }>> {
  return ctx.db
    .selectFrom(TABLES[kind])
    .select(['id', 'updated_at'])
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}
