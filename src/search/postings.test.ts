import { describe, expect, it } from 'vitest';
import {
  addPostings,
  appendPosting,
  freezePostings,
  IntList,
  postingOf,
  type PostingList,
} from './postings.js';

describe('posting lists', () => {
  it('freezes long lists into typed arrays and appends to them in place, with room to grow', () => {
    const map = new Map<string, PostingList>();
    for (let slot = 0; slot < 100; slot++) appendPosting(map, 'ha', slot << 3);
    expect(appendPosting(map, 'rare', 5 << 3)).toBe(true);
    freezePostings(map);
    expect(map.get('ha')).toBeInstanceOf(Int32Array);
    // A short list is not worth a typed array's own objects.
    expect(Array.isArray(map.get('rare'))).toBe(true);
    const frozen = map.get('ha');
    expect(appendPosting(map, 'ha', (100 << 3) | 2)).toBe(false);
    const grown = map.get('ha');
    expect(grown).toBeInstanceOf(Int32Array);
    expect(grown).toHaveLength(101);
    expect(postingOf(grown ?? [], 100)).toBe((100 << 3) | 2);
    expect(postingOf(grown ?? [], 101)).toBe(-1);
    // The list a query may still hold is unchanged.
    expect(frozen).toHaveLength(100);
    expect(postingOf(frozen ?? [], 100)).toBe(-1);
    // The next appends use the room the first one made: same buffer.
    appendPosting(map, 'ha', 101 << 3);
    expect((map.get('ha') as Int32Array).buffer).toBe((grown as Int32Array).buffer);
    expect(Array.from(map.get('ha') ?? []).slice(-3)).toEqual([99 << 3, (100 << 3) | 2, 101 << 3]);
  });

  it('keeps the best weight per record and lists each record hit once', () => {
    const best = new Float64Array(8);
    const hits = new IntList(1);
    // Record 1 in the name (field 0, weight 10) and record 3 in the text (field 7, weight 1).
    addPostings(Int32Array.from([(1 << 3) | 0, (3 << 3) | 7]), 2, [10, 8, 5, 5, 4, 3, 3, 1], best, hits);
    addPostings([(3 << 3) | 1], 2, [10, 8, 5, 5, 4, 3, 3, 1], best, hits);
    expect(Array.from(hits.data.subarray(0, hits.length))).toEqual([1, 3]);
    expect(best[1]).toBe(20);
    expect(best[3]).toBe(16);
  });

  it('grows a list past its first capacity without losing entries', () => {
    const list = new IntList(2);
    for (let i = 0; i < 1000; i++) list.push(i * 3);
    expect(list.length).toBe(1000);
    expect(list.at(999)).toBe(2997);
    list.clear();
    expect(list.length).toBe(0);
  });
});
