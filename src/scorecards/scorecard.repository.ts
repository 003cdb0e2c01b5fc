import type { Ctx } from '../core/context.js';
import type { CriteriaSetTable, ScorecardTable, SectorTable } from '../db/schema.js';

/** The only access to sectors, scorecards and criteria_sets. Portable Kysely, no dialect branches. */

export interface ScorecardRow {
  id: number;
  name_vi: string;
  name_en: string;
  current_version: string;
  sector_code: string;
  sector_name_vi: string;
  sector_name_en: string;
}

export interface ScorecardWithCriteriaRow extends ScorecardRow {
  /** JSON of the current CriteriaSet and of its applied corrections; null when no set is loaded. */
  content: string | null;
  corrections: string | null;
}

export async function saveSectors(ctx: Ctx, sectors: SectorTable[]): Promise<void> {
  for (const s of sectors) {
    await ctx.db
      .insertInto('sectors')
      .values(s)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name_vi: s.name_vi, name_en: s.name_en, position: s.position }),
      )
      .execute();
  }
}

export async function saveScorecard(ctx: Ctx, row: ScorecardTable): Promise<void> {
  const { sector_code, name_vi, name_en, current_version } = row;
  await ctx.db
    .insertInto('scorecards')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ sector_code, name_vi, name_en, current_version }))
    .execute();
}

export type SaveOutcome = 'inserted' | 'updated' | 'unchanged';

/** Inserts or updates a criteria set; an unchanged set keeps its loaded_at, so reloading is a no-op. */
export async function saveCriteriaSet(
  ctx: Ctx,
  row: Omit<CriteriaSetTable, 'loaded_at'>,
): Promise<SaveOutcome> {
  const existing = await ctx.db
    .selectFrom('criteria_sets')
    .select(['scorecard_id', 'version', 'content', 'corrections'])
    .where('id', '=', row.id)
    .executeTakeFirst();
  const loadedAt = ctx.clock.now().toISOString();
  if (!existing) {
    await ctx.db
      .insertInto('criteria_sets')
      .values({ ...row, loaded_at: loadedAt })
      .execute();
    return 'inserted';
  }
  const same =
    existing.scorecard_id === row.scorecard_id &&
    existing.version === row.version &&
    existing.content === row.content &&
    existing.corrections === row.corrections;
  if (same) return 'unchanged';
  await ctx.db
    .updateTable('criteria_sets')
    .set({ ...row, loaded_at: loadedAt })
    .where('id', '=', row.id)
    .execute();
  return 'updated';
}

function scorecardsWithSector(ctx: Ctx) {
  return ctx.db
    .selectFrom('scorecards')
    .innerJoin('sectors', 'sectors.code', 'scorecards.sector_code')
    .select([
      'scorecards.id',
      'scorecards.name_vi',
      'scorecards.name_en',
      'scorecards.current_version',
      'scorecards.sector_code',
      'sectors.name_vi as sector_name_vi',
      'sectors.name_en as sector_name_en',
    ]);
}

export async function listScorecards(
  ctx: Ctx,
  filter: { sector?: string; page: number; limit: number },
): Promise<{ rows: ScorecardRow[]; total: number }> {
  let query = scorecardsWithSector(ctx);
  if (filter.sector) query = query.where('scorecards.sector_code', '=', filter.sector);
  const rows = await query
    .orderBy('scorecards.id')
    .limit(filter.limit)
    .offset((filter.page - 1) * filter.limit)
    .execute();
  let count = ctx.db.selectFrom('scorecards').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.sector) count = count.where('sector_code', '=', filter.sector);
  const { n } = await count.executeTakeFirstOrThrow();
  return { rows, total: n };
}

/** The scorecard with the criteria set of its current version. */
export async function findScorecard(ctx: Ctx, id: number): Promise<ScorecardWithCriteriaRow | undefined> {
  return scorecardsWithSector(ctx)
    .leftJoin('criteria_sets', (join) =>
      join
        .onRef('criteria_sets.scorecard_id', '=', 'scorecards.id')
        .onRef('criteria_sets.version', '=', 'scorecards.current_version'),
    )
    .select(['criteria_sets.content', 'criteria_sets.corrections'])
    .where('scorecards.id', '=', id)
    .executeTakeFirst();
}
