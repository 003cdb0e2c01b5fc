import { Type } from 'typebox';
import { authorize, can } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, ForbiddenError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ApplicationTable, ScoreSheetTable } from '../db/schema.js';
import { compileSet } from '../scoring/compiled-set.js';
import { checkSheet, sheetTotals } from '../scoring/scoring.js';
import type { CriteriaSet } from '../scorecards/criteria.js';
import * as appRepo from './application.repository.js';
import { applicationResource, loadApplication } from './application.service.js';
import { eligibleMembers, maySeeOthers, unansweredCriteria } from './council-rules.js';
import { evaluateApplication, type ApplicationEvaluation } from './council-result.js';
import { loadSession, sessionMembers } from './council.service.js';
import * as repo from './council.repository.js';
import { frozenSet } from './frozen-set.js';

/**
 * Score sheets: each eligible member scores alone on their own sheet (autosaved as a draft), submits it
 * complete, and sees the others' sheets only after submitting. After a spread over 10 points the secretary
 * records the discussion, and members may re-score: the first answers are kept in `rescored_from`.
 */
interface MemberContext {
  app: ApplicationTable;
  set: CriteriaSet;
  sheet: ScoreSheetTable | undefined;
}

/** The acting member's place on the application: assigned, the session open, present and not excluded. */
async function asMember(tx: Ctx, applicationId: string): Promise<MemberContext> {
  const app = await loadApplication(tx, applicationId);
  authorize(tx.actor, 'score', applicationResource(app));
  if (app.state !== 'assigned' || app.session_id === null) {
    throw new DomainError(
      'conflict',
      'Hồ sơ không ở giai đoạn chấm điểm.',
      'The application is not being scored.',
    );
  }
  const session = await loadSession(tx, app.session_id);
  if (session.state !== 'open') {
    throw new DomainError(
      'conflict',
      'Phiên hội đồng chưa mở hoặc đã kết thúc.',
      'The council session is not open.',
    );
  }
  const excluded = new Set((await repo.conflictsOf(tx, [app.id])).map((c) => c.user_id));
  const eligible = eligibleMembers(await sessionMembers(tx, session.id), excluded);
  if (!eligible.includes(tx.actor.id)) {
    throw new ForbiddenError(
      'Bạn không chấm hồ sơ này (không thuộc phiên, vắng mặt hoặc có liên quan đến chủ thể).',
      'You do not score this application (not in the session, absent, or tied to the producer).',
    );
  }
  return { app, set: await frozenSet(tx, app), sheet: await repo.findSheet(tx, app.id, tx.actor.id) };
}

export const SheetInput = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 16 }), Type.String({ maxLength: 24 }), {
      maxProperties: 200,
    }),
  },
  { additionalProperties: false },
);

/** Autosave: the member's draft answers, checked against the frozen set (an unknown option is refused). */
export async function saveSheet(ctx: Ctx, applicationId: string, input: unknown): Promise<{ total: number }> {
  const d = validate(SheetInput, input);
  return inTransaction(ctx, async (tx) => {
    const m = await asMember(tx, applicationId);
    if (m.sheet?.state === 'submitted') {
      throw new DomainError(
        'conflict',
        'Phiếu đã nộp; không thể sửa.',
        'The sheet is submitted and cannot change.',
      );
    }
    const total = checkedTotal(m.set, d.answers);
    const now = tx.clock.now().toISOString();
    if (m.sheet) {
      await repo.updateSheet(tx, m.sheet.id, { answers: JSON.stringify(d.answers), total, updated_at: now });
    } else {
      await repo.insertSheet(tx, {
        id: newId('sht'),
        application_id: m.app.id,
        session_id: m.app.session_id ?? '',
        member_id: tx.actor.id,
        answers: JSON.stringify(d.answers),
        state: 'draft',
        total,
        rescored_from: null,
        submitted_at: null,
        updated_at: now,
      });
    }
    return { total };
  });
}

