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
/** Characters of a sortable id's time part: base-32 milliseconds, enough until the year 3085. */
const TIME_CHARS = 9;

/**
 * Ids that sort in creation order within a process (milliseconds, then a counter, then randomness): for records
 * read back in the order they were written, such as the audit trail. `ms` lets a record's id carry the very
 * instant stored beside it (the audit trail's `at`, from the context's clock), so ranges of time are ranges of ids.
 */
export function newSortableId(prefix: string, ms: number = Date.now()): string {
  counter = (counter + 1) % 32 ** 4;
  const seq = counter.toString(32).padStart(4, '0');
  return `${sortableIdFloor(prefix, ms)}${seq}${newId('').slice(1, 8)}`;
}

/** The smallest sortable id of `prefix` made at or after `ms`: `id >= floor` selects the records since then. */
export function sortableIdFloor(prefix: string, ms: number): string {
  return `${prefix}_${Math.max(0, Math.floor(ms)).toString(32).padStart(TIME_CHARS, '0')}`;
}
