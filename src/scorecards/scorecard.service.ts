import type { Ctx } from '../core/context.js';
import { DomainError, NotFoundError } from '../core/errors.js';
import type { CriteriaSet } from './criteria.js';
import type { AppliedCorrection } from './criteria.corrections.js';
import { findScorecard, listScorecards, type ScorecardRow } from './scorecard.repository.js';
import type { SectorCode } from './taxonomy.js';

export interface ScorecardList {
  rows: ScorecardRow[];
  total: number;
  page: number;
  limit: number;
}

export async function browseScorecards(
  ctx: Ctx,
  query: { sector?: SectorCode; page: number; limit: number },
): Promise<ScorecardList> {
  const { rows, total } = await listScorecards(ctx, query);
  return { rows, total, page: query.page, limit: query.limit };
}

export interface ScorecardWithCriteria {
  row: ScorecardRow;
  set: CriteriaSet;
  corrections: AppliedCorrection[];
}

/** One scorecard with the criteria of its current version; NotFoundError when it is not loaded. */
export async function getScorecard(ctx: Ctx, id: number): Promise<ScorecardWithCriteria> {
  const found = await findScorecard(ctx, id);
  if (!found) throw new NotFoundError('scorecard', String(id));
  const { content, corrections, ...row } = found;
  if (content === null || corrections === null) {
    // A scorecard row without its criteria set means the reference load was interrupted.
    throw new DomainError(
      'invalid_reference_data',
      `Bộ tiêu chí ${id} chưa có phiên bản ${row.current_version}.`,
      `Scorecard ${id} has no criteria set for version ${row.current_version}.`,
    );
  }
  return {
    row,
    set: JSON.parse(content) as CriteriaSet,
    corrections: JSON.parse(corrections) as AppliedCorrection[],
  };
}
