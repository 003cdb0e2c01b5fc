import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { CraftVillageTable } from '../db/schema.js';

export interface CraftVillageFilters {
  communes?: string[];
  recognized?: boolean;
  traditional?: boolean;
  demo?: boolean;
}

const NOTHING = sql<SqlBool>`1 = 0`;
const PRODUCT_COUNT = sql<number>`(select count(*) from products p where p.craft_village_id = cv.id)`;

function filtered(ctx: Ctx, f: CraftVillageFilters) {
  let q = ctx.db.selectFrom('craft_villages as cv').innerJoin('admin_units as cm', 'cm.id', 'cv.commune_id');
  if (f.communes) q = f.communes.length ? q.where('cv.commune_id', 'in', f.communes) : q.where(NOTHING);
  if (f.recognized !== undefined) q = q.where('cv.recognized', '=', f.recognized ? 1 : 0);
  if (f.traditional !== undefined) q = q.where('cv.traditional', '=', f.traditional ? 1 : 0);
  if (f.demo !== undefined) q = q.where('cv.demo', '=', f.demo ? 1 : 0);
  return q;
}

function withDetails(q: ReturnType<typeof filtered>) {
  return q.selectAll('cv').select(['cm.full_name as commune_name', PRODUCT_COUNT.as('product_count')]);
}

export async function listCraftVillages(
  ctx: Ctx,
  f: CraftVillageFilters,
  sort: 'name' | '-name',
  page: PageRequest,
) {
  const base = filtered(ctx, f);
  const [rows, count] = await Promise.all([
    withDetails(base)
      .orderBy('cv.name_folded', sort === '-name' ? 'desc' : 'asc')
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
