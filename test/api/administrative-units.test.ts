import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

interface Unit {
  id: string;
  code: string;
  level: string;
  kind: string;
  name: string;
  fullName: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  current: boolean;
}
interface UnitList {
  items: Unit[];
  total: number;
  page: number;
  limit: number;
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  // The test clock says 2026-11-26: the 2025-07-01 units are the current ones.
  t = await createTestDatabase();
  await loadAdministrativeUnits(t.ctx);
  app = await buildApp({
    database: t.database,
    config: { logLevel: 'silent', publicUrl: 'http://localhost:3000' },
    clock: t.ctx.clock,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Reply<T> {
  status: number;
  body: T;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Reply<unknown>> {
  const res = await app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json() };
}

describe('GET /api/v1/administrative-units', () => {
  it('lists the communes in force today', async () => {
    const { status, body } = (await get(
      '/api/v1/administrative-units?level=commune&current=true&limit=100',
    )) as Reply<UnitList>;
    expect(status).toBe(200);
    expect(body.total).toBe(126);
    expect(body.items).toHaveLength(100);
    expect(body.items.every((u) => u.current && u.validTo === null && u.parentId === '01')).toBe(true);
    // Sorted by name, accents ignored: "Ba Đình" before "Bát Tràng" before "Bồ Đề".
    const names = body.items.map((u) => u.name);
    expect(names.indexOf('Ba Đình')).toBeLessThan(names.indexOf('Bát Tràng'));
    expect(names.indexOf('Bát Tràng')).toBeLessThan(names.indexOf('Bồ Đề'));
  });

  it('lists former units and the children of an old district', async () => {
    const former = (await get(
      '/api/v1/administrative-units?level=district&current=false',
    )) as Reply<UnitList>;
    expect(former.body.total).toBe(30);
    const phuXuyen = (await get(
      '/api/v1/administrative-units?parent=280@2025-06-30&limit=100&sort=code',
    )) as Reply<UnitList>;
    expect(phuXuyen.body.items.map((u) => u.id)).toContain('10318@2024-12-31');
    expect(phuXuyen.body.items.map((u) => u.id)).toContain('10318@2025-06-30');
    expect(phuXuyen.body.items.every((u) => u.level === 'commune' && !u.current)).toBe(true);
    const codes = phuXuyen.body.items.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('lists what was in force on a given day', async () => {
    const before = (await get(
      '/api/v1/administrative-units?level=commune&validOn=2024-06-01&q=son ha',
    )) as Reply<UnitList>;
    expect(before.body.items.map((u) => u.id)).toEqual(['10318@2024-12-31']);
    const after = (await get(
      '/api/v1/administrative-units?level=commune&validOn=2025-03-01&q=quang ha',
    )) as Reply<UnitList>;
    expect(after.body.items.map((u) => u.id)).toEqual(['10318@2025-06-30']);
    const s3 = (await get(
      '/api/v1/administrative-units?level=commune&validOn=2025-07-01',
    )) as Reply<UnitList>;
    expect(s3.body.total).toBe(126);
  });

  it('searches names without accents, inside the name too', async () => {
    const { body } = (await get(
      '/api/v1/administrative-units?q=BAT%20TRANG&current=true',
    )) as Reply<UnitList>;
    expect(body.items.map((u) => u.id)).toEqual(['00577']);
    const inner = (await get(
      `/api/v1/administrative-units?q=${encodeURIComponent('Tử Giám')}`,
    )) as Reply<UnitList>;
    expect(inner.body.items.map((u) => u.fullName)).toContain('Phường Văn Miếu - Quốc Tử Giám');
  });

  it('pages: past the end is empty with the right total', async () => {
    const first = (await get('/api/v1/administrative-units?level=district&limit=20')) as Reply<UnitList>;
    expect(first.body).toMatchObject({ total: 30, page: 1, limit: 20 });
    expect(first.body.items).toHaveLength(20);
    const second = (await get(
      '/api/v1/administrative-units?level=district&limit=20&page=2',
    )) as Reply<UnitList>;
    expect(second.body.items).toHaveLength(10);
    expect(second.body.items.map((u) => u.id)).not.toContain(first.body.items[0]?.id);
    const beyond = (await get(
      '/api/v1/administrative-units?level=district&limit=20&page=3',
    )) as Reply<UnitList>;
    expect(beyond.status).toBe(200);
    expect(beyond.body).toEqual({ items: [], total: 30, page: 3, limit: 20 });
  });

  it.each(['limit=0', 'limit=101'])('refuses %s and names the field', async (query) => {
    const { status, body } = (await get(`/api/v1/administrative-units?${query}`)) as Reply<ErrorBody>;
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.field)).toContain('limit');
  });

  it('refuses an unknown parameter', async () => {
    const { status, body } = (await get('/api/v1/administrative-units?levle=commune', {
      'accept-language': 'en',
    })) as Reply<ErrorBody>;
    expect(status).toBe(400);
    expect(body.error.message).toContain('levle');
  });

  it('refuses a bad level and a bad date, naming the field', async () => {
    const level = (await get('/api/v1/administrative-units?level=village')) as Reply<ErrorBody>;
    expect(level.status).toBe(400);
    expect(level.body.error.details.map((d) => d.field)).toContain('level');
    const date = (await get('/api/v1/administrative-units?validOn=2025-13-01')) as Reply<ErrorBody>;
    expect(date.status).toBe(400);
    expect(date.body.error.details.map((d) => d.field)).toContain('validOn');
  });
});

describe('GET /api/v1/administrative-units/:id', () => {
  it('shows an old commune with its parent and successors', async () => {
    const { status, body } = (await get('/api/v1/administrative-units/00583@2025-06-30')) as Reply<
      Record<string, unknown>
    >;
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: '00583@2025-06-30',
      code: '00583',
      fullName: 'Xã Bát Tràng',
      validFrom: null,
      validTo: '2025-06-30',
      current: false,
      parent: { id: '018@2025-06-30', fullName: 'Huyện Gia Lâm', level: 'district' },
      predecessors: [],
    });
    const successors = body.successors as Array<{ id: string; kind: string; confirmed: boolean }>;
    expect(successors.map((s) => s.id).sort()).toEqual(['00145', '00565', '00577']);
    expect(successors.every((s) => s.kind === 'partial' && s.confirmed)).toBe(true);
  });

  it('shows the predecessors of a current commune, with the unconfirmed link flagged', async () => {
    const { body } = (await get('/api/v1/administrative-units/09616')) as Reply<{
      current: boolean;
      parent: { id: string };
      predecessors: Array<{ id: string; name: string; confirmed: boolean }>;
    }>;
    expect(body.current).toBe(true);
    expect(body.parent.id).toBe('01');
    const sonDong = body.predecessors.find((p) => p.name === 'Sơn Đồng');
    expect(sonDong).toMatchObject({ id: '09859@2025-06-30', confirmed: false });
    expect(body.predecessors.find((p) => p.name === 'Sơn Đông')?.confirmed).toBe(true);
  });

  it('answers 404 in English for an unknown id', async () => {
    const { status, body } = (await get('/api/v1/administrative-units/nope', {
      'accept-language': 'en',
    })) as Reply<ErrorBody>;
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toBe('No administrative unit "nope" was found.');
    const vi = (await get('/api/v1/administrative-units/nope')) as Reply<ErrorBody>;
    expect(vi.body.error.message).toContain('Không tìm thấy đơn vị hành chính');
  });
});

describe('GET /api/v1/administrative-units/resolve', () => {
  it('resolves an old address through the 2025 reforms', async () => {
    const { status, body } = (await get(
      `/api/v1/administrative-units/resolve?commune=${encodeURIComponent('xã Sơn Hà')}&district=${encodeURIComponent('huyện Phú Xuyên')}`,
    )) as Reply<Record<string, unknown>>;
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'resolved',
      commune: { id: '10273', code: '10273', name: 'Phú Xuyên', fullName: 'Xã Phú Xuyên', level: 'commune' },
      via: [
        { id: '10318@2024-12-31', code: '10318', name: 'Sơn Hà', fullName: 'Xã Sơn Hà', level: 'commune' },
        {
          id: '10318@2025-06-30',
          code: '10318',
          name: 'Quang Hà',
          fullName: 'Xã Quang Hà',
          level: 'commune',
        },
      ],
    });
  });

