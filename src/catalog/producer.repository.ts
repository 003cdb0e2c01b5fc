import { sql, type SqlBool } from 'kysely';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { ProducerTable } from '../db/schema.js';

export interface ProducerFilters {
  communes?: string[];
  legalForm?: string;
  demo?: boolean;
  /** Folded words (foldVi) the name must contain. */
  q?: string | undefined;
  /** What the actor may list (back office). */
  scope?: ListScope | undefined;
}

export const PRODUCER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type ProducerSort = (typeof PRODUCER_SORTS)[number];

const NOTHING = sql<SqlBool>`1 = 0`;

function filtered(ctx: Ctx, f: ProducerFilters) {
  let q = ctx.db.selectFrom('producers as pr').innerJoin('admin_units as cm', 'cm.id', 'pr.commune_id');
  if (f.communes) q = f.communes.length ? q.where('pr.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.legalForm !== undefined) q = q.where('pr.legal_form', '=', f.legalForm);
  if (f.demo !== undefined) q = q.where('pr.demo', '=', f.demo ? 1 : 0);
  if (f.q) q = q.where('pr.name_folded', 'like', `%${f.q}%`);
  if (f.scope) q = q.where(inScope(f.scope, { commune: 'pr.commune_id', producer: 'pr.id' }));
  return q;
}

const PRODUCT_COUNT = sql<number>`(select count(*) from products p where p.producer_id = pr.id)`;

export async function listProducers(ctx: Ctx, f: ProducerFilters, sort: ProducerSort, page: PageRequest) {
  const base = filtered(ctx, f);
  const desc = sort.startsWith('-');
  const column = sort.endsWith('createdAt') ? 'pr.created_at' : 'pr.name_folded';
  const [rows, count] = await Promise.all([
    base
      .selectAll('pr')
      .select(['cm.full_name as commune_name', PRODUCT_COUNT.as('product_count')])
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('pr.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function findProducer(ctx: Ctx, id: string) {
  return filtered(ctx, {})
    .selectAll('pr')
    .select(['cm.full_name as commune_name', PRODUCT_COUNT.as('product_count')])
    .where('pr.id', '=', id)
    .executeTakeFirst();
}

export type ProducerRow = NonNullable<Awaited<ReturnType<typeof findProducer>>>;

export async function findProducerRaw(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('producers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProducer(ctx: Ctx, row: ProducerTable): Promise<void> {
  await ctx.db.insertInto('producers').values(row).execute();
}

export async function updateProducerRow(ctx: Ctx, id: string, patch: Partial<ProducerTable>): Promise<void> {
  await ctx.db.updateTable('producers').set(patch).where('id', '=', id).execute();
}

/** Products of a producer, newest certificate first: the producer page's list. */
export async function productsOfProducer(ctx: Ctx, producerId: string, limit = 100) {
  return ctx.db
    .selectFrom('products as p')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select(['p.id', 'p.name_vi', 'p.name_en', 'c.stars'])
    .where('p.producer_id', '=', producerId)
    .orderBy('p.name_folded')
    .limit(limit)
    .execute();
}

/** Producers by id within what the actor may list: the rows of a bulk action. */
export async function producersByIds(ctx: Ctx, ids: readonly string[], scope: ListScope) {
  if (ids.length === 0) return [];
  return filtered(ctx, { scope })
    .selectAll('pr')
    .select(['cm.full_name as commune_name', PRODUCT_COUNT.as('product_count')])
    .where('pr.id', 'in', [...ids])
    .orderBy('pr.name_folded')
    .execute();
}

/** Id and name of the producers the actor may list, for a select box; null when there are more than `max`. */
export async function producerChoices(ctx: Ctx, scope: ListScope, max: number) {
  const rows = await filtered(ctx, { scope })
    .select(['pr.id', 'pr.name'])
    .orderBy('pr.name_folded')
    .limit(max + 1)
    .execute();
  return rows.length > max ? null : rows;
}
