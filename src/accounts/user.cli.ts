import { randomBytes } from 'node:crypto';
import type { Ctx } from '../core/context.js';
import { createUser } from './account.service.js';
import { isRole, ROLE_SCOPE, ROLES } from './roles.js';

export interface UserCreateOptions {
  role?: string;
  email?: string;
  name?: string;
  scope?: string;
  'password-stdin'?: boolean;
}

export class UserCliError extends Error {
  override name = 'UserCliError';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `ocop user create --role admin --email a@b.vn [--name …] [--scope ID] [--password-stdin]`: bootstraps the
 * first administrator. Without --password-stdin a strong password is generated and printed once.
 */
export async function userCreate(
  ctx: Ctx,
  o: UserCreateOptions,
  out: (line: string) => void,
): Promise<number> {
  if (!o.role || !isRole(o.role)) throw new UserCliError(`--role must be one of ${ROLES.join(', ')}`);
  if (!o.email) throw new UserCliError('--email is required');
  if (ROLE_SCOPE[o.role] !== null && !o.scope) {
    throw new UserCliError(`--scope is required for the ${o.role} role (a ${String(ROLE_SCOPE[o.role])} id)`);
  }
  const generated = !o['password-stdin'];
  const password = generated ? randomBytes(12).toString('base64url') : await readStdin();
  const id = await createUser(
    ctx,
    { email: o.email, name: o.name ?? o.email, grants: [{ role: o.role, scopeId: o.scope ?? null }] },
    password,
  );
  out(`Created ${o.role} account ${o.email.toLowerCase()} (${id}).`);
  if (generated) out(`Password (shown once, change it after signing in): ${password}`);
  return 0;
}
