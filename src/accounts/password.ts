import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt, Node's built-in memory-hard function (docs/decisions/0007-accounts.md):
 * N = 2^15, r = 8, p = 1 → 32 MiB and about 60–100 ms per hash on this machine. Parameters travel in the
 * stored string, so they can be raised later and old hashes still verify (and get rehashed at sign-in).
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return [PREFIX, LOG_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [prefix, logN, r, p, salt, key] = stored.split('$');
  if (prefix !== PREFIX || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`${PREFIX}$${String(LOG_N)}$${String(R)}$${String(P)}$`);
}

/** Spends the same time as a real check, so a missing account cannot be told from a wrong password. */
let dummy: Promise<string> | undefined;
export async function spendVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('not a real password');
  await verifyPassword(password, await dummy);
}

/** The rules a new password must meet; returns the problems in both languages. */
export function passwordProblems(password: string, email: string): Array<{ vi: string; en: string }> {
  const problems: Array<{ vi: string; en: string }> = [];
  if (password.length < 10) {
    problems.push({ vi: 'Mật khẩu cần ít nhất 10 ký tự.', en: 'The password needs at least 10 characters.' });
  }
  if (password.length > 200) {
    problems.push({ vi: 'Mật khẩu dài quá 200 ký tự.', en: 'The password is longer than 200 characters.' });
  }
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000')) {
    problems.push({
      vi: 'Mật khẩu không được chứa địa chỉ e-mail.',
      en: 'The password must not contain the e-mail.',
    });
  }
  return problems;
}