function checkedTotal(set: CriteriaSet, answers: Readonly<Record<string, string>>): number {
  const compiled = compileSet(set);
  const checked = checkSheet(compiled, answers, []);
  if (checked.kind === 'refused') {
    throw new ValidationError(
      checked.problems.map((p) => ({ field: p.field, message: p.message, messageEn: p.messageEn })),
    );
  }
  return sheetTotals(compiled, checked.chosen).total;
}

/** Submits the member's sheet: every criterion answered (only the taken case of a set-26 group). */
export async function submitSheet(ctx: Ctx, applicationId: string): Promise<{ total: number }> {
  return inTransaction(ctx, async (tx) => {
    const m = await asMember(tx, applicationId);
    if (!m.sheet) throw new ValidationError([noAnswers()]);
    if (m.sheet.state === 'submitted') {
      throw new DomainError('conflict', 'Phiếu đã được nộp.', 'The sheet is already submitted.');
    }
    const answers = JSON.parse(m.sheet.answers) as Record<string, string>;
    const missing = unansweredCriteria(m.set, answers);
    if (missing.length) {
      throw new ValidationError(
        missing.map((id) => ({
          field: `answers.${id}`,
          message: `answers.${id}: chưa chấm tiêu chí này`,
          messageEn: `answers.${id}: this criterion is not scored yet`,
        })),
      );
    }
    const total = checkedTotal(m.set, answers);
    const now = tx.clock.now().toISOString();
    await repo.updateSheet(tx, m.sheet.id, { state: 'submitted', total, submitted_at: now, updated_at: now });
    await recordAudit(tx, {
      action: 'score_sheet.submit',
      entityType: 'application',
      entityId: m.app.id,
      changes: { member: tx.actor.id, total, rescore: m.sheet.rescored_from !== null },
    });
    return { total };
  });
}

function noAnswers() {
  return {
    field: 'answers',
    message: 'answers: phiếu chưa có câu trả lời',
    messageEn: 'answers: the sheet is empty',
  };
}

/**
 * After the discussion the secretary recorded, a member takes their submitted sheet back to re-score it; the
 * first answers are kept (once: re-scoring twice keeps the original ones).
 */
export async function reopenSheet(ctx: Ctx, applicationId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const m = await asMember(tx, applicationId);
    if (m.app.discussed_at === null) {
      throw new DomainError(
        'conflict',
        'Chỉ chấm lại sau khi hội đồng đã thảo luận.',
        'A sheet is re-scored only after the council has discussed.',
      );
    }
    if (m.sheet?.state !== 'submitted') {
      throw new DomainError('conflict', 'Phiếu chưa được nộp.', 'The sheet is not submitted.');
    }
    await repo.updateSheet(tx, m.sheet.id, {
      state: 'draft',
      rescored_from: m.sheet.rescored_from ?? m.sheet.answers,
      submitted_at: null,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'score_sheet.reopen',
      entityType: 'application',
      entityId: m.app.id,
      changes: { member: tx.actor.id },
    });
  });
}

export interface SheetView {
  memberId: string;
  memberName: string;
  state: 'missing' | 'draft' | 'submitted';
  /** Answers and total only where the viewer may see them. */
  answers: Record<string, string> | null;
  total: number | null;
  rescored: boolean;
}

export interface SheetsView {
  applicationId: string;
  sheets: SheetView[];
  excluded: Array<{ memberId: string; reason: string }>;
  /** The council's result so far, once every eligible member has submitted. */
  evaluation: ApplicationEvaluation | null;
}

/**
 * The sheets of one application as the viewer may see them: a member sees their own, and the others' only once
 * their own is submitted; the secretary sees who has submitted, and the totals and the result once all have.
 */
