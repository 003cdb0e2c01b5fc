import type { Ctx } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import type { CriteriaSet } from '../scorecards/criteria.js';
import { findCriteriaSetRef, readCriteriaSetContent } from './criteria-set.repository.js';
import { scoreSheet, type Answers, type ScoreResult } from './scoring.js';

/**
 * The public self-assessment: any producer scores their own sheet before applying. Nothing is stored; the
 * result names the criteria set version it was computed with, and asking for that version again later gives
 * the same result, whatever version has become current since.
 */
export interface SelfAssessmentInput {
  scorecard: number;
  answers: Answers;
  /** A loaded criteria set version; the scorecard's current one when absent. */
  version?: string;
  knockOuts?: readonly string[];
}

/**
 * `freshness` is a token that changes whenever the data may have changed (the HTTP layer passes the read
 * cache's change version, docs/decisions/0005-read-cache.md): while it stays the same, and for at most
 * `REF_TTL_MS`, the set a (scorecard, version) resolves to is taken from memory without asking the database.
 */
export async function selfAssess(
  ctx: Ctx,
  input: SelfAssessmentInput,
  freshness?: string,
): Promise<ScoreResult> {
  const set = await resolvedSet(ctx, input.scorecard, input.version, freshness);
  const result = scoreSheet(set, input.answers, { knockOuts: input.knockOuts ?? [] });
  if (result.kind === 'refused') {
    throw new ValidationError(
      result.problems.map((p) => ({ field: p.field, message: p.message, messageEn: p.messageEn })),
    );
  }
  return result;
}

const REF_TTL_MS = 5000;
const resolved = new Map<string, { set: CriteriaSet; freshness: string; until: number }>();

async function resolvedSet(
  ctx: Ctx,
  scorecard: number,
  version: string | undefined,
  freshness: string | undefined,
): Promise<CriteriaSet> {
  const key = `${scorecard}|${version ?? ''}`;
  const now = performance.now();
  const hit = resolved.get(key);
  if (freshness !== undefined && hit?.freshness === freshness && hit.until > now) return hit.set;
  const set = await criteriaSet(ctx, scorecard, version);
  if (freshness !== undefined) {
    if (resolved.size >= MAX_CACHED) resolved.clear();
    resolved.set(key, { set, freshness, until: now + REF_TTL_MS });
  }
  return set;
}

/**
 * Parsed sets by (id, loaded_at): a set reloaded with new content gets a new loaded_at, so a stale copy is never
 * used; each request still asks the database which set is current (one indexed lookup).
 */
const parsed = new Map<string, CriteriaSet>();
const MAX_CACHED = 200;

async function criteriaSet(ctx: Ctx, scorecard: number, version?: string): Promise<CriteriaSet> {
  const ref = await findCriteriaSetRef(ctx, scorecard, version);
  if (!ref) throw new NotFoundError('scorecard', String(scorecard));
  if (ref.setId === null || ref.loadedAt === null) {
    if (version !== undefined) {
      throw new ValidationError([
        {
          field: 'version',
          message: `version: bộ tiêu chí ${scorecard} không có phiên bản "${version}"`,
          messageEn: `version: scorecard ${scorecard} has no criteria version "${version}"`,
        },
      ]);
    }
    throw missingSet(scorecard, ref.currentVersion);
  }
  const key = `${ref.setId}|${ref.loadedAt}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const content = await readCriteriaSetContent(ctx, ref.setId);
  if (content === undefined) throw missingSet(scorecard, ref.currentVersion);
  const set = JSON.parse(content) as CriteriaSet;
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(key, set);
  return set;
}

function missingSet(scorecard: number, version: string): DomainError {
  // A scorecard without the criteria set of its current version means the reference load was interrupted.
  return new DomainError(
    'invalid_reference_data',
    `Bộ tiêu chí ${scorecard} chưa có phiên bản ${version}.`,
    `Scorecard ${scorecard} has no criteria set for version ${version}.`,
  );
}
