import { compileSet } from '../scoring/compiled-set.js';
import type { CriteriaSet } from '../scorecards/criteria.js';

/**
 * Rules of a council session (Decision 148, step 3; the quorum is marked [L] in ../shared/domain/OCOP.md and kept
 * here as one constant). Plain functions, no I/O.
 */
export const QUORUM_NUMERATOR = 3;
export const QUORUM_DENOMINATOR = 4;

export interface SessionMember {
  userId: string;
  chair: boolean;
  present: boolean;
}

/** Members needed for a quorum of a council of `appointed` members: at least 3/4, rounded up. */
export function quorumOf(appointed: number): number {
  return Math.ceil((appointed * QUORUM_NUMERATOR) / QUORUM_DENOMINATOR);
}

export interface QuorumCheck {
  ok: boolean;
  needed: number;
  present: number;
  chairPresent: boolean;
}

/** A session (or one application, counting only its eligible members) is quorate with ≥ 3/4 and the chair. */
export function quorum(
  members: readonly SessionMember[],
  excluded: ReadonlySet<string> = new Set(),
): QuorumCheck {
  const needed = quorumOf(members.length);
  const counted = members.filter((m) => m.present && !excluded.has(m.userId));
  const chairPresent = counted.some((m) => m.chair);
  return { ok: counted.length >= needed && chairPresent, needed, present: counted.length, chairPresent };
}

/** The members who score an application: present, and not tied to its producer. */
export function eligibleMembers(members: readonly SessionMember[], excluded: ReadonlySet<string>): string[] {
  return members.filter((m) => m.present && !excluded.has(m.userId)).map((m) => m.userId);
}

/**
 * A member may read another member's sheet only once their own is submitted: each scores alone, on the dossier,
 * without being led by the others (the secretary sees who has submitted, not what).
 */
export function maySeeOthers(ownSheetSubmitted: boolean): boolean {
  return ownSheetSubmitted;
}

/**
 * Criteria a member has left unanswered. A council sheet is complete when every criterion is answered, except
 * those of the case a "choose one of two cases" group did not take (scorecard 26): there, the case with an answer
 * is the one to complete (or, with none answered, the first case).
 */
export function unansweredCriteria(set: CriteriaSet, answers: Readonly<Record<string, string>>): string[] {
  const compiled = compileSet(set);
  const skipped = new Set<string>();
  for (const group of compiled.alternativeGroups) {
    const cases = [...group.cases.entries()];
    const taken = cases.find(([, ids]) => ids.some((id) => answers[id] !== undefined)) ?? cases[0];
    for (const [code, ids] of cases) if (code !== taken?.[0]) for (const id of ids) skipped.add(id);
  }
  return compiled.criteria.filter((c) => !skipped.has(c.id) && answers[c.id] === undefined).map((c) => c.id);
}
