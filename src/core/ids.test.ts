import { describe, expect, it } from 'vitest';
import { newId, newSortableId } from './ids.js';

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
});
