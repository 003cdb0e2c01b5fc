import { Type } from 'typebox';
import { authorize, can, hasRole } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type ErrorDetail,
} from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ApplicationTable, CouncilSessionTable } from '../db/schema.js';
import * as appRepo from './application.repository.js';
import { applicationResource, loadApplication, transition } from './application.service.js';
import { quorum, type SessionMember } from './council-rules.js';
import * as repo from './council.repository.js';

/**
 * Council sessions (step 3): the secretary forms a session (members, chair), assigns accepted applications, opens
 * it with the members present (quorum ≥ 3/4 with the chair), and closes it when every application is scored.
 * Scoring itself is in score-sheet.service.ts; the results in council-result.ts.
 */
export const CreateSessionInput = Type.Object(
  {
    roundId: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    meetsOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    chairId: Type.String({ minLength: 1, maxLength: 64 }),
    memberIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 3,
      maxItems: 30,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

export async function createSession(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(CreateSessionInput, input);
  return inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'create', { type: 'councilSession' });
    if (!(await appRepo.findRound(tx, d.roundId))) throw new NotFoundError('round', d.roundId);
    const members = d.memberIds.includes(d.chairId) ? d.memberIds : [...d.memberIds, d.chairId];
    const council = new Set(await repo.councilUsers(tx, members));
    const problems: ErrorDetail[] = members
      .filter((m) => !council.has(m))
      .map((m) => ({
        field: `memberIds.${m}`,
        message: `memberIds: ${m} không phải thành viên hội đồng đang hoạt động`,
        messageEn: `memberIds: ${m} is not an active council member`,
      }));
    if (problems.length) throw new ValidationError(problems);
    const id = newId('cse');
    const now = tx.clock.now().toISOString();
    await repo.insertSession(tx, {
      id,
      round_id: d.roundId,
      name: normalizeVi(d.name),
      meets_on: d.meetsOn,
      state: 'forming',
      opened_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertMembers(
      tx,
      members.map((m) => ({ session_id: id, user_id: m, chair: m === d.chairId ? 1 : 0, present: 0 })),
    );
    await recordAudit(tx, {
      action: 'council_session.create',
      entityType: 'council_session',
      entityId: id,
      changes: d,
    });
    return id;
  });
}

/** The council members a secretary may put on a session. */
export async function availableMembers(ctx: Ctx) {
  authorize(ctx.actor, 'create', { type: 'councilSession' });
  return repo.listCouncilUsers(ctx);
}

export async function loadSession(ctx: Ctx, id: string): Promise<CouncilSessionTable> {
  const session = await repo.findSession(ctx, id);
  if (!session) throw new NotFoundError('councilSession', id);
  return session;
}

function sessionState(session: CouncilSessionTable, allowed: readonly CouncilSessionTable['state'][]): void {
  if (!allowed.includes(session.state)) {
    throw new DomainError(
      'conflict',
      session.state === 'closed'
        ? 'Phiên hội đồng đã kết thúc.'
        : 'Phiên hội đồng chưa ở trạng thái phù hợp.',
      session.state === 'closed'
        ? 'The council session is closed.'
        : 'The council session is not in the right state.',
      [{ field: 'session', message: session.state }],
    );
  }
}

export async function sessionMembers(ctx: Ctx, sessionId: string): Promise<SessionMember[]> {
  return (await repo.membersOf(ctx, sessionId)).map((m) => ({
    userId: m.user_id,
    chair: m.chair === 1,
    present: m.present === 1,
  }));
}

/**
 * Assigns accepted applications to a session. Members tied to an application's producer (an account of theirs
 * holds a producer role for it) are excluded from it at once, with that reason.
 */
export async function assignApplications(
  ctx: Ctx,
  sessionId: string,
  applicationIds: readonly string[],
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'manage', { type: 'application' });
    const session = await loadSession(tx, sessionId);
    sessionState(session, ['forming', 'open']);
    const members = (await sessionMembers(tx, sessionId)).map((m) => m.userId);
    for (const id of new Set(applicationIds)) {
      const app = await loadApplication(tx, id);
      await transition(tx, app, 'assign', { changes: { session_id: sessionId } });
      for (const userId of await repo.usersTiedToProducer(tx, app.producer_id, members)) {
        await addConflict(tx, app, userId, 'Tài khoản của thành viên thuộc chủ thể sản xuất');
      }
    }
  });
}