export async function sheetsView(ctx: Ctx, applicationId: string): Promise<SheetsView> {
  const app = await loadApplication(ctx, applicationId);
  authorize(ctx.actor, 'read', applicationResource(app));
  if (app.session_id === null) return { applicationId: app.id, sheets: [], excluded: [], evaluation: null };
  const manager = can(ctx.actor, 'manage', applicationResource(app));
  const members = await repo.membersOf(ctx, app.session_id);
  const isMember = members.some((m) => m.user_id === ctx.actor.id);
  if (!manager && !isMember) throw new ForbiddenError();
  const conflicts = await repo.conflictsOf(ctx, [app.id]);
  const excluded = new Set(conflicts.map((c) => c.user_id));
  const sheets = await repo.sheetsOf(ctx, [app.id]);
  const own = sheets.find((s) => s.member_id === ctx.actor.id);
  const seesOthers = maySeeOthers(own?.state === 'submitted');
  const evaluation = await evaluateApplication(ctx, app, members, conflicts, sheets);
  const allIn = evaluation !== null;
  const view = members
    .filter((m) => m.present === 1 && !excluded.has(m.user_id))
    .map((m): SheetView => {
      const sheet = sheets.find((s) => s.member_id === m.user_id);
      const visible =
        sheet !== undefined &&
        (m.user_id === ctx.actor.id || (sheet.state === 'submitted' && (seesOthers || (manager && allIn))));
      return {
        memberId: m.user_id,
        memberName: m.name,
        state: sheet?.state ?? 'missing',
        answers: visible ? (JSON.parse(sheet.answers) as Record<string, string>) : null,
        total: visible ? sheet.total : null,
        rescored: sheet?.rescored_from != null,
      };
    });
  return {
    applicationId: app.id,
    sheets: view,
    excluded: conflicts.map((c) => ({ memberId: c.user_id, reason: c.reason })),
    evaluation: manager || seesOthers ? evaluation : null,
  };
}

export const DiscussionInput = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

/** The secretary records the council's discussion of a spread over 10 points; members may then re-score. */
export async function recordDiscussion(ctx: Ctx, applicationId: string, input: unknown): Promise<void> {
  const d = validate(DiscussionInput, input);
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    authorize(tx.actor, 'manage', applicationResource(app));
    if (app.state !== 'assigned' || app.session_id === null) {
      throw new DomainError(
        'conflict',
        'Hồ sơ không ở giai đoạn chấm điểm.',
        'The application is not being scored.',
      );
    }
    const now = tx.clock.now().toISOString();
    const note = normalizeVi(d.note);
    await appRepo.updateApplication(tx, app.id, {
      discussed_at: now,
      discussion_note: note,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'application.discussion',
      entityType: 'application',
      entityId: app.id,
      changes: { note },
    });
  });
}

export const KnockOutsInput = Type.Object(
  { criteria: Type.Array(Type.String({ minLength: 1, maxLength: 16 }), { maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
);

/** The secretary records the knock-out notes the council found to apply (an invalid food-safety certificate…). */
export async function setKnockOuts(ctx: Ctx, applicationId: string, input: unknown): Promise<void> {
  const d = validate(KnockOutsInput, input);
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    authorize(tx.actor, 'manage', applicationResource(app));
    if (app.state !== 'assigned') {
      throw new DomainError(
        'conflict',
        'Hồ sơ không ở giai đoạn chấm điểm.',
        'The application is not being scored.',
      );
    }
    const checked = checkSheet(compileSet(await frozenSet(tx, app)), {}, d.criteria);
    if (checked.kind === 'refused') {
      throw new ValidationError(
        checked.problems.map((p) => ({ field: p.field, message: p.message, messageEn: p.messageEn })),
      );
    }
    await appRepo.updateApplication(tx, app.id, {
      knock_outs: JSON.stringify(d.criteria),
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'application.knock_outs',
      entityType: 'application',
      entityId: app.id,
      changes: { knockOuts: [JSON.parse(app.knock_outs) as unknown, d.criteria] },
    });
  });
}
