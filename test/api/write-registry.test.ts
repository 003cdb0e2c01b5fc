import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn, type Session } from '../support/accounts.js';
import { aCertificate, aProduct, aSalesPoint } from '../support/factories.js';

interface ErrorJson {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestApp;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};
let bearer: Record<string, string>;

beforeAll(async () => {
  const emails: Record<string, string> = {};
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.product = await aProduct(ctx, { nameVi: 'Bình gốm men lam' });
    ids.other = await aProduct(ctx, { nameVi: 'Gạo nếp cái hoa vàng', scorecardId: 3, communeId: '10273' });
    ids.otherCert = await aCertificate(ctx, ids.other, { number: 'KH-2025-004', stars: 3 });
    emails.admin = await anAccount(ctx, 'admin');
    emails.commune = await anAccount(ctx, 'commune', '00577');
    ids.point = await aSalesPoint(ctx, { name: 'Điểm OCOP chợ Bát Tràng', productIds: [ids.product] });
    ids.otherPoint = await aSalesPoint(ctx, { name: 'Quầy OCOP sân bay', locationType: 'transport_hub' });
    emails.manager = await anAccount(ctx, 'salespoint', ids.point);
  });
  for (const [role, email] of Object.entries(emails)) s[role] = await signIn(t.app, email);
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: s.admin?.headers,
    payload: { name: 'tests' },
  });
  bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
});
afterAll(() => t.close());

const issue = (over: Record<string, unknown> = {}) => ({
  productId: ids.product,
  number: 'BT-2026-001',
  stars: 4,
  score: 78.5,
  level: 'province',
  decisionNumber: '12/QĐ-UBND',
  decisionDate: '2026-11-01',
  issuedOn: '2026-11-10',
  ...over,
});

function send(
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({ method, url: `/api/v1${url}`, payload: payload as Record<string, unknown>, headers });
}

describe('POST /api/v1/certificates', () => {
  it('answers 401 to a visitor and 403 to a commune officer', async () => {
    expect((await send('POST', '/certificates', issue())).statusCode).toBe(401);
    const res = await send('POST', '/certificates', issue(), s.commune?.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorJson>().error.code).toBe('forbidden');
  });

  it('refuses a cookie without its CSRF token', async () => {
    const res = await send('POST', '/certificates', issue(), { cookie: s.admin?.cookie ?? '' });
    expect(res.statusCode).toBe(403);
  });

  it('names the bad field', async () => {
    const res = await send('POST', '/certificates', issue({ stars: 5 }), bearer);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.details.map((d) => d.field)).toContain('level');
  });

  it('issues with a bearer token: 201 and the record as GET returns it', async () => {
    const res = await send('POST', '/certificates', issue(), bearer);
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; number: string; status: string; expiresOn: string }>();
    expect(created).toMatchObject({ number: 'BT-2026-001', status: 'valid', expiresOn: '2029-11-10' });
    const got = await t.app.inject({ url: `/api/v1/certificates/${created.id}` });
    expect(got.json()).toEqual(created);
    ids.issued = created.id;
  });

  it('answers 409 to a number already used', async () => {
    const res = await send('POST', '/certificates', issue(), s.admin?.headers);
    expect(res.statusCode).toBe(409);
  });
});

describe('POST /api/v1/certificates/:id/revoke', () => {
  it('refuses a commune officer, even in their own commune', async () => {
    const res = await send(
      'POST',
      `/certificates/${ids.issued ?? ''}/revoke`,
      { reason: 'unsafe_product' },
      s.commune?.headers,
    );
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown certificate and 400 for an unknown reason', async () => {
    expect(
      (await send('POST', '/certificates/crt_nope/revoke', { reason: 'unsafe_product' }, bearer)).statusCode,
    ).toBe(404);
    const bad = await send(
      'POST',
      `/certificates/${ids.otherCert ?? ''}/revoke`,
      { reason: 'because' },
      bearer,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.details[0]?.field).toBe('reason');
  });

  it('revokes with cookie and CSRF: the record says revoked with the reason, the audit keeps it', async () => {
    const res = await send(
      'POST',
      `/certificates/${ids.otherCert ?? ''}/revoke`,
      { reason: 'other', note: 'Cơ sở ngừng hoạt động' },
      s.admin?.headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'revoked',
      revocationReason: 'other: Cơ sở ngừng hoạt động',
      revokedOn: '2026-11-26',
    });
    const audit = await auditTrail(t.ctx, 'certificate', ids.otherCert ?? '');
    expect(audit.at(-1)?.changes).toMatchObject({
      revocation_reason: [null, 'other: Cơ sở ngừng hoạt động'],
    });
    const again = await send(
      'POST',
      `/certificates/${ids.otherCert ?? ''}/revoke`,
      { reason: 'other', note: 'x' },
      bearer,
    );
    expect(again.statusCode).toBe(409);
  });
});

