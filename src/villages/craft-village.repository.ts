import { sql, type SqlBool } from 'kysely';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { Ctx } from '../core/context.js';
import { foldVi } from '../core/vi-text.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { CraftVillageTable } from '../db/schema.js';

export interface CraftVillageFilters {
  communes?: string[];
  recognized?: boolean;
  traditional?: boolean;
  demo?: boolean;
  /** Part of the name or the craft, accent-insensitive. */
  q?: string;
  /** What the actor may list (back office); absent on the public API. */
  scope?: ListScope;
}

export const CRAFT_VILLAGE_SORTS = [
  'name',
  '-name',
  'commune',
  '-commune',
  'recognitionYear',
  '-recognitionYear',
] as const;
export type CraftVillageSort = (typeof CRAFT_VILLAGE_SORTS)[number];

const SORT_COLUMNS = {
  name: 'cv.name_folded',
  commune: 'cm.name_folded',
  recognitionYear: 'cv.recognition_year',
} as const;

const NOTHING = sql<SqlBool>`1 = 0`;
const PRODUCT_COUNT = sql<number>`(select count(*) from products p where p.craft_village_id = cv.id)`;

function filtered(ctx: Ctx, f: CraftVillageFilters) {
  let q = ctx.db.selectFrom('craft_villages as cv').innerJoin('admin_units as cm', 'cm.id', 'cv.commune_id');
  if (f.communes) q = f.communes.length ? q.where('cv.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.recognized !== undefined) q = q.where('cv.recognized', '=', f.recognized ? 1 : 0);
  if (f.traditional !== undefined) q = q.where('cv.traditional', '=', f.traditional ? 1 : 0);
  if (f.demo !== undefined) q = q.where('cv.demo', '=', f.demo ? 1 : 0);
  const text = f.q === undefined ? '' : foldVi(f.q.replace(/[%_\\]/g, ''));
  if (text) q = q.where('cv.name_folded', 'like', `%${text}%`);
  if (f.scope) q = q.where(inScope(f.scope, { commune: 'cv.commune_id' }));
  return q;
}

function withDetails(q: ReturnType<typeof filtered>) {
  return q.selectAll('cv').select(['cm.full_name as commune_name', PRODUCT_COUNT.as('product_count')]);
}

export async function listCraftVillages(
  ctx: Ctx,
  f: CraftVillageFilters,
  sort: CraftVillageSort,
  page: PageRequest,
) {
  const base = filtered(ctx, f);
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  const [rows, count] = await Promise.all([
    withDetails(base)
      .orderBy(sql.ref(column), desc ? 'desc' : 'asc')
      .orderBy('cv.name_folded')
      .orderBy('cv.id')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function findCraftVillage(ctx: Ctx, id: string) {
  return withDetails(filtered(ctx, {})).where('cv.id', '=', id).executeTakeFirst();
}

export type CraftVillageRow = NonNullable<Awaited<ReturnType<typeof findCraftVillage>>>;

export async function insertCraftVillage(ctx: Ctx, row: CraftVillageTable): Promise<void> {
  await ctx.db.insertInto('craft_villages').values(row).execute();
}

export async function findCraftVillageRaw(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('craft_villages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCraftVillageRow(
  ctx: Ctx,
  id: string,
  patch: Partial<CraftVillageTable>,
): Promise<void> {
  await ctx.db.updateTable('craft_villages').set(patch).where('id', '=', id).execute();
}
