import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn, type Session } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';

interface ErrorJson {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestApp;
let admin: Session;
let officer: Session; // commune officer of Bát Tràng (00577)
let otherOfficer: Session; // commune officer of 09694
let producer: Session;
let adminToken: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.own = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    ids.other = await aProducer(ctx, { name: 'HTX Sữa Ba Vì', communeId: '09694' });
    ids.ownProduct = await aProduct(ctx, { producerId: ids.own, nameVi: 'Bình gốm' });
    ids.otherProduct = await aProduct(ctx, { producerId: ids.other, nameVi: 'Sữa chua', communeId: '09694' });
    ids.admin = await anAccount(ctx, 'admin');
    ids.officer = await anAccount(ctx, 'commune', '00577');
    ids.otherOfficer = await anAccount(ctx, 'commune', '09694');
    ids.producer = await anAccount(ctx, 'producer', ids.own);
  });
  admin = await signIn(t.app, ids.admin ?? '');
  officer = await signIn(t.app, ids.officer ?? '');
  otherOfficer = await signIn(t.app, ids.otherOfficer ?? '');
  producer = await signIn(t.app, ids.producer ?? '');
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: admin.headers,
    payload: { name: 'script' },
  });
  adminToken = token.json<{ token: string }>().token;
});
afterAll(() => t.close());

const newProducer = {
  name: 'Công ty TNHH Mây tre Phú Vinh',
  legalForm: 'tnhh1',
  address: 'Thôn Phú Vinh, Hà Nội',
  communeId: '00577',
};

async function auditOf(entityId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

describe('JSON write API: producers', () => {
  it('answers 401 to a visitor, whatever the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/producers', payload: newProducer });
    expect(res.statusCode).toBe(401);
    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/producers', payload: { name: 1 } });
    expect(invalid.statusCode).toBe(401);
  });

  it('creates with an API token and answers 201 with the record as GET shows it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: newProducer,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; name: string; commune: { id: string } }>();
    expect(created.name).toBe(newProducer.name);
    const get = await t.app.inject({ url: `/api/v1/producers/${created.id}` });
    expect(get.json()).toEqual(created);
    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['producer.create']);
    expect(audit[0]?.actor).toMatch(/^user:/);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: { cookie: admin.cookie },
      payload: newProducer,
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers 400 with the field at fault', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: admin.headers,
      payload: { ...newProducer, legalForm: 'llc', communeId: '00577' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.details.map((d) => d.field)).toContain('legalForm');
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: admin.headers,
      payload: { ...newProducer, communeId: '10318@2024-12-31' },
    });
    expect(old.statusCode).toBe(400);
    expect(old.json<ErrorJson>().error.details[0]?.field).toBe('communeId');
  });

  it('lets a commune officer create in their commune only', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: officer.headers,
      payload: { ...newProducer, name: 'HTX Nông nghiệp Kim Lan' },
    });
    expect(ok.statusCode).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      headers: otherOfficer.headers,
      payload: newProducer,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorJson>().error.code).toBe('forbidden');
  });

  it('updates with a cookie and the CSRF token, and audits before → after', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/producers/${ids.own ?? ''}`,
      headers: officer.headers,
      payload: { phone: '0243 874 1234', name: 'HTX Gốm sứ Bát Tràng' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ name: string; phone: string }>()).toMatchObject({
      name: 'HTX Gốm sứ Bát Tràng',
      phone: '0243 874 1234',
    });
    const last = (await auditOf(ids.own ?? '')).at(-1);
    expect(last?.action).toBe('producer.update');
    expect(JSON.parse(last?.changes ?? '{}')).toMatchObject({
      name: ['HTX Gốm Bát Tràng', 'HTX Gốm sứ Bát Tràng'],
      phone: [null, '0243 874 1234'],
    });
  });

  it('clears an optional field given as null', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/producers/${ids.own ?? ''}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { phone: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ phone: string | null }>().phone).toBeNull();
    const last = (await auditOf(ids.own ?? '')).at(-1);
    expect(JSON.parse(last?.changes ?? '{}')).toEqual({ phone: ['0243 874 1234', null] });
    const required = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/producers/${ids.own ?? ''}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { name: null },
    });
    expect(required.statusCode).toBe(400);
  });

  it('refuses to move a producer out of, or into, a commune the officer does not hold', async () => {
    const out = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/producers/${ids.own ?? ''}`,
      headers: officer.headers,
      payload: { communeId: '09694' },
    });
    expect(out.statusCode).toBe(403);
    const into = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/producers/${ids.other ?? ''}`,
      headers: officer.headers,
      payload: { communeId: '00577' },
    });
    expect(into.statusCode).toBe(403);
    const still = await t.app.inject({ url: `/api/v1/producers/${ids.other ?? ''}` });
    expect(still.json<{ commune: { id: string } }>().commune.id).toBe('09694');
  });

  it('answers 404 for an unknown producer', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/producers/pdc_nothing',
      headers: admin.headers,
      payload: { phone: '0243 874 1234' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('JSON write API: products', () => {
  const newProduct = () => ({
    nameVi: 'Lọ hoa men rạn',
    scorecardId: 21,
    communeId: '00577',
    producerId: ids.own,
  });

  it('lets a producer create a product for itself, not for another producer', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: producer.headers,
      payload: newProduct(),
    });
    expect(ok.statusCode).toBe(201);
    const created = ok.json<{ id: string; producer: { id: string }; images: string[] }>();
    expect(created.producer.id).toBe(ids.own);
    expect(created.images).toEqual([]);
    const get = await t.app.inject({ url: `/api/v1/products/${created.id}` });
    expect(get.json()).toEqual(created);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: producer.headers,
      payload: { ...newProduct(), producerId: ids.other, communeId: '09694' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('lets a producer edit its product but not another producer’s', async () => {
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${ids.ownProduct ?? ''}`,
      headers: producer.headers,
      payload: { priceVnd: 250000 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ priceVnd: number }>().priceVnd).toBe(250000);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${ids.otherProduct ?? ''}`,
      headers: producer.headers,
      payload: { priceVnd: 1 },
    });
    expect(refused.statusCode).toBe(403);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${ids.ownProduct ?? ''}`,
      headers: producer.headers,
      payload: { producerId: ids.other },
    });
    expect(moved.statusCode).toBe(403);
  });

  it('answers 400 with field details and 401 to a visitor', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: admin.headers,
      payload: { ...newProduct(), scorecardId: 40 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.details.map((d) => d.field)).toContain('scorecardId');
    const anonymous = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${ids.ownProduct ?? ''}`,
      payload: { priceVnd: 1 },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
