import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const KEY = 'secret';

/**
 * The platform's signing secret: SECRET from the environment, or one generated on first start and kept in the
 * database, so QR codes already printed stay genuine across restarts. Anyone who can read the database can read
 * it, which grants nothing they do not already have.
 */
export async function resolveSecret(db: Kysely<DB>, configured: string | null | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
  if (existing) return existing.value;
  const fresh = randomBytes(32).toString('hex');
  // Two processes starting together: the first insert wins and both read it back.
  await db
    .insertInto('meta')
    .values({ key: KEY, value: fresh })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return row.value;
}

/** A short, URL-safe signature of `purpose:value` (HMAC-SHA256, 16 bytes, base64url). */
export function sign(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${value}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function verifySignature(secret: string, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, value));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
