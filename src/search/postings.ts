/**
 * The index's integer lists: posting lists (`slot << 3 | field`, in slot order) and reusable lists of slots.
 * They are most of the index's memory and all of a query's inner loops, so they avoid JS arrays where size
 * matters: a JS array of small integers takes 8 bytes an entry plus growth slack, an Int32Array 4 and none.
 */

export const FIELD_BITS = 3;

/**
 * A word's postings. Built as a number[] (appended record by record) and frozen into an exact-size Int32Array
 * once the index is built. A later record appended to a frozen list makes a longer view over the same buffer
 * while it has room, else over a buffer half as large again: entries before the end are never written, so a
 * view held by a running query stays true.
 */
export type PostingList = number[] | Int32Array;

export const NO_POSTINGS: readonly number[] = [];

/** Shorter lists stay arrays: a typed array's own objects (~200 bytes) outweigh what it saves on a few entries. */
const FREEZE_MIN = 24;

/** Adds `posting` to `word`'s list in `map`; true when the word had no list there. */
export function appendPosting(map: Map<string, PostingList>, word: string, posting: number): boolean {
  const list = map.get(word);
  if (list === undefined) {
    map.set(word, [posting]);
    return true;
  }
  if (Array.isArray(list)) list.push(posting);
  else map.set(word, appendTyped(list, posting));
  return false;
}

function appendTyped(list: Int32Array, posting: number): Int32Array {
  const n = list.length;
  let longer: Int32Array;
  if (list.byteOffset === 0 && list.buffer.byteLength >= (n + 1) * 4) {
    longer = new Int32Array(list.buffer, 0, n + 1);
  } else {
    longer = new Int32Array(new ArrayBuffer(Math.ceil(n * 1.5 + 8) * 4), 0, n + 1);
    longer.set(list);
  }
  longer[n] = posting;
  return longer;
}

/** Turns the long array lists of `map` into exact-size Int32Arrays (halves their memory). */
export function freezePostings(map: Map<string, PostingList>): void {
  for (const [word, list] of map) {
    if (Array.isArray(list) && list.length >= FREEZE_MIN) map.set(word, Int32Array.from(list));
  }
}

/**
 * A growable list of 32-bit integers in one typed array: a query's scratch lists (kept between queries, so a
 * broad query allocates nothing in proportion to the index) and the index's flat per-slot data.
 */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(i: number): number {
    return this.data[i] ?? 0;
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * Adds a posting list to the best weight per record of the current query word (`fieldWeight` by the posting's
 * field); records seen for the first time go to `hitSlots`.
 */
export function addPostings(
  list: ArrayLike<number>,
  weight: number,
  fieldWeight: readonly number[],
  wordBest: Float64Array,
  hitSlots: IntList,
): void {
  for (let i = 0; i < list.length; i++) {
    const p = list[i] ?? 0;
    const slot = p >>> FIELD_BITS;
    const v = weight * (fieldWeight[p & 7] ?? 1);
    const seen = wordBest[slot] ?? 0;
    if (seen === 0) hitSlots.push(slot);
    if (v > seen) wordBest[slot] = v;
  }
}

/** The posting of `slot` in `list` (sorted by slot), or -1. */
export function postingOf(list: ArrayLike<number>, slot: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) >>> FIELD_BITS < slot) lo = mid + 1;
    else hi = mid;
  }
  const p = list[lo];
  return p !== undefined && p >>> FIELD_BITS === slot ? p : -1;
}
