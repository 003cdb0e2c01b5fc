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
  it('freezes long lists into typed arrays and thaws one when a record is added to it', () => {
    const map = new Map<string, PostingList>();
    for (let slot = 0; slot < 100; slot++) appendPosting(map, 'ha', slot << 3);
    expect(appendPosting(map, 'rare', 5 << 3)).toBe(true);
    freezePostings(map);
    expect(map.get('ha')).toBeInstanceOf(Int32Array);
    // A short list is not worth a typed array's own objects.
    expect(Array.isArray(map.get('rare'))).toBe(true);
    expect(appendPosting(map, 'ha', (100 << 3) | 2)).toBe(false);
    const thawed = map.get('ha');
    expect(Array.isArray(thawed)).toBe(true);
    expect(thawed).toHaveLength(101);
    expect(postingOf(thawed ?? [], 100)).toBe((100 << 3) | 2);
    expect(postingOf(thawed ?? [], 101)).toBe(-1);
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