/** Takes an application back out of a session before anyone has submitted a sheet for it. */
export async function unassignApplication(ctx: Ctx, applicationId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'manage', { type: 'application' });
    const app = await loadApplication(tx, applicationId);
    if (app.session_id !== null) sessionState(await loadSession(tx, app.session_id), ['forming', 'open']);
    const sheets = await repo.sheetsOf(tx, [app.id]);
    if (sheets.some((s) => s.state === 'submitted')) {
      throw new DomainError(
        'conflict',
        'Đã có thành viên nộp phiếu chấm cho hồ sơ này.',
        'A member has already submitted a sheet for this application.',
      );
    }
    await repo.deleteSheetsOf(tx, app.id);
    await transition(tx, app, 'unassign', {
      changes: { session_id: null, discussed_at: null, discussion_note: null },
    });
  });
}

export const OpenSessionInput = Type.Object(
  {
    presentIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 30, uniqueItems: true }),
  },
  { additionalProperties: false },
);

/** Opens the session with the members present: at least 3/4 of the members, the chair among them. */
export async function openSession(ctx: Ctx, sessionId: string, input: unknown): Promise<void> {
  const d = validate(OpenSessionInput, input);
  await inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'update', { type: 'councilSession' });
    const session = await loadSession(tx, sessionId);
    sessionState(session, ['forming']);
    const members = await sessionMembers(tx, sessionId);
    const known = new Set(members.map((m) => m.userId));
    const strangers = d.presentIds.filter((id) => !known.has(id));
    if (strangers.length) {
      throw new ValidationError(
        strangers.map((s) => ({
          field: `presentIds.${s}`,
          message: `presentIds: ${s} không thuộc phiên này`,
          messageEn: `presentIds: ${s} is not a member of this session`,
        })),
      );
    }
    const present = new Set(d.presentIds);
    const check = quorum(members.map((m) => ({ ...m, present: present.has(m.userId) })));
    if (!check.ok) throw noQuorum(check.present, check.needed, check.chairPresent);
    await repo.setPresence(tx, sessionId, d.presentIds);
    const now = tx.clock.now().toISOString();
    await repo.updateSession(tx, sessionId, { state: 'open', opened_at: now, updated_at: now });
    await recordAudit(tx, {
      action: 'council_session.open',
      entityType: 'council_session',
      entityId: sessionId,
      changes: { present: d.presentIds },
    });
  });
}

export function noQuorum(present: number, needed: number, chairPresent: boolean): DomainError {
  const why = chairPresent ? '' : ' và phải có chủ tịch hội đồng';
  const whyEn = chairPresent ? '' : ', and the chair must be present';
  return new DomainError(
    'conflict',
    `Không đủ số thành viên: có ${String(present)}, cần ít nhất ${String(needed)} (3/4)${why}.`,
    `No quorum: ${String(present)} present, at least ${String(needed)} (3/4) needed${whyEn}.`,
    [{ field: 'quorum', message: `${String(present)}/${String(needed)}` }],
  );
}

export const ConflictInput = Type.Object(
  {
    memberId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/**
 * Declares a member's tie to an application's producer (by the secretary, or by the member themself): the member
 * is excluded from it, and a sheet they began no longer counts.
 */
export async function declareConflict(ctx: Ctx, applicationId: string, input: unknown): Promise<void> {
  const d = validate(ConflictInput, input);
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    const self = tx.actor.id === d.memberId && hasRole(tx.actor, 'council');
    if (!self && !can(tx.actor, 'manage', applicationResource(app))) throw new ForbiddenError();
    if (app.state !== 'assigned' || app.session_id === null) {
      throw new DomainError(
        'conflict',
        'Hồ sơ chưa được đưa vào phiên hội đồng.',
        'The application is not in a session.',
      );
    }
    const members = await sessionMembers(tx, app.session_id);
    if (!members.some((m) => m.userId === d.memberId)) throw new NotFoundError('user', d.memberId);
    await addConflict(tx, app, d.memberId, normalizeVi(d.reason));
  });
}

async function addConflict(tx: Ctx, app: ApplicationTable, userId: string, reason: string): Promise<void> {
  const existing = await repo.conflictsOf(tx, [app.id]);
  if (existing.some((c) => c.user_id === userId)) return;
  await repo.insertConflict(tx, {
    id: newId('cfl'),
    application_id: app.id,
    user_id: userId,
    reason,
    declared_by: `${tx.actor.kind}:${tx.actor.id}`,
    created_at: tx.clock.now().toISOString(),
  });
  const sheet = await repo.findSheet(tx, app.id, userId);
  if (sheet) await repo.deleteSheet(tx, sheet.id);
  await recordAudit(tx, {
    action: 'application.conflict',
    entityType: 'application',
    entityId: app.id,
    changes: { member: userId, reason, sheetDiscarded: sheet !== undefined },
  });
}
