import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.js';

describe('the API read cache', () => {
  it('keeps answers within its weight, dropping the least recently used first', () => {
    const cache = new ResponseCache(10_000);
    const answer = 'x'.repeat(1_000); // ≈ 2.1 KB each as counted
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, answer, 'v1');
    expect(cache.get('a')).toBe(answer); // a is now the most recent
    cache.set('e', answer, 'v1');
    expect(cache.weight).toBeLessThanOrEqual(10_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(answer);
    expect(cache.get('e')).toBe(answer);
  });

  it('does not keep an answer heavier than a quarter of its weight', () => {
    const cache = new ResponseCache(10_000);
    cache.set('big', 'x'.repeat(2_000), 'v1');
    expect(cache.get('big')).toBeUndefined();
    expect(cache.weight).toBe(0);
  });

  it('drops every answer of an older data version when a newer one is kept', () => {
    const cache = new ResponseCache();
    cache.set('a|v1', '{"a":1}', 'v1');
    cache.set('b|v1', '{"b":1}', 'v1');
    cache.set('a|v2', '{"a":2}', 'v2');
    expect(cache.size).toBe(1);
    expect(cache.get('b|v1')).toBeUndefined();
    expect(cache.get('a|v2')).toBe('{"a":2}');
  });
});
