import type { Ctx } from '../core/context.js';
import type {
  ConflictTable,
  CouncilMemberTable,
  CouncilSessionTable,
  DecisionTable,
  ScoreSheetTable,
} from '../db/schema.js';

/** Council sessions, their members, conflicts of interest, score sheets and decisions. Portable Kysely only. */

export async function insertSession(ctx: Ctx, row: CouncilSessionTable): Promise<void> {
  await ctx.db.insertInto('council_sessions').values(row).execute();
}

export async function findSession(ctx: Ctx, id: string): Promise<CouncilSessionTable | undefined> {
  return ctx.db.selectFrom('council_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSessions(ctx: Ctx, memberId?: string): Promise<CouncilSessionTable[]> {
  let q = ctx.db.selectFrom('council_sessions').selectAll('council_sessions');
  if (memberId !== undefined) {
    q = q
      .innerJoin('council_members as m', 'm.session_id', 'council_sessions.id')
      .where('m.user_id', '=', memberId);
  }
  return q.orderBy('council_sessions.meets_on', 'desc').orderBy('council_sessions.id').execute();
}

export async function updateSession(
  ctx: Ctx,
  id: string,
  changes: Partial<Omit<CouncilSessionTable, 'id'>>,
): Promise<void> {
  await ctx.db.updateTable('council_sessions').set(changes).where('id', '=', id).execute();
}

export async function insertMembers(ctx: Ctx, rows: CouncilMemberTable[]): Promise<void> {
  if (rows.length) await ctx.db.insertInto('council_members').values(rows).execute();
}

export interface MemberRow extends CouncilMemberTable {
  name: string;
  email: string;
}

export async function membersOf(ctx: Ctx, sessionId: string): Promise<MemberRow[]> {
  return ctx.db
    .selectFrom('council_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.session_id', 'm.user_id', 'm.chair', 'm.present', 'u.name', 'u.email'])
    .where('m.session_id', '=', sessionId)
    .orderBy('m.chair', 'desc')
    .orderBy('u.name')
    .execute();
}

export async function setPresence(ctx: Ctx, sessionId: string, present: readonly string[]): Promise<void> {
  await ctx.db
    .updateTable('council_members')
    .set({ present: 0 })
    .where('session_id', '=', sessionId)
    .execute();
  if (present.length) {
    await ctx.db
      .updateTable('council_members')
      .set({ present: 1 })
      .where('session_id', '=', sessionId)
      .where('user_id', 'in', present)
      .execute();
  }
}

/** Every active council member, for forming a session. */
export async function listCouncilUsers(
  ctx: Ctx,
): Promise<Array<{ id: string; name: string; email: string }>> {
  return ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('user_roles.role', '=', 'council')
    .where('users.status', '=', 'active')
    .distinct()
    .orderBy('users.name')
    .execute();
}

/** Users with a council role (who may sit on a session), by id. */
export async function councilUsers(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('user_roles.user_id')
    .where('user_roles.role', '=', 'council')
    .where('users.status', '=', 'active')
    .where('user_roles.user_id', 'in', ids)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/** Members tied to the producer through an account of theirs (a producer role scoped to it). */
export async function usersTiedToProducer(
  ctx: Ctx,
  producerId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('user_roles')
    .select('user_id')
    .where('role', '=', 'producer')
    .where('scope_id', '=', producerId)
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function insertConflict(ctx: Ctx, row: ConflictTable): Promise<void> {
  await ctx.db.insertInto('conflicts').values(row).execute();
}

export async function conflictsOf(ctx: Ctx, applicationIds: readonly string[]): Promise<ConflictTable[]> {
  if (applicationIds.length === 0) return [];
  return ctx.db
    .selectFrom('conflicts')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('created_at')
    .execute();
}

export async function findSheet(
  ctx: Ctx,
  applicationId: string,
  memberId: string,
): Promise<ScoreSheetTable | undefined> {
  return ctx.db
    .selectFrom('score_sheets')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function sheetsOf(ctx: Ctx, applicationIds: readonly string[]): Promise<ScoreSheetTable[]> {
  if (applicationIds.length === 0) return [];
  return ctx.db
    .selectFrom('score_sheets')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('member_id')
    .execute();
}

export async function insertSheet(ctx: Ctx, row: ScoreSheetTable): Promise<void> {
  await ctx.db.insertInto('score_sheets').values(row).execute();
}

export async function updateSheet(
  ctx: Ctx,
  id: string,
  changes: Partial<Omit<ScoreSheetTable, 'id'>>,
): Promise<void> {
  await ctx.db.updateTable('score_sheets').set(changes).where('id', '=', id).execute();
}

export async function deleteSheet(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.deleteFrom('score_sheets').where('id', '=', id).execute();
}

export async function deleteSheetsOf(ctx: Ctx, applicationId: string): Promise<void> {
  await ctx.db.deleteFrom('score_sheets').where('application_id', '=', applicationId).execute();
}

export async function insertDecision(ctx: Ctx, row: DecisionTable): Promise<void> {
  await ctx.db.insertInto('decisions').values(row).execute();
}

export async function findDecision(ctx: Ctx, id: string): Promise<DecisionTable | undefined> {
  return ctx.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decisionNumberTaken(ctx: Ctx, number: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('decisions')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

/** The last certificate number issued in `year` by this platform's sequence (OCOP-HN-<year>-<5 digits>). */
export async function lastCertificateNumber(ctx: Ctx, year: number): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('certificates')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('number', 'like', `OCOP-HN-${String(year)}-%`)
    .executeTakeFirst();
  return row?.n ?? undefined;
}

export async function certificateStars(ctx: Ctx, id: string): Promise<number | undefined> {
  const row = await ctx.db.selectFrom('certificates').select('stars').where('id', '=', id).executeTakeFirst();
  return row?.stars;
}
