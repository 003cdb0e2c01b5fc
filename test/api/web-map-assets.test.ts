import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClientBuild, type ClientBuild } from '../../src/web/client-assets.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('the client islands build', () => {
  let dir: string;
  let built: ClientBuild;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocop-client-'));
    await build({ configFile: 'scripts/vite.config.ts', logLevel: 'silent', build: { outDir: dir } });
    built = readClientBuild(dir);
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives pages one hashed loader, and the map its chunks', () => {
    expect(built.loader).toMatch(/^\/assets\/client\/islands-[\w-]+\.js$/);
    const chunks = built.chunksOf('map');
    expect(chunks.length).toBeGreaterThan(1);
    for (const url of chunks) expect(built.files.has(url)).toBe(true);
  });

  it('keeps each page within its JavaScript budget: the loader is tiny, the map under 150 KB gzip', () => {
    const gzip = (url: string) => built.files.get(url)?.gzip.length ?? Infinity;
    const loader = gzip(built.loader ?? '');
    expect(loader).toBeLessThan(3 * 1024);
    const map = built.chunksOf('map').reduce((sum, url) => sum + gzip(url), loader);
    expect(map).toBeLessThan(150 * 1024);
    const suggest = built.chunksOf('suggest').reduce((sum, url) => sum + gzip(url), loader);
    expect(suggest).toBeLessThan(10 * 1024);
    expect(gunzipSync(built.files.get(built.loader ?? '')?.gzip ?? Buffer.alloc(0)).toString()).toContain(
      'data-island',
    );
  });

  it('reads a missing build as none: pages then ship no script', () => {
    const none = readClientBuild(join(dir, 'nowhere'));
    expect(none.loader).toBeNull();
    expect(none.files.size).toBe(0);
  });
});

describe('GET /assets/client/…', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown file with 404 that no cache keeps', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/client/nothing-123.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
