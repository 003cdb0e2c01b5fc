import type { Ctx } from '../core/context.js';
import type { ApiTokenTable, OneTimeTokenTable, SessionTable } from '../db/schema.js';

export async function insertSession(ctx: Ctx, row: SessionTable): Promise<void> {
  await ctx.db.insertInto('sessions').values(row).execute();
}

/** The session with its user, if it has not expired and the user is active. */
export async function findLiveSession(ctx: Ctx, id: string, now: string) {
  return ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.email',
      'users.name',
      'users.locale',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

export async function touchSession(
  ctx: Ctx,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessionsOf(ctx: Ctx, userId: string, now: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}

export async function insertApiToken(ctx: Ctx, row: ApiTokenTable): Promise<void> {
  await ctx.db.insertInto('api_tokens').values(row).execute();
}

export async function findLiveApiToken(ctx: Ctx, hash: string, now: string) {
  return ctx.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at', 'users.email', 'users.name'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

export async function listApiTokens(ctx: Ctx, userId: string) {
  return ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function markApiTokenUsed(ctx: Ctx, id: string, at: string): Promise<void> {
  await ctx.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeApiTokenRow(ctx: Ctx, id: string, userId: string, at: string): Promise<number> {
  const result = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertOneTimeToken(ctx: Ctx, row: OneTimeTokenTable): Promise<void> {
  await ctx.db.insertInto('one_time_tokens').values(row).execute();
}

export async function findOneTimeToken(
  ctx: Ctx,
  id: string,
  purpose: OneTimeTokenTable['purpose'],
  now: string,
) {
  return ctx.db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function useOneTimeToken(ctx: Ctx, id: string, at: string): Promise<number> {
  const result = await ctx.db
    .updateTable('one_time_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function recordSignInAttempt(
  ctx: Ctx,
  row: { id: string; email: string; at: string; succeeded: boolean; ip: string | null },
): Promise<void> {
  await ctx.db
    .insertInto('sign_in_attempts')
    .values({ ...row, succeeded: row.succeeded ? 1 : 0 })
    .execute();
}

/** Failed attempts for `email` since `since`, counting only those after the last success. */
export async function recentFailures(ctx: Ctx, email: string, since: string): Promise<number> {
  const lastSuccess = await ctx.db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('email', '=', email)
    .where('succeeded', '=', 1)
    .where('at', '>', since)
    .executeTakeFirst();
  const from = lastSuccess?.at ?? since;
  const row = await ctx.db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('succeeded', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return row.n;
}
