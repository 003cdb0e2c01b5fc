import type { Ctx, Grant } from '../core/context.js';
import { RateLimitedError, UnauthenticatedError } from '../core/errors.js';
import { newSortableId } from '../core/ids.js';
import { hashPassword, needsRehash, spendVerifyTime, verifyPassword } from './password.js';
import {
  deleteExpiredSessionsOf,
  deleteSession,
  findLiveApiToken,
  findLiveSession,
  insertSession,
  markApiTokenUsed,
  recentFailures,
  recordSignInAttempt,
  touchSession,
} from './session.repository.js';
import { newToken, normalizeEmail, tokenHash } from './tokens.js';
import { findUserByEmail, grantsOf, updateUserRow } from './user.repository.js';

/** Ten failed sign-ins for one account within 15 minutes lock it for 15 minutes (issue 5). */
export const LOCKOUT = { failures: 10, windowMinutes: 15, lockMinutes: 15 } as const;
export const SESSION_DAYS = 7;
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SignedIn {
  token: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  grants: Grant[];
  expiresAt: Date;
}

export interface Requester {
  ip: string | null;
  userAgent: string | null;
}

function lockedError(until: Date, now: Date): RateLimitedError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new RateLimitedError(
    `Tài khoản tạm khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${String(minutes)} phút.`,
    `Too many failed sign-ins: the account is locked. Try again in ${String(minutes)} minutes.`,
    minutes * 60,
  );
}

const WRONG = () => new UnauthenticatedError('E-mail hoặc mật khẩu không đúng.', 'Wrong e-mail or password.');

/**
 * Checks the password and opens a session. The tenth failure within the window locks the account; while locked,
 * every attempt answers 429 before the password is checked. Unknown e-mails take the same time and count the same way, so
 * answers do not reveal which accounts exist.
 */
export async function signIn(ctx: Ctx, email: string, password: string, from: Requester): Promise<SignedIn> {
  const now = ctx.clock.now();
  const address = normalizeEmail(email);
  const user = await findUserByEmail(ctx, address);
  if (user?.locked_until && new Date(user.locked_until) > now)
    throw lockedError(new Date(user.locked_until), now);
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000).toISOString();
  // An address with no account locks the same way, so a 429 does not tell that an account exists.
  if (!user && (await recentFailures(ctx, address, since)) >= LOCKOUT.failures) {
    throw lockedError(new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000), now);
  }
  if (!user?.password_hash || user.status !== 'active') {
    await spendVerifyTime(password);
    await failed(ctx, address, from, since, null);
    throw WRONG();
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    await failed(ctx, address, from, since, user.id);
    throw WRONG();
  }
  await recordSignInAttempt(ctx, {
    id: newSortableId('sia'),
    email: address,
    at: now.toISOString(),
    succeeded: true,
    ip: from.ip,
  });
  if (needsRehash(user.password_hash)) {
    await updateUserRow(ctx, user.id, { password_hash: await hashPassword(password) });
  }
  if (user.locked_until) await updateUserRow(ctx, user.id, { locked_until: null });
  return openSession(ctx, user, from);
}

async function failed(ctx: Ctx, email: string, from: Requester, since: string, userId: string | null) {
  const now = ctx.clock.now();
  await recordSignInAttempt(ctx, {
    id: newSortableId('sia'),
    email,
    at: now.toISOString(),
    succeeded: false,
    ip: from.ip,
  });
  if (userId === null || (await recentFailures(ctx, email, since)) < LOCKOUT.failures) return;
  const until = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  await updateUserRow(ctx, userId, { locked_until: until.toISOString() });
}

export async function openSession(
  ctx: Ctx,
  user: { id: string; email: string; name: string },
  from: Requester,
): Promise<SignedIn> {
  const now = ctx.clock.now();
  // The user's sessions that ran out go now, so the table holds live sessions and a bounded tail.
  await deleteExpiredSessionsOf(ctx, user.id, now.toISOString());
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(ctx, {
    id: tokenHash(token),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    user_agent: from.userAgent?.slice(0, 300) ?? null,
    ip: from.ip,
  });
  return {
    token,
    csrfToken,
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: await grantsOf(ctx, user.id),
    expiresAt,
  };
}

export interface Authenticated {
  userId: string;
  email: string;
  name: string;
  grants: Grant[];
  /** Present for cookie sessions; writes must echo it. Absent for API tokens. */
  csrfToken: string | null;
  sessionId: string | null;
}

/** The user behind a session cookie, sliding its expiry at most every five minutes. */
export async function sessionUser(ctx: Ctx, token: string): Promise<Authenticated | null> {
  const now = ctx.clock.now();
  const session = await findLiveSession(ctx, tokenHash(token), now.toISOString());
  if (!session) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    await touchSession(ctx, session.id, now.toISOString(), expires);
  }
  return {
    userId: session.user_id,
    email: session.email,
    name: session.name,
    grants: await grantsOf(ctx, session.user_id),
    csrfToken: session.csrf_token,
    sessionId: session.id,
  };
}

/** The user behind an API token (`Authorization: Bearer ocop_…`). */
export async function tokenUser(ctx: Ctx, token: string): Promise<Authenticated | null> {
  const now = ctx.clock.now();
  const row = await findLiveApiToken(ctx, tokenHash(token), now.toISOString());
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await markApiTokenUsed(ctx, row.id, now.toISOString());
  }
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    grants: await grantsOf(ctx, row.user_id),
    csrfToken: null,
    sessionId: null,
  };
}

export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await deleteSession(ctx, sessionId);
}
