import { sql, type SqlBool } from 'kysely';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { Ctx } from '../core/context.js';
import { foldVi } from '../core/vi-text.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { CertificateTable } from '../db/schema.js';
import type { CertificateLevel, CertificateStatus } from './certificate.js';
import { certificateStatusIs } from './certificate-status.sql.js';

export const CERTIFICATE_SORTS = [
  'issuedOn',
  '-issuedOn',
  'expiresOn',
  '-expiresOn',
  'number',
  '-number',
  'stars',
  '-stars',
] as const;
export type CertificateSort = (typeof CERTIFICATE_SORTS)[number];

export interface CertificateFilters {
  stars?: number[];
  sector?: string;
  scorecard?: number;
  communes?: string[];
  product?: string;
  level?: CertificateLevel;
  status?: CertificateStatus;
  demo?: boolean;
  /** Part of the certificate number, or of the product's name (accent-insensitive). */
  q?: string;
  /** Year of issue. */
  year?: number;
  /** What the actor may list (back office); absent on the public API. */
  scope?: ListScope;
}

const NOTHING = sql<SqlBool>`1 = 0`;
const SORT_COLUMNS = {
  issuedOn: 'c.issued_on',
  expiresOn: 'c.expires_on',
  number: 'c.number',
  stars: 'c.stars',
} as const;

/**
 * The certificates matching the filters, from the certificates table alone: conditions on the product are
 * `product_id in (…)` subqueries, evaluated once, so a list without them never joins 20,000 products.
 */
function filtered(ctx: Ctx, f: CertificateFilters, today: string, search?: Search) {
  let q = ctx.db.selectFrom('certificates as c');
  if (f.stars?.length) q = q.where('c.stars', 'in', f.stars);
  if (f.product !== undefined) q = q.where('c.product_id', '=', f.product);
  if (f.level !== undefined) q = q.where('c.level', '=', f.level);
  if (f.status !== undefined) q = q.where(certificateStatusIs('c', f.status, today));
  if (f.demo !== undefined) q = q.where('c.demo', '=', f.demo ? 1 : 0);
  if (f.year !== undefined) {
    q = q
      .where('c.issued_on', '>=', `${String(f.year)}-01-01`)
      .where('c.issued_on', '<', `${String(f.year + 1)}-01-01`);
  }
  const products = productCondition(ctx, f);
  if (products) q = q.where('c.product_id', 'in', products);
  if (search) {
    const { text, folded, numbers, names } = search;
    const named = ctx.db.selectFrom('products').select('id').where('name_folded', 'like', `%${folded}%`);
    if (numbers && names) {
      q = q.where((eb) =>
        eb.or([eb(eb.fn('lower', ['c.number']), 'like', `%${text}%`), eb('c.product_id', 'in', named)]),
      );
    } else if (numbers) q = q.where(sql<SqlBool>`lower(c.number) like ${`%${text}%`}`);
    else if (names) q = q.where('c.product_id', 'in', named);
    else q = q.where(NOTHING);
  }
  return q;
}

interface Search {
  /** Lower case, for the number. */
  text: string;
  /** Folded, for the product's name. */
  folded: string;
  numbers: boolean;
  names: boolean;
}

/**
 * What the search words match: certificate numbers, product names, or both. An OR of the two costs five times
 * the sum of each on 30,000 certificates, so the list asks first (two cheap probes) and ORs only when both match.
 */
async function searchOf(ctx: Ctx, q: string | undefined): Promise<Search | undefined> {
  const text = q
    ?.replace(/[%_\\]/g, '')
    .trim()
    .toLowerCase();
  if (!text) return undefined;
  const folded = foldVi(text);
  const [number, name] = await Promise.all([
    ctx.db
      .selectFrom('certificates')
      .select('id')
      .where(sql<SqlBool>`lower(number) like ${`%${text}%`}`)
      .limit(1)
      .executeTakeFirst(),
    folded
      ? ctx.db
          .selectFrom('products')
          .select('id')
          .where('name_folded', 'like', `%${folded}%`)
          .limit(1)
          .executeTakeFirst()
      : undefined,
  ]);
  return { text, folded, numbers: number !== undefined, names: name !== undefined };
}

/** The products the filters allow, as a subquery; null when no filter is about the product. */
function productCondition(ctx: Ctx, f: CertificateFilters) {
  const scoped = f.scope !== undefined && !f.scope.all;
  if (f.sector === undefined && f.scorecard === undefined && !f.communes && !scoped) return null;
  let p = ctx.db.selectFrom('products as p').select('p.id');
  const sector = f.sector;
  if (sector !== undefined) {
    p = p.where(
      'p.scorecard_id',
      'in',
      ctx.db.selectFrom('scorecards').select('id').where('sector_code', '=', sector),
    );
  }
  if (f.scorecard !== undefined) p = p.where('p.scorecard_id', '=', f.scorecard);
  if (f.communes) p = f.communes.length ? p.where('p.commune_id', 'in', f.communes) : p.where(NOTHING);
  if (f.scope) p = p.where(inScope(f.scope, { commune: 'p.commune_id', producer: 'p.producer_id' }));
  return p;
}

function withDetails(q: ReturnType<typeof filtered>) {
  return q
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .selectAll('c')
    .select([
      'p.name_vi as product_name_vi',
      'p.name_en as product_name_en',
      'p.images as product_images',
      'p.commune_id as product_commune_id',
      'pr.id as producer_id',
      'pr.name as producer_name',
    ]);
}

export async function listCertificates(
  ctx: Ctx,
  f: CertificateFilters,
  sort: CertificateSort,
  page: PageRequest,
  today: string,
) {
  const base = filtered(ctx, f, today, await searchOf(ctx, f.q));
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  // Deferred join: sort and page over narrow rows, then fetch the details of the page's rows only (sorting
  // 20,000 wide joined rows costs ten times more).
  const [ids, count] = await Promise.all([
    base
      .select('c.id')
      .orderBy(sql.ref(column), desc ? 'desc' : 'asc')
      .orderBy('c.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const details =
    ids.length === 0
      ? []
      : await withDetails(filtered(ctx, {}, today))
          .where(
            'c.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute();
  const byId = new Map(details.map((r) => [r.id, r]));
  const rows = ids.flatMap((r) => byId.get(r.id) ?? []);
  return { rows, total: count.n };
}

export async function findCertificate(ctx: Ctx, idOrNumber: string) {
  return withDetails(filtered(ctx, {}, '0000-01-01'))
    .where((eb) => eb.or([eb('c.id', '=', idOrNumber), eb('c.number', '=', idOrNumber)]))
    .executeTakeFirst();
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export async function certificatesOfProduct(ctx: Ctx, productId: string) {
  return ctx.db
    .selectFrom('certificates')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('issued_on', 'desc')
    .execute();
}

export async function insertCertificate(ctx: Ctx, row: CertificateTable): Promise<void> {
  await ctx.db.insertInto('certificates').values(row).execute();
}

export async function updateCertificateRow(
  ctx: Ctx,
  id: string,
  patch: Partial<CertificateTable>,
): Promise<void> {
  await ctx.db.updateTable('certificates').set(patch).where('id', '=', id).execute();
}

export async function numberTaken(ctx: Ctx, number: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('certificates')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}
