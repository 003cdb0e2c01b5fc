import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../core/context.js';
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
}

const NOTHING = sql<SqlBool>`1 = 0`;
const SORT_COLUMNS = {
  issuedOn: 'c.issued_on',
  expiresOn: 'c.expires_on',
  number: 'c.number',
  stars: 'c.stars',
} as const;

function filtered(ctx: Ctx, f: CertificateFilters, today: string) {
  let q = ctx.db
    .selectFrom('certificates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('scorecards as sc', 'sc.id', 'p.scorecard_id');
  if (f.stars?.length) q = q.where('c.stars', 'in', f.stars);
  if (f.sector !== undefined) q = q.where('sc.sector_code', '=', f.sector);
  if (f.scorecard !== undefined) q = q.where('p.scorecard_id', '=', f.scorecard);
  if (f.communes) q = f.communes.length ? q.where('p.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.product !== undefined) q = q.where('c.product_id', '=', f.product);
  if (f.level !== undefined) q = q.where('c.level', '=', f.level);
  if (f.status !== undefined) q = q.where(certificateStatusIs('c', f.status, today));
  if (f.demo !== undefined) q = q.where('c.demo', '=', f.demo ? 1 : 0);
  return q;
}

function withDetails(q: ReturnType<typeof filtered>) {
  return q
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .selectAll('c')
    .select([
      'p.name_vi as product_name_vi',
      'p.name_en as product_name_en',
      'p.images as product_images',
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
  const base = filtered(ctx, f, today);
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  const [rows, count] = await Promise.all([
    withDetails(base)
      .orderBy(sql.ref(column), desc ? 'desc' : 'asc')
      .orderBy('c.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
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
