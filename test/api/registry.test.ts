import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/app.js';
import { aCertificate, aCraftVillage, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

interface List<T = Record<string, unknown>> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}
interface ErrorJson {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestApp;
const ids: Record<string, string> = {};

// Test clock: 2026-11-26. Certificates: valid (issued 2025-09), expiring (2023-12 → 2026-12), expired (2022-01),
// revoked, and one superseded by an upgrade.
beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const village = await aCraftVillage(ctx, {
      name: 'Làng gốm Bát Tràng',
      recognized: true,
      recognitionDecision: '123/QĐ-UBND',
      recognitionYear: 2010,
    });
    const producer = await aProducer(ctx, { name: 'Công ty TNHH Gốm Minh Long', legalForm: 'tnhh2' });
    ids.village = village;
    ids.producer = producer;
    ids.valid = await aProduct(ctx, {
      producerId: producer,
      nameVi: 'Bình gốm men lam',
      nameEn: 'Blue-glazed vase',
      craftVillageId: village,
    });
    await aCertificate(ctx, ids.valid, { stars: 4, issuedOn: '2025-09-10' });
    ids.expiring = await aProduct(ctx, { producerId: producer, nameVi: 'Ấm chén gốm', scorecardId: 21 });
    await aCertificate(ctx, ids.expiring, {
      stars: 3,
      level: 'district',
      issuedOn: '2023-12-20',
      decisionDate: '2023-12-15',
    });
    ids.expired = await aProduct(ctx, { nameVi: 'Gạo nếp cái hoa vàng', scorecardId: 3, communeId: '10273' });
    await aCertificate(ctx, ids.expired, {
      stars: 3,
      level: 'district',
      issuedOn: '2022-01-05',
      decisionDate: '2022-01-01',
    });
    ids.revoked = await aProduct(ctx, { nameVi: 'Sữa chua Ba Vì', scorecardId: 8, communeId: '09694' });
    ids.revokedCert = await aCertificate(ctx, ids.revoked, { stars: 4 });
    await revokeCertificate(ctx, ids.revokedCert, { reason: 'unsafe_product', on: '2026-10-01' });
    ids.upgraded = await aProduct(ctx, {
      nameVi: 'Lụa tơ tằm Vạn Phúc',
      scorecardId: 22,
      communeId: '09556',
    });
    ids.oldCert = await aCertificate(ctx, ids.upgraded, {
      stars: 3,
      level: 'district',
      issuedOn: '2024-03-01',
      decisionDate: '2024-02-20',
      number: 'HN-2024-00001',
    });
    await aCertificate(ctx, ids.upgraded, {
      stars: 5,
      level: 'central',
      issuedOn: '2026-02-01',
      decisionDate: '2026-01-20',
      number: 'HN-2026-00005',
    });
    ids.uncertified = await aProduct(ctx, { nameVi: 'Sản phẩm chưa đánh giá' });
    ids.salesPoint = await aSalesPoint(ctx, {
      name: 'Điểm OCOP Bát Tràng',
      locationType: 'craft_village',
      craftVillageId: village,
      productIds: [ids.valid, ids.expiring],
    });
  });
});
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape
async function get<T>(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json<T>(), headers: res.headers };
}
const productIds = (l: List) => l.items.map((p) => p.id).sort();

