import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Opaque ids: a type prefix and 16 Crockford base-32 characters (80 random bits). */
export function newId(prefix: string, random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(16);
  let out = '';
  for (const b of bytes) out += ALPHABET.charAt(b & 31);
  return `${prefix}_${out}`;
}
