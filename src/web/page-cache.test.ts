import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

const page = (n: number) => ({ body: 'p'.repeat(n), cacheControl: 'public, max-age=60' });

describe('the page cache', () => {
  it('keeps pages within its weight, least recently used out first', () => {
    const cache = new PageCache(20_000);
    for (const key of ['a', 'b', 'c']) cache.set(key, page(1_500), 'v1'); // ≈ 4.7 KB each as counted
    cache.get('a');
    cache.set('d', page(1_500), 'v1');
    cache.set('e', page(1_500), 'v1');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body).toHaveLength(1_500);
    expect(cache.get('e')?.body).toHaveLength(1_500);
  });

  it('drops the pages of an older data version at once', () => {
    const cache = new PageCache();
    cache.set('/vi|v1', page(10), 'v1');
    cache.set('/en|v2', page(10), 'v2');
    expect(cache.get('/vi|v1')).toBeUndefined();
    expect(cache.get('/en|v2')).toBeDefined();
  });
});