  it('returns the candidates of a split commune and asks for a district when ambiguous', async () => {
    const split = (await get(
      '/api/v1/administrative-units/resolve?commune=bat%20trang&district=gia%20lam',
    )) as Reply<{ status: string; candidates: Array<{ code: string; kind: string }> }>;
    expect(split.body.status).toBe('split');
    expect(split.body.candidates.map((c) => c.code).sort()).toEqual(['00145', '00565', '00577']);
    expect(split.body.candidates[0]?.kind).toBe('partial');
    const ambiguous = (await get(
      `/api/v1/administrative-units/resolve?commune=${encodeURIComponent('Vạn Phúc')}`,
    )) as Reply<{ status: string; matches: unknown[] }>;
    expect(ambiguous.body).toMatchObject({ status: 'ambiguous' });
    expect(ambiguous.body.matches).toHaveLength(2);
    const missing = (await get('/api/v1/administrative-units/resolve?commune=Bat%20Trag')) as Reply<{
      status: string;
      suggestions: Array<{ id: string }>;
    }>;
    expect(missing.body.status).toBe('not_found');
    expect(missing.body.suggestions[0]?.id).toBe('00577');
  });

  it('requires the commune', async () => {
    const { status, body } = (await get(
      '/api/v1/administrative-units/resolve?district=Gia%20L%C3%A2m',
    )) as Reply<ErrorBody>;
    expect(status).toBe(400);
    expect(body.error.details.map((d) => d.field)).toContain('commune');
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = (await get('/api/openapi.json')) as Reply<{
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    }>;
    const list = body.paths['/api/v1/administrative-units'];
    expect(list?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['level', 'parent', 'current', 'validOn', 'q', 'page', 'limit', 'sort']),
    );
    expect(body.paths['/api/v1/administrative-units/resolve']).toBeDefined();
    expect(body.paths['/api/v1/administrative-units/{id}']).toBeDefined();
  });
});
