import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import type { ScorecardDetailOut, ScorecardSummaryOut } from '../../src/scorecards/scorecard.presenter.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

interface ListBody {
  items: ScorecardSummaryOut[];
  total: number;
  page: number;
  limit: number;
}

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadScorecards(t.ctx);
  app = await buildApp({
    database: t.database,
    config: { logLevel: 'silent', publicUrl: 'http://localhost' },
  });
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}` });

describe('GET /scorecards', () => {
  it('lists the scorecards a page at a time with their sector and version', async () => {
    const res = await get('/scorecards');
    expect(res.statusCode).toBe(200);
    const body = res.json<ListBody>();
    expect(body).toMatchObject({ total: 26, page: 1, limit: 20 });
    expect(body.items).toHaveLength(20);
    expect(body.items[0]).toEqual({
      id: 1,
      name: 'Rau, củ, quả, hạt tươi',
      nameEn: 'Fresh vegetables, tubers, fruits and nuts',
      sector: { code: 'I', name: 'Thực phẩm', nameEn: 'Food' },
      version: '148/2023',
    });
    const page2 = (await get('/scorecards?page=2')).json<ListBody>();
    expect(page2.items.map((i) => i.id)).toEqual([21, 22, 23, 24, 25, 26]);
  });

  it('filters by sector', async () => {
    const body = (await get('/scorecards?sector=II&limit=100')).json<ListBody>();
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.id)).toEqual([14, 15, 16, 17]);
    expect(body.items.every((i) => i.sector.name === 'Đồ uống')).toBe(true);
  });

  it('refuses an unknown sector, a limit over 100 and an unknown parameter', async () => {
    for (const query of ['sector=VII', 'limit=101', 'sectr=I']) {
      const res = await get(`/scorecards?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
  });
});

describe('GET /scorecards/:id', () => {
  it('returns set 1 with its parts and its 32 criteria, flattened, worth 100', async () => {
    const res = await get('/scorecards/1');
    expect(res.statusCode).toBe(200);
    const body = res.json<ScorecardDetailOut>();
    expect(body).toMatchObject({
      id: 1,
      version: '148/2023',
      name: 'Rau, củ, quả, hạt tươi',
      corrections: [],
    });
    expect(body.parts.map((p) => [p.code, p.max])).toEqual([
      ['A', 40],
      ['B', 25],
      ['C', 35],
    ]);
    expect(body.criteria).toHaveLength(32);
    expect(body.criteria.reduce((n, c) => n + c.max, 0)).toBe(100);
    expect(body.criteria[0]).toMatchObject({
      id: 'A1a',
      part: 'A',
      group: '1',
      title: 'Nguồn gốc sản phẩm',
      max: 5,
    });
    expect(body.criteria[0]?.options[2]).toEqual({
      id: 'A1a.3',
      title: 'Sản phẩm được trồng trên địa bàn cấp xã từ 75% đến 100%',
      points: 5,
    });
    expect(body.criteria.find((c) => c.id === 'A3e')).toMatchObject({
      title: 'Sở hữu trí tuệ',
      mandatoryFor: 4,
    });
    expect(body.criteria.find((c) => c.id === 'C10a')?.knockOut?.reason).toBe('food_safety_certificate');
    expect(JSON.stringify(body)).not.toContain('"source"');
  });

  it('lists the corrections applied to a set, each with its reason and whether it was verified', async () => {
    const body = (await get('/scorecards/18')).json<ScorecardDetailOut>();
    expect(body.corrections.map((c) => [c.target.path, c.verified])).toEqual([
      ['A1b.2', false],
      ['C12.5', false],
    ]);
    expect(body.corrections[0]?.reason).toContain('"t"');
  });

  it('marks the cases of set 26 alternative groups', async () => {
    const body = (await get('/scorecards/26')).json<ScorecardDetailOut>();
    const group8 = body.criteria.filter((c) => c.group === '8');
    expect(group8.map((c) => [c.id, c.alternative])).toEqual([
      ['C8a', 'a'],
      ['C8b', 'b'],
    ]);
  });

  it('answers 404 for a number outside 1..26 and 400 for a non-number', async () => {
    for (const id of ['27', '0']) {
      const res = await get(`/scorecards/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
    const res = await get('/scorecards/abc');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
  });
});
