import type { Ctx } from '../core/context.js';
import { NotFoundError } from '../core/errors.js';
import type { ApplicationTable } from '../db/schema.js';
import { readCriteriaSetContent, readCriteriaSetLoadedAt } from '../scoring/criteria-set.repository.js';
import type { CriteriaSet } from '../scorecards/criteria.js';

/**
 * The criteria set frozen on an application when it was submitted (its id names the scorecard and the version,
 * so a newer version loaded later never reaches it). Parsed copies are kept by set id and load time.
 */
const parsed = new Map<string, CriteriaSet>();

export async function frozenSet(
  ctx: Ctx,
  app: Pick<ApplicationTable, 'criteria_set_id' | 'id'>,
): Promise<CriteriaSet> {
  const setId = app.criteria_set_id;
  if (setId === null) throw new NotFoundError('scorecard', app.id);
  const loadedAt = await readCriteriaSetLoadedAt(ctx, setId);
  if (loadedAt === undefined) throw new NotFoundError('scorecard', setId);
  const key = `${setId}|${loadedAt}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const content = await readCriteriaSetContent(ctx, setId);
  if (content === undefined) throw new NotFoundError('scorecard', setId);
  const set = JSON.parse(content) as CriteriaSet;
  if (parsed.size > 100) parsed.clear();
  parsed.set(key, set);
  return set;
}
