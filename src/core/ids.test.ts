import { describe, expect, it } from 'vitest';
import { newId, newSortableId, sortableIdFloor } from './ids.js';

describe('ids', () => {
  it('are opaque, prefixed and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('prd')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^prd_[0-9a-z]{16}$/);
  });
  it('sort in creation order when sortable', () => {
    const ids = Array.from({ length: 500 }, () => newSortableId('aud'));
    expect([...ids].sort()).toEqual(ids);
  });
  it('sort in creation order within one given millisecond', () => {
    const ms = Date.parse('2026-11-26T03:00:00Z');
    const ids = Array.from({ length: 500 }, () => newSortableId('aud', ms));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
  });
  it('carry the given instant, so a range of time is a range of ids', () => {
    const ms = Date.parse('2026-11-26T03:00:00.123Z');
    const id = newSortableId('aud', ms);
    expect(id >= sortableIdFloor('aud', ms)).toBe(true);
    expect(id < sortableIdFloor('aud', ms + 1)).toBe(true);
    expect(id > newSortableId('aud', ms - 1)).toBe(true);
    expect(id < newSortableId('aud', ms + 1)).toBe(true);
    // Years apart still compare by time (fixed-width time part), and before the epoch clamps to the first id.
    expect(newSortableId('aud', Date.parse('2099-01-01')) > id).toBe(true);
    expect(sortableIdFloor('aud', -5)).toBe(sortableIdFloor('aud', 0));
  });
});