describe('craft villages write API', () => {
  const village = {
    name: 'Làng nón Chuông',
    communeId: '00577',
    craft: 'Làm nón',
    recognized: false,
    traditional: true,
  };

  it('creates in the officer’s commune (201, as GET returns it), refuses elsewhere (403) and visitors (401)', async () => {
    expect((await send('POST', '/craft-villages', village)).statusCode).toBe(401);
    const elsewhere = await send(
      'POST',
      '/craft-villages',
      { ...village, communeId: '10273' },
      s.commune?.headers,
    );
    expect(elsewhere.statusCode).toBe(403);
    const res = await send('POST', '/craft-villages', village, s.commune?.headers);
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; name: string; commune: { id: string } }>();
    expect(created).toMatchObject({ name: 'Làng nón Chuông', commune: { id: '00577' }, recognized: false });
    expect((await t.app.inject({ url: `/api/v1/craft-villages/${created.id}` })).json()).toEqual(created);
    ids.village = created.id;
  });

  it('patches with field errors, 404, and an audit of before → after', async () => {
    const url = `/craft-villages/${ids.village ?? ''}`;
    const bad = await send('PATCH', url, { recognized: true }, s.commune?.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.details[0]?.field).toBe('recognitionDecision');
    expect((await send('PATCH', '/craft-villages/cv_nope', { craft: 'x' }, bearer)).statusCode).toBe(404);
    const moved = await send('PATCH', url, { communeId: '10273' }, s.commune?.headers);
    expect(moved.statusCode).toBe(403);
    const res = await send(
      'PATCH',
      url,
      { recognized: true, recognitionDecision: '45/QĐ-UBND', recognitionYear: 2026 },
      s.commune?.headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      recognized: true,
      recognitionDecision: '45/QĐ-UBND',
      recognitionYear: 2026,
    });
    const audit = await auditTrail(t.ctx, 'craftVillage', ids.village ?? '');
    expect(audit.at(-1)).toMatchObject({
      action: 'craftVillage.update',
      changes: { recognized: [0, 1], recognition_year: [null, 2026] },
    });
  });
});

describe('sales points write API', () => {
  const point = {
    name: 'Điểm OCOP Văn Miếu',
    locationType: 'tourism',
    address: '58 Quốc Tử Giám',
    communeId: '00577',
    latitude: 21.0276,
    longitude: 105.8355,
    checklist: { location: true, signage: true },
  };

  it('creates (201, as GET returns it); 401 for visitors, 403 for a manager', async () => {
    expect((await send('POST', '/sales-points', point)).statusCode).toBe(401);
    expect((await send('POST', '/sales-points', point, s.manager?.headers)).statusCode).toBe(403);
    const res = await send('POST', '/sales-points', point, s.commune?.headers);
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string }>();
    expect(created).toMatchObject({
      location: { lat: 21.0276, lon: 105.8355 },
      checklist: { signage: true },
    });
    expect((await t.app.inject({ url: `/api/v1/sales-points/${created.id}` })).json()).toEqual(created);
  });

  it('refuses coordinates outside Hà Nội with a field error', async () => {
    const res = await send(
      'POST',
      '/sales-points',
      { ...point, latitude: 10.7769, longitude: 106.7009 },
      bearer,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.details.map((d) => d.field)).toEqual(['latitude', 'longitude']);
    const patch = await send(
      'PATCH',
      `/sales-points/${ids.point ?? ''}`,
      { latitude: 21.0, longitude: 107.5 },
      s.manager?.headers,
    );
    expect(patch.statusCode).toBe(400);
    expect(patch.json<ErrorJson>().error.details[0]?.field).toBe('longitude');
  });

  it('lets a manager patch their own point but not another (403), and answers 404', async () => {
    const own = await send(
      'PATCH',
      `/sales-points/${ids.point ?? ''}`,
      { openingHours: '7:00–18:00', phone: '024 3874 1234' },
      s.manager?.headers,
    );
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ openingHours: '7:00–18:00', phone: '024 3874 1234' });
    const audit = await auditTrail(t.ctx, 'salesPoint', ids.point ?? '');
    expect(audit.at(-1)?.changes).toMatchObject({ opening_hours: [null, '7:00–18:00'] });
    const other = await send(
      'PATCH',
      `/sales-points/${ids.otherPoint ?? ''}`,
      { openingHours: 'x' },
      s.manager?.headers,
    );
    expect(other.statusCode).toBe(403);
    expect((await send('PATCH', '/sales-points/sp_nope', { openingHours: 'x' }, bearer)).statusCode).toBe(
      404,
    );
  });

  it('replaces the products stocked, naming unknown products', async () => {
    const url = `/sales-points/${ids.point ?? ''}/products`;
    const bad = await send('PUT', url, { productIds: ['prd_nope'] }, s.manager?.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.details[0]?.field).toBe('productIds');
    const res = await send('PUT', url, { productIds: [ids.product, ids.other] }, s.manager?.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ productCount: 2 });
    const stocking = await t.app.inject({ url: `/api/v1/sales-points?product=${ids.other ?? ''}` });
    expect(stocking.json<{ total: number }>().total).toBe(1);
    expect(
      (
        await send(
          'PUT',
          `/sales-points/${ids.otherPoint ?? ''}/products`,
          { productIds: [] },
          s.manager?.headers,
        )
      ).statusCode,
    ).toBe(403);
  });
});