describe('GET /api/v1/products', () => {
  it('lists every product with its public url, paged', async () => {
    const { status, body } = await get<List>('/api/v1/products');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 6, page: 1, limit: 20 });
    expect(body.items[0]?.url).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/vi/products/prd_`));
  });

  it.each([
    ['stars=4', ['valid']],
    ['stars=3&stars=5', ['expiring', 'expired', 'upgraded']],
    ['certificate=valid', ['valid', 'upgraded']],
    ['certificate=expiring', ['expiring']],
    ['certificate=expired', ['expired']],
    ['certificate=revoked', ['revoked']],
    ['sector=IV', ['valid', 'expiring', 'upgraded', 'uncertified']],
    ['scorecard=3', ['expired']],
    ['commune=09694', ['revoked']],
    ['demo=false', ['valid', 'expiring', 'expired', 'revoked', 'upgraded', 'uncertified']],
    ['demo=true', []],
  ])('filters by %s', async (query, expected) => {
    const { status, body } = await get<List>(`/api/v1/products?${query}`);
    expect(status).toBe(200);
    expect(productIds(body)).toEqual(expected.map((k) => ids[k]).sort());
    expect(body.total).toBe(expected.length);
  });

  it('filters by craft village and by producer', async () => {
    expect(productIds((await get<List>(`/api/v1/products?craftVillage=${ids.village}`)).body)).toEqual([
      ids.valid,
    ]);
    expect(productIds((await get<List>(`/api/v1/products?producer=${ids.producer}`)).body)).toEqual(
      [ids.valid, ids.expiring].sort(),
    );
  });

  it('finds products by an old commune name now merged into a 2025 commune (Sơn Hà → Phú Xuyên)', async () => {
    const { body } = await get<List>('/api/v1/products?commune=10318@2024-12-31');
    expect(productIds(body)).toEqual([ids.expired]);
  });

  it('sorts by stars, descending, and keeps pages disjoint', async () => {
    const { body } = await get<List<{ stars: number | null }>>(
      '/api/v1/products?sort=-stars&certificate=valid',
    );
    expect(body.items.map((p) => p.stars)).toEqual([5, 4]);
    const p1 = await get<List>('/api/v1/products?limit=4&page=1');
    const p2 = await get<List>('/api/v1/products?limit=4&page=2');
    expect(p1.body.items).toHaveLength(4);
    expect(p2.body.items).toHaveLength(2);
    expect(new Set([...productIds(p1.body), ...productIds(p2.body)]).size).toBe(6);
  });

  it('answers a page past the end with no items and the true total', async () => {
    const { status, body } = await get<List>('/api/v1/products?page=50&limit=100');
    expect(status).toBe(200);
    expect(body).toMatchObject({ items: [], total: 6, page: 50, limit: 100 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['stars=6', 'stars'],
    ['certificate=fake', 'certificate'],
    ['sector=VII', 'sector'],
    ['sort=price', 'sort'],
    ['scorecard=27', 'scorecard'],
    ['demo=maybe', 'demo'],
    ['colour=red', 'colour'],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const { status, body } = await get<ErrorJson>(`/api/v1/products?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.field).join(' ')).toContain(field);
    expect(body.error.message).toContain(field);
  });

  it('refuses an unknown commune with a 400 naming it', async () => {
    const { status, body } = await get<ErrorJson>('/api/v1/products?commune=99999');
    expect(status).toBe(400);
    expect(body.error.details[0]?.field).toBe('commune');
  });

  it('speaks English when asked', async () => {
    const vi = await get<ErrorJson>('/api/v1/products?limit=0');
    const en = await get<ErrorJson>('/api/v1/products?limit=0', { 'accept-language': 'en-US,en;q=0.9' });
    expect(vi.body.error.message).toMatch(/Tham số không hợp lệ/);
    expect(en.body.error.message).toMatch(/Invalid query parameter/);
    const product = await get<{ name: string }>(`/api/v1/products/${ids.valid}`, { 'accept-language': 'en' });
    expect(product.body.name).toBe('Blue-glazed vase');
  });
});

