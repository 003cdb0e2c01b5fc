import { authorize } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { ValidationError, type ErrorDetail } from '../core/errors.js';
import type { ApplicationTable, ConflictTable, ScoreSheetTable } from '../db/schema.js';
import { councilResult, type CouncilResult } from '../scoring/council.js';
import * as appRepo from './application.repository.js';
import { transition } from './application.service.js';
import { eligibleMembers, quorum, type SessionMember } from './council-rules.js';
import { loadSession, sessionMembers } from './council.service.js';
import * as repo from './council.repository.js';
import { frozenSet } from './frozen-set.js';

/**
 * A council's result for one application, and the closing of a session. The scoring rules are
 * scoring/council.ts (mean truncated to two decimals, spread, consolidated sheet for the mandatory options);
 * this adds what the session knows: who is eligible, whether all have submitted, the quorum, the discussion.
 */
export interface ApplicationEvaluation {
  result: CouncilResult | null;
  /** Why the result cannot be computed (sheets the scoring refuses, such as set-26 cases that differ). */
  problems: ErrorDetail[];
}

interface MemberRowLike {
  user_id: string;
  chair: number;
  present: number;
}

function asMembers(rows: readonly MemberRowLike[]): SessionMember[] {
  return rows.map((m) => ({ userId: m.user_id, chair: m.chair === 1, present: m.present === 1 }));
}

/** The council's result once every eligible member has submitted; null before. */
export async function evaluateApplication(
  ctx: Ctx,
  app: ApplicationTable,
  memberRows: readonly MemberRowLike[],
  conflicts: readonly ConflictTable[],
  sheets: readonly ScoreSheetTable[],
): Promise<ApplicationEvaluation | null> {
  const excluded = new Set(conflicts.map((c) => c.user_id));
  const eligible = eligibleMembers(asMembers(memberRows), excluded);
  const submitted = sheets.filter((s) => s.state === 'submitted' && eligible.includes(s.member_id));
  if (eligible.length === 0 || submitted.length < eligible.length) return null;
  const outcome = councilResult(
    await frozenSet(ctx, app),
    submitted.map((s) => ({
      memberId: s.member_id,
      answers: JSON.parse(s.answers) as Record<string, string>,
      ...(s.rescored_from ? { rescoredFrom: JSON.parse(s.rescored_from) as Record<string, string> } : {}),
    })),
    { level: 'province', knockOuts: JSON.parse(app.knock_outs) as string[] },
  );
  if (outcome.kind === 'refused') {
    return {
      result: null,
      problems: outcome.problems.map((p) => ({ field: p.field, message: p.message, messageEn: p.messageEn })),
    };
  }
  return { result: outcome, problems: [] };
}

/** What stops one application from being closed with its session, in words for the secretary. */
function closingProblems(
  app: ApplicationTable,
  members: readonly SessionMember[],
  excluded: ReadonlySet<string>,
  submittedBy: ReadonlySet<string>,
  evaluation: ApplicationEvaluation | null,
): ErrorDetail[] {
  const field = `applications.${app.id}`;
  const check = quorum(members, excluded);
  if (!check.ok) {
    return [
      {
        field,
        message: `${field}: không đủ thành viên không liên quan (${String(check.present)}/${String(check.needed)}${check.chairPresent ? '' : ', thiếu chủ tịch'}); hãy rút hồ sơ khỏi phiên`,
        messageEn: `${field}: not enough members without a tie (${String(check.present)}/${String(check.needed)}${check.chairPresent ? '' : ', no chair'}); take it out of the session`,
      },
    ];
  }
  const waiting = eligibleMembers(members, excluded).filter((m) => !submittedBy.has(m));
  if (waiting.length) {
    return [
      {
        field,
        message: `${field}: còn ${String(waiting.length)} thành viên chưa nộp phiếu chấm`,
        messageEn: `${field}: ${String(waiting.length)} member(s) have not submitted their sheet`,
      },
    ];
  }
  if (!evaluation?.result) return evaluation?.problems ?? [];
  if (evaluation.result.initialSpread > 10 && app.discussed_at === null) {
    return [
      {
        field,
        message: `${field}: điểm các thành viên chênh nhau ${String(evaluation.result.initialSpread)} điểm (> 10): hội đồng phải thảo luận`,
        messageEn: `${field}: the members' totals are ${String(evaluation.result.initialSpread)} points apart (> 10): the council must discuss`,
      },
    ];
  }
  return [];
}

/**
 * Closes an open session: every assigned application must be quorate without its conflicted members, fully
 * scored, and discussed when its totals spread over 10 points. Then each result is kept as computed and the
 * application moves to `scored`, all in one transaction — or nothing changes and every problem is listed.
 */
export async function closeSession(ctx: Ctx, sessionId: string): Promise<{ scored: number }> {
  return inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'manage', { type: 'application' });
    authorize(tx.actor, 'update', { type: 'councilSession' });
    const session = await loadSession(tx, sessionId);
    if (session.state !== 'open') {
      throw new ValidationError([
        {
          field: 'session',
          message: 'session: phiên chưa mở hoặc đã kết thúc',
          messageEn: 'session: not open',
        },
      ]);
    }
    const members = await sessionMembers(tx, sessionId);
    const memberRows = await repo.membersOf(tx, sessionId);
    const apps = (await appRepo.applicationsInSession(tx, sessionId)).filter((a) => a.state === 'assigned');
    const ids = apps.map((a) => a.id);
    const conflicts = await repo.conflictsOf(tx, ids);
    const sheets = await repo.sheetsOf(tx, ids);
    const problems: ErrorDetail[] = [];
    const results = new Map<string, CouncilResult>();
    for (const app of apps) {
      const mine = conflicts.filter((c) => c.application_id === app.id);
      const own = sheets.filter((s) => s.application_id === app.id);
      const excluded = new Set(mine.map((c) => c.user_id));
      const submittedBy = new Set(own.filter((s) => s.state === 'submitted').map((s) => s.member_id));
      const evaluation = await evaluateApplication(tx, app, memberRows, mine, own);
      const found = closingProblems(app, members, excluded, submittedBy, evaluation);
      problems.push(...found);
      if (!found.length && evaluation?.result) results.set(app.id, evaluation.result);
    }
    if (problems.length) throw new ValidationError(problems);
    for (const app of apps) {
      const result = results.get(app.id);
      if (!result) continue;
      await transition(tx, app, 'score', {
        changes: {
          result: JSON.stringify(result),
          score: result.mean,
          stars: result.kind === 'scored' ? result.stars : null,
        },
      });
    }
    const now = tx.clock.now().toISOString();
    await repo.updateSession(tx, sessionId, { state: 'closed', closed_at: now, updated_at: now });
    await recordAudit(tx, {
      action: 'council_session.close',
      entityType: 'council_session',
      entityId: sessionId,
      changes: { scored: apps.length },
    });
    return { scored: apps.length };
  });
}
