import type { Ctx } from '../core/context.js';

/**
 * Reads the criteria sets the scoring needs. The scorecards repository serves whole scorecards for display;
 * scoring asks first for a set's identity (cheap, every request) and for its content only when its in-memory
 * copy is missing or stale. Portable Kysely, no dialect branches.
 */
export interface CriteriaSetRef {
  scorecardId: number;
  currentVersion: string;
  /** null when the scorecard has no set of the version asked for. */
  setId: string | null;
  version: string | null;
  loadedAt: string | null;
}

/** The scorecard's set of `version`, or of its current version when none is given; undefined: no scorecard. */
export async function findCriteriaSetRef(
  ctx: Ctx,
  scorecardId: number,
  version?: string,
): Promise<CriteriaSetRef | undefined> {
  const row = await ctx.db
    .selectFrom('scorecards')
    .leftJoin('criteria_sets', (join) => {
      const bySet = join.onRef('criteria_sets.scorecard_id', '=', 'scorecards.id');
      return version === undefined
        ? bySet.onRef('criteria_sets.version', '=', 'scorecards.current_version')
        : bySet.on('criteria_sets.version', '=', version);
    })
    .select([
      'scorecards.id',
      'scorecards.current_version',
      'criteria_sets.id as set_id',
      'criteria_sets.version',
      'criteria_sets.loaded_at',
    ])
    .where('scorecards.id', '=', scorecardId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    scorecardId: row.id,
    currentVersion: row.current_version,
    setId: row.set_id,
    version: row.version,
    loadedAt: row.loaded_at,
  };
}

export async function readCriteriaSetContent(ctx: Ctx, setId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('criteria_sets')
    .select('content')
    .where('id', '=', setId)
    .executeTakeFirst();
  return row?.content;
}

/** When a set was (re)loaded: a reload with corrected content changes it, so parsed copies keyed on it stay true. */
export async function readCriteriaSetLoadedAt(ctx: Ctx, setId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('criteria_sets')
    .select('loaded_at')
    .where('id', '=', setId)
    .executeTakeFirst();
  return row?.loaded_at;
}