describe('GET /api/v1/products/:id', () => {
  it('shows the product with its current certificate and links', async () => {
    const { status, body } = await get<Record<string, unknown>>(`/api/v1/products/${ids.upgraded}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: ids.upgraded,
      name: 'Lụa tơ tằm Vạn Phúc',
      stars: 5,
      certificate: { number: 'HN-2026-00005', status: 'valid', level: 'central', expiresOn: '2029-02-01' },
      sector: { code: 'IV' },
      commune: { id: '09556' },
      demo: false,
    });
  });
  it('answers 404 in the error format for an unknown id', async () => {
    const { status, body } = await get<ErrorJson>('/api/v1/products/prd_nope', { 'accept-language': 'en' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'not_found', message: 'No product "prd_nope" was found.' });
  });
});

describe('GET /api/v1/certificates', () => {
  it('filters by status, including superseded ones', async () => {
    const sup = await get<List<{ number: string }>>('/api/v1/certificates?certificate=superseded');
    expect(sup.body.items.map((c) => c.number)).toEqual(['HN-2024-00001']);
    const revoked = await get<List<{ revocationReason: string }>>('/api/v1/certificates?certificate=revoked');
    expect(revoked.body.items[0]?.revocationReason).toBe('unsafe_product');
    const district = await get<List>('/api/v1/certificates?level=district');
    expect(district.body.total).toBe(3);
  });
  it('finds a certificate by its number, with its verification address', async () => {
    const { status, body } = await get<Record<string, unknown>>('/api/v1/certificates/HN-2026-00005');
    expect(status).toBe(200);
    expect(body).toMatchObject({ stars: 5, verifyUrl: `${TEST_PUBLIC_URL}/vi/verify/HN-2026-00005` });
    expect((await get('/api/v1/certificates/NOPE-1')).status).toBe(404);
  });
});

describe('producers, craft villages, sales points', () => {
  it('lists producers with their product counts and legal form', async () => {
    const { body } = await get<List<{ id: string; productCount: number; legalForm: { code: string } }>>(
      '/api/v1/producers?legalForm=tnhh2',
    );
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: ids.producer, productCount: 2, legalForm: { code: 'tnhh2' } });
    expect((await get('/api/v1/producers?legalForm=llc')).status).toBe(400);
    expect((await get(`/api/v1/producers/${ids.producer}`)).status).toBe(200);
    expect((await get('/api/v1/producers/pdc_none')).status).toBe(404);
  });
  it('lists craft villages by recognition', async () => {
    const { body } = await get<List<{ name: string; productCount: number }>>(
      '/api/v1/craft-villages?recognized=true',
    );
    expect(body.items).toEqual([expect.objectContaining({ name: 'Làng gốm Bát Tràng', productCount: 1 })]);
    expect((await get<List>('/api/v1/craft-villages?recognized=false')).body.total).toBe(0);
    expect((await get('/api/v1/craft-villages/cv_none')).status).toBe(404);
  });
  it('lists sales points by product stocked and by tourism or craft-village link', async () => {
    const byProduct = await get<List<{ id: string; craftVillage: { id: string } }>>(
      `/api/v1/sales-points?product=${ids.valid}`,
    );
    expect(byProduct.body.items.map((s) => s.id)).toEqual([ids.salesPoint]);
    expect(byProduct.body.items[0]?.craftVillage.id).toBe(ids.village);
    expect((await get<List>('/api/v1/sales-points?tourismLinked=true')).body.total).toBe(1);
    expect((await get<List>('/api/v1/sales-points?locationType=post_office')).body.total).toBe(0);
    expect((await get(`/api/v1/sales-points/${ids.salesPoint}`)).status).toBe(200);
  });
});

describe('GET /api/v1/stats', () => {
  it('counts certified products by stars, sector and status, and expiries', async () => {
    const { status, body } = await get<{
      products: {
        total: number;
        byStars: unknown[];
        bySector: Array<{ code: string; count: number }>;
        byCertificateStatus: Record<string, number>;
      };
      craftVillages: { total: number; recognized: number };
      salesPoints: { total: number; tourismOrCraftVillageLinked: number };
      certificates: { expiringWithin90Days: number; expired: number };
    }>('/api/v1/stats');
    expect(status).toBe(200);
    expect(body.products.total).toBe(4);
    expect(body.products.byStars).toEqual([
      { stars: 3, count: 2 },
      { stars: 4, count: 1 },
      { stars: 5, count: 1 },
    ]);
    expect(body.products.byCertificateStatus).toMatchObject({
      valid: 2,
      expiring: 1,
      expired: 1,
      revoked: 1,
    });
    expect(body.products.bySector.find((s) => s.code === 'IV')?.count).toBe(3);
    expect(body.craftVillages).toEqual({ total: 1, recognized: 1 });
    expect(body.salesPoints).toEqual({ total: 1, tourismOrCraftVillageLinked: 1 });
    expect(body.certificates).toEqual({ expiringWithin90Days: 1, expired: 1 });
  });
});

describe('read cache', () => {
  it('serves repeated reads from the cache and shows a write at once', async () => {
    const url = '/api/v1/products?demo=false&limit=100';
    const first = await t.app.inject({ method: 'GET', url });
    const second = await t.app.inject({ method: 'GET', url });
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const before = first.json<List>().total;
    const created = await aProduct(t.ctx, { nameVi: 'Sản phẩm mới ghi' });
    const third = await t.app.inject({ method: 'GET', url });
    expect(third.headers['x-cache']).toBe('miss');
    expect(third.json<List>().total).toBe(before + 1);
    expect(productIds(third.json<List>())).toContain(created);
  });
  it('sends a kept answer compressed to a client that accepts it, and the same JSON to one that does not', async () => {
    const url = '/api/v1/products?limit=50&sort=name';
    const plain = await t.app.inject({ method: 'GET', url });
    const zipped = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['x-cache']).toBe('hit');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-language, accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const english = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(english.headers['x-cache']).toBe('miss');
    expect(english.headers['content-encoding']).toBeUndefined();
  });
  it('never caches errors', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/products?limit=0' });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/products?limit=0' });
    expect(again.statusCode).toBe(400);
    expect(again.headers['x-cache']).toBeUndefined();
  });
});

describe('health and documentation', () => {
  it('reports liveness and readiness', async () => {
    expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await get('/readyz')).body).toMatchObject({ status: 'ready' });
  });
  it('publishes an OpenAPI 3 document listing every list route', async () => {
    const { body } = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(body.openapi).toMatch(/^3\./);
    for (const path of ['products', 'producers', 'certificates', 'craft-villages', 'sales-points', 'stats']) {
      expect(Object.keys(body.paths)).toContain(`/api/v1/${path}`);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBeLessThan(400);
  });
  it('carries the request id back, and answers unknown routes in the error format', async () => {
    const res = await get<ErrorJson>('/api/v1/nothing', { 'x-request-id': 'abc-123' });
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.error.code).toBe('not_found');
  });
});
