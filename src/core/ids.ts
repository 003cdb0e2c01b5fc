import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Opaque ids: a type prefix and 16 Crockford base-32 characters (80 random bits). */
export function newId(prefix: string, random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(16);
  let out = '';
  for (const b of bytes) out += ALPHABET.charAt(b & 31);
  return `${prefix}_${out}`;
}

let counter = 0;

/**
 * Ids that sort in creation order within a process (wall-clock milliseconds, then a counter, then randomness):
 * for records read back in the order they were written, such as the audit trail.
 */
export function newSortableId(prefix: string): string {
  counter = (counter + 1) % 32 ** 4;
  const time = Date.now().toString(32).padStart(9, '0');
  const seq = counter.toString(32).padStart(4, '0');
  return `${prefix}_${time}${seq}${newId('', randomBytes).slice(1, 8)}`;
}
