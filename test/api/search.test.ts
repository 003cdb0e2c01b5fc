import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProduct } from '../../src/catalog/product.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/app.js';
import { aCertificate, aCraftVillage, aProduct, aProducer } from '../support/factories.js';

interface SearchJson {
  items: Array<{ type: string; id: string; name: string; url: string; stars?: number; score: number }>;
  total: number;
  facets: Record<'type' | 'stars' | 'sector' | 'commune', Array<{ value: string; count: number }>>;
  tookMs: number;
}
interface ErrorJson {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const village = await aCraftVillage(ctx, {
      name: 'Làng lụa Vạn Phúc',
      communeId: '09552',
      craft: 'Dệt lụa',
    });
    const producer = await aProducer(ctx, { name: 'HTX Dệt lụa Vạn Phúc', communeId: '09552' });
    ids.village = village;
    ids.scarf = await aProduct(ctx, {
      producerId: producer,
      craftVillageId: village,
      communeId: '09552',
      scorecardId: 19,
      nameVi: 'Lụa Vạn Phúc — khăn lụa tơ tằm',
      nameEn: 'Vạn Phúc silk — silk scarf',
    });
    await aCertificate(ctx, ids.scarf, { stars: 4 });
    ids.tie = await aProduct(ctx, {
      producerId: producer,
      craftVillageId: village,
      communeId: '09552',
      scorecardId: 19,
      nameVi: 'Lụa Vạn Phúc — cà vạt lụa',
      nameEn: 'Vạn Phúc silk — silk tie',
    });
    await aCertificate(ctx, ids.tie, { stars: 3, score: 60 });
  });
}, 120_000);
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const search = async (query: string) => {
  const res = await get(`/api/v1/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchJson>();
};

describe('GET /api/v1/search', () => {
  it('answers items with their page address, facets and the time spent', async () => {
    const body = await search('q=lua%20van%20phuc');
    expect(body.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.scarf, ids.tie, ids.village]));
    expect(body.items.find((i) => i.id === ids.scarf)).toMatchObject({
      type: 'product',
      name: 'Lụa Vạn Phúc — khăn lụa tơ tằm',
      url: `${TEST_PUBLIC_URL}/vi/products/${ids.scarf}`,
      stars: 4,
    });
    expect(body.facets.stars).toEqual([
      { value: '4', count: 1 },
      { value: '3', count: 1 },
    ]);
    expect(body.facets.type.find((f) => f.value === 'craftVillage')?.count).toBe(1);
    expect(body.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('filters by type, stars, sector, commune and certificate, and pages', async () => {
    expect((await search('q=lua&type=craftVillage')).items.map((i) => i.id)).toEqual([ids.village]);
    expect((await search('q=lua&stars=3')).items.map((i) => i.id)).toEqual([ids.tie]);
    expect((await search('q=lua&stars=3&stars=4')).total).toBe(2);
    expect((await search('q=lua&sector=I')).total).toBe(0);
    expect((await search('q=lua&commune=268%402025-06-30&type=product')).total).toBe(2);
    expect((await search('q=lua&certificate=expired')).total).toBe(0);
    const page2 = await search('q=lua&page=2&limit=1');
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(4);
  });

  it('answers in English names with Accept-Language: en', async () => {
    const res = await get('/api/v1/search?q=silk%20scarf', { 'accept-language': 'en' });
    expect(res.json<SearchJson>().items[0]).toMatchObject({
      id: ids.scarf,
      name: 'Vạn Phúc silk — silk scarf',
      url: `${TEST_PUBLIC_URL}/en/products/${ids.scarf}`,
    });
  });

  it('refuses an empty, blank or over-long query with a clear message, in both languages', async () => {
    for (const query of [
      '',
      'q=',
      'q=%20%20%20',
      `q=${'a'.repeat(201)}`,
      `q=${'á'.repeat(150)}%20${'b'.repeat(60)}`,
    ]) {
      const res = await get(`/api/v1/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = res.json<ErrorJson>();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0]?.field).toBe('q');
    }
    expect((await get('/api/v1/search?q=')).json<ErrorJson>().error.message).toContain(
      'hãy nhập nội dung cần tìm',
    );
    expect(
      (await get('/api/v1/search?q=', { 'accept-language': 'en' })).json<ErrorJson>().error.message,
    ).toContain('enter something to search for');
    expect(
      (await get(`/api/v1/search?q=${'a'.repeat(201)}`, { 'accept-language': 'en' })).json<ErrorJson>().error
        .message,
    ).toContain('longer than 200 characters');
    expect((await get(`/api/v1/search?q=${'a'.repeat(200)}`)).statusCode).toBe(200);
  });

  it('refuses unknown types and out-of-range filters', async () => {
    for (const query of [
      'q=lua&type=shop',
      'q=lua&stars=6',
      'q=lua&sector=VII',
      'q=lua&limit=101',
      'q=lua&commune=nowhere',
    ]) {
      expect((await get(`/api/v1/search?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('treats query syntax, emoji and control characters as text', async () => {
    const odd = [
      '"',
      '*',
      'NEAR',
      'lua OR tie',
      '-lua',
      "lua'; drop table products; --",
      '🧣',
      '%00lua%07',
      'lua*"',
      '(lua',
    ];
    for (const q of odd) {
      const res = await get(`/api/v1/search?q=${encodeURIComponent(decodeURIComponent(q))}`);
      expect(res.statusCode, q).toBe(200);
    }
    expect(
      (await search(`q=${encodeURIComponent('"lụa*" 🧣 -vạn\u0007 phúc')}`)).items[0]?.type,
    ).toBeDefined();
    expect((await search(`q=${encodeURIComponent('🧣')}`)).total).toBe(0);
  });

  it('finds a change at once, through the read cache', async () => {
    expect((await search('q=ao%20dai%20lua')).items[0]?.id).not.toBe(ids.tie);
    await updateProduct(t.ctx, ids.tie ?? '', { nameVi: 'Lụa Vạn Phúc — áo dài lụa' });
    expect((await search('q=ao%20dai%20lua')).items[0]?.id).toBe(ids.tie);
  });
});

describe('GET /api/v1/search/suggest', () => {
  it('completes the last word, at most 8 suggestions', async () => {
    const res = await get('/api/v1/search/suggest?q=lua%20van%20ph');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Array<{ text: string; type: string; url: string }> }>();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(8);
    expect(body.items.map((i) => i.text)).toContain('Làng lụa Vạn Phúc');
    expect(new Set(body.items.map((i) => i.text)).size).toBe(body.items.length);
  });
  it('refuses an empty query', async () => {
    expect((await get('/api/v1/search/suggest?q=%20')).statusCode).toBe(400);
  });
});
