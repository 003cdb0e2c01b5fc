import { Type, type Static } from 'typebox';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx, type Grant, type Locale } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import type { Mailer } from '../mail/mailer.js';
import { authorize } from './policy.js';
import { hashPassword, passwordProblems } from './password.js';
import { ROLE_SCOPE, ROLES, type Role } from './roles.js';
import {
  deleteSessionsOf,
  findOneTimeToken,
  insertApiToken,
  insertOneTimeToken,
  listApiTokens,
  revokeApiTokenRow,
  useOneTimeToken,
} from './session.repository.js';
import { EMAIL_PATTERN, newToken, normalizeEmail, tokenHash } from './tokens.js';
import {
  deleteGrants,
  findUserByEmail,
  findUserById,
  insertGrant,
  insertUser,
  updateUserRow,
} from './user.repository.js';

export const GrantInput = Type.Object(
  {
    // Unsafe<Role>: a union built from an array would type as never.
    role: Type.Unsafe<Role>(Type.Union(ROLES.map((r) => Type.Literal(r)))),
    scopeId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const NewUserInput = Type.Object(
  {
    email: Type.String({ pattern: EMAIL_PATTERN, maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
    grants: Type.Array(GrantInput, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type NewUserInput = Static<typeof NewUserInput>;

const INVITE_DAYS = 7;
const RESET_HOURS = 2;

/** Checks that each scoped role names an existing scope of the right kind, and that unscoped roles name none. */
async function checkGrants(ctx: Ctx, grants: NewUserInput['grants']): Promise<Grant[]> {
  const out: Grant[] = [];
  for (const [i, g] of grants.entries()) {
    const kind = ROLE_SCOPE[g.role];
    const scopeId = g.scopeId ?? null;
    const field = `grants.${String(i)}.scopeId`;
    if (kind === null && scopeId !== null) {
      throw new ValidationError([
        { field, message: 'Vai trò này không có phạm vi.', messageEn: 'This role takes no scope.' },
      ]);
    }
    if (kind !== null && scopeId === null) {
      throw new ValidationError([
        { field, message: 'Vai trò này cần phạm vi.', messageEn: 'This role needs a scope.' },
      ]);
    }
    if (kind !== null && scopeId !== null && !(await scopeExists(ctx, kind, scopeId))) {
      throw new ValidationError([
        {
          field,
          message: `Không tìm thấy phạm vi "${scopeId}".`,
          messageEn: `No scope "${scopeId}" was found.`,
        },
      ]);
    }
    out.push({ role: g.role, scopeId });
  }
  return out;
}

async function scopeExists(
  ctx: Ctx,
  kind: 'commune' | 'producer' | 'salesPoint',
  id: string,
): Promise<boolean> {
  if (kind === 'commune') {
    const row = await ctx.db
      .selectFrom('admin_units')
      .select('id')
      .where('id', '=', id)
      .where('level', '=', 'commune')
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }
  const table = kind === 'producer' ? 'producers' : 'sales_points';
  return (await ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Creates an active account with a password (the CLI's `user create`, registration, the demo). */
export async function createUser(
  ctx: Ctx,
  input: unknown,
  password: string,
  isDemo = false,
): Promise<string> {
  const data = validate(NewUserInput, input);
  const email = normalizeEmail(data.email);
  const problems = passwordProblems(password, email);
  if (problems.length) {
    throw new ValidationError(problems.map((p) => ({ field: 'password', message: p.vi, messageEn: p.en })));
  }
  const hash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    const id = await insertAccount(tx, { ...data, email }, hash, 'active', isDemo);
    return id;
  });
}

async function insertAccount(
  ctx: Ctx,
  data: NewUserInput,
  passwordHash: string | null,
  status: 'active' | 'invited',
  isDemo: boolean,
): Promise<string> {
  if (await findUserByEmail(ctx, data.email)) {
    throw new DomainError(
      'conflict',
      `Đã có tài khoản với e-mail ${data.email}.`,
      `An account with the e-mail ${data.email} already exists.`,
      [{ field: 'email', message: data.email }],
    );
  }
  const grants = await checkGrants(ctx, data.grants);
  const now = ctx.clock.now().toISOString();
  const id = newId('usr');
  await insertUser(ctx, {
    id,
    email: data.email,
    name: data.name.trim(),
    password_hash: passwordHash,
    status,
    locale: data.locale ?? 'vi',
    locked_until: null,
    is_demo: isDemo ? 1 : 0,
    created_at: now,
    updated_at: now,
  });
  for (const g of grants) await insertGrant(ctx, newId('url'), id, g);
  await recordAudit(ctx, {
    action: status === 'invited' ? 'user.invite' : 'user.create',
    entityType: 'user',
    entityId: id,
    changes: { email: [null, data.email], grants: [null, grants] },
  });
  return id;
}

/** An administrator invites staff: the account waits for its owner to choose a password from the e-mailed link. */
export async function inviteUser(
  ctx: Ctx,
  input: unknown,
  mailer: Mailer,
  publicUrl: string,
): Promise<string> {
  authorize(ctx.actor, 'create', { type: 'user' });
  const data = validate(NewUserInput, input);
  const email = normalizeEmail(data.email);
  return inTransaction(ctx, async (tx) => {
    const id = await insertAccount(tx, { ...data, email }, null, 'invited', false);
    const token = await oneTimeToken(tx, id, 'invite', INVITE_DAYS * 24);
    const link = `${publicUrl}/admin/accept-invite?token=${encodeURIComponent(token)}`;
    await mailer.enqueue(tx, inviteMail(data.locale ?? 'vi', email, data.name, link));
    return id;
  });
}

function inviteMail(locale: Locale, to: string, name: string, link: string) {
  return locale === 'en'
    ? {
        to,
        subject: 'Your OCOP Hà Nội account',
        text: `Hello ${name},\n\nAn account was created for you on the OCOP Hà Nội platform. Choose your password within ${String(INVITE_DAYS)} days:\n${link}\n`,
      }
    : {
        to,
        subject: 'Tài khoản OCOP Hà Nội của bạn',
        text: `Xin chào ${name},\n\nBạn được mời sử dụng nền tảng OCOP Hà Nội. Vui lòng đặt mật khẩu trong ${String(INVITE_DAYS)} ngày:\n${link}\n`,
      };
}

async function oneTimeToken(ctx: Ctx, userId: string, purpose: 'invite' | 'reset', hours: number) {
  const token = newToken();
  const now = ctx.clock.now();
  await insertOneTimeToken(ctx, {
    id: tokenHash(token),
    user_id: userId,
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    used_at: null,
  });
  return token;
}

const BAD_LINK = () =>
  new ValidationError([
    {
      field: 'token',
      message: 'Liên kết không hợp lệ hoặc đã hết hạn.',
      messageEn: 'The link is invalid or has expired.',
    },
  ]);

/** Sets the password from an invitation or reset link; the link works once. Returns the user's id. */
export async function setPasswordWithToken(
  ctx: Ctx,
  purpose: 'invite' | 'reset',
  token: string,
  password: string,
): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const row = await findOneTimeToken(ctx, tokenHash(token), purpose, now);
  if (!row) throw BAD_LINK();
  const user = await findUserById(ctx, row.user_id);
  if (!user || user.status === 'disabled') throw BAD_LINK();
  const problems = passwordProblems(password, user.email);
  if (problems.length) {
    throw new ValidationError(problems.map((p) => ({ field: 'password', message: p.vi, messageEn: p.en })));
  }
  const hash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    if ((await useOneTimeToken(tx, row.id, now)) !== 1) throw BAD_LINK();
    await updateUserRow(tx, user.id, {
      password_hash: hash,
      status: 'active',
      locked_until: null,
      updated_at: now,
    });
    // A new password ends every session that may have been opened with the old one.
    await deleteSessionsOf(tx, user.id);
    await recordAudit(tx, {
      action: purpose === 'invite' ? 'user.accept-invite' : 'user.reset-password',
      entityType: 'user',
      entityId: user.id,
      changes: {},
    });
    return user.id;
  });
}

/**
 * Sends a reset link when the address has an active account, and says nothing either way: the answer is the
 * same for unknown addresses.
 */
export async function requestPasswordReset(
  ctx: Ctx,
  email: string,
  mailer: Mailer,
  publicUrl: string,
): Promise<void> {
  const user = await findUserByEmail(ctx, normalizeEmail(email));
  if (!user || user.status !== 'active') return;
  await inTransaction(ctx, async (tx) => {
    const token = await oneTimeToken(tx, user.id, 'reset', RESET_HOURS);
    const link = `${publicUrl}/admin/reset-password?token=${encodeURIComponent(token)}`;
    await mailer.enqueue(
      tx,
      user.locale === 'en'
        ? {
            to: user.email,
            subject: 'Reset your OCOP Hà Nội password',
            text: `Someone asked to reset the password of ${user.email}. If it was you, open this link within ${String(RESET_HOURS)} hours:\n${link}\n\nOtherwise ignore this e-mail.`,
          }
        : {
            to: user.email,
            subject: 'Đặt lại mật khẩu OCOP Hà Nội',
            text: `Có yêu cầu đặt lại mật khẩu cho ${user.email}. Nếu đúng là bạn, mở liên kết sau trong ${String(RESET_HOURS)} giờ:\n${link}\n\nNếu không, hãy bỏ qua e-mail này.`,
          },
    );
  });
}

/** Replaces a user's roles (administrators only). */
export async function setGrants(ctx: Ctx, userId: string, grantsInput: unknown): Promise<void> {
  authorize(ctx.actor, 'update', { type: 'user' });
  const grants = validate(Type.Array(GrantInput, { minItems: 1, maxItems: 50 }), grantsInput);
  await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError('user', userId);
    const checked = await checkGrants(tx, grants);
    await deleteGrants(tx, userId);
    for (const g of checked) await insertGrant(tx, newId('url'), userId, g);
    await recordAudit(tx, {
      action: 'user.grants',
      entityType: 'user',
      entityId: userId,
      changes: { grants: [null, checked] },
    });
  });
}

/** Disables or re-enables an account; disabling ends its sessions. */
export async function setUserStatus(ctx: Ctx, userId: string, status: 'active' | 'disabled'): Promise<void> {
  authorize(ctx.actor, 'update', { type: 'user' });
  await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new NotFoundError('user', userId);
    if (user.status === status) return;
    await updateUserRow(tx, userId, { status, updated_at: tx.clock.now().toISOString(), locked_until: null });
    if (status === 'disabled') await deleteSessionsOf(tx, userId);
    await recordAudit(tx, {
      action: 'user.status',
      entityType: 'user',
      entityId: userId,
      changes: { status: [user.status, status] },
    });
  });
}

/** A personal API token; the secret is shown once, only its hash is kept. */
export async function createApiToken(ctx: Ctx, userId: string, name: string, days: number | null) {
  const token = newToken('ocop_');
  const now = ctx.clock.now();
  const id = newId('tok');
  await inTransaction(ctx, async (tx) => {
    await insertApiToken(tx, {
      id,
      user_id: userId,
      name: name.trim().slice(0, 100) || 'API',
      token_hash: tokenHash(token),
      created_at: now.toISOString(),
      last_used_at: null,
      expires_at: days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString(),
      revoked_at: null,
    });
    await recordAudit(tx, {
      action: 'token.create',
      entityType: 'user',
      entityId: userId,
      changes: { token: [null, id] },
    });
  });
  return { id, token };
}

export async function revokeApiToken(ctx: Ctx, userId: string, tokenId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    if ((await revokeApiTokenRow(tx, tokenId, userId, tx.clock.now().toISOString())) !== 1) {
      throw new NotFoundError('user', tokenId);
    }
    await recordAudit(tx, {
      action: 'token.revoke',
      entityType: 'user',
      entityId: userId,
      changes: { token: [tokenId, null] },
    });
  });
}

export { listApiTokens };
