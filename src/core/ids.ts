import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes from a pool refilled 4 KiB at a time: one call into the system's generator serves 256 ids, which
 * takes an id from microseconds to well under one on the write paths (every audited write makes two).
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_SIZE;

function pooledRandom(n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** Opaque ids: a type prefix and 16 Crockford base-32 characters (80 random bits). */
export function newId(prefix: string, random: (n: number) => Uint8Array = pooledRandom): string {
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
  return `${prefix}_${time}${seq}${newId('').slice(1, 8)}`;
}
