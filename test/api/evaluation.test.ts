import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn, type Session } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';
import { multipart } from '../support/multipart.js';

let t: TestApp;
let uploads: string;
let producer: Session;
let commune: Session;
let otherProducer: Session;
let productId = '';
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << >> endobj\n%%EOF\n');

interface ErrorOut {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

beforeAll(async () => {
  uploads = await mkdtemp(join(tmpdir(), 'ocop-eval-api-'));
  let producerId = '';
  let otherId = '';
  t = await createTestApp(
    async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      await ensureDefaultRounds(ctx, 2026);
      producerId = await aProducer(ctx);
      otherId = await aProducer(ctx);
      productId = await aProduct(ctx, { producerId });
      await anAccount(ctx, 'producer', producerId, 'nsx@eval.test');
      await anAccount(ctx, 'producer', otherId, 'khac@eval.test');
      await anAccount(ctx, 'commune', '00577', 'xa@eval.test');
    },
    { uploadsDir: uploads },
  );
  producer = await signIn(t.app, 'nsx@eval.test');
  otherProducer = await signIn(t.app, 'khac@eval.test');
  commune = await signIn(t.app, 'xa@eval.test');
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(uploads, { recursive: true, force: true });
});

const json = (s: Session) => ({ ...s.headers, 'content-type': 'application/json' });

async function uploadDoc(session: Session, id: string, kind: string, data = PDF, filename = 'hồ sơ.pdf') {
  const body = multipart([
    { name: 'kind', value: kind },
    { name: 'file', filename, type: 'application/pdf', data },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/documents`,
    headers: { ...session.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

describe('the evaluation API', () => {
  let id = '';

  it('answers 401 to a visitor and 403 to another producer', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/applications' });
    expect(anonymous.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: json(otherProducer),
      payload: { productId, kind: 'new', sampleCount: 5 },
    });
    expect(res.statusCode).toBe(403);
  });

  it('opens a draft, refuses a bad body with the field named, and a second open application with 409', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: json(producer),
      payload: { productId, kind: 'sometime', sampleCount: -1 },
    });
    expect(bad.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: json(producer),
      payload: { productId, kind: 'new', sampleCount: 5 },
    });
    expect(res.statusCode).toBe(201);
    id = res.json<{ id: string }>().id;
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: json(producer),
      payload: { productId, kind: 'new', sampleCount: 5 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('takes dossier documents by content, refuses a disguised file, and serves them back to the producer only', async () => {
    const fake = await uploadDoc(
      producer,
      id,
      'business_plan',
      Buffer.from('MZ\x90\x00 an executable'),
      'plan.pdf',
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json<ErrorOut>().error.details[0]?.field).toBe('file');
    const unknownKind = await uploadDoc(producer, id, 'love_letter');
    expect(unknownKind.statusCode).toBe(400);
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      expect((await uploadDoc(producer, id, kind)).statusCode).toBe(201);
    }
    const app = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applications/${id}`,
      headers: producer.headers,
    });
    const doc = app.json<{ documents: Array<{ url: string; fileName: string }> }>().documents[0];
    expect(doc?.fileName).toBe('hồ sơ.pdf');
    const file = await t.app.inject({ method: 'GET', url: doc?.url ?? '', headers: producer.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const stranger = await t.app.inject({
      method: 'GET',
      url: doc?.url ?? '',
      headers: otherProducer.headers,
    });
    expect(stranger.statusCode).toBe(403);
  });

  it('moves through submit and the commune’s check by events; a refused event says why', async () => {
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events/submit`,
      headers: json(producer),
      payload: {},
    });
    expect(submit.statusCode).toBe(200);
    expect(submit.json()).toEqual({ state: 'submitted' });
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events/propose`,
      headers: { cookie: commune.cookie, 'content-type': 'application/json' },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events/propose`,
      headers: { ...json(commune), 'accept-language': 'en' },
      payload: {},
    });
    expect(early.statusCode).toBe(400);
    expect(early.json<ErrorOut>().error.message).toMatch(/commune records origin/);
    const assess = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/applications/${id}/commune-assessment`,
      headers: json(commune),
      payload: { origin: true, localLabour: true, idea: true, identity: true },
    });
    expect(assess.statusCode).toBe(200);
    const propose = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events/propose`,
      headers: json(commune),
      payload: {},
    });
    expect(propose.json()).toEqual({ state: 'proposed' });
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events/withdraw`,
      headers: json(producer),
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applications?state=proposed',
      headers: commune.headers,
    });
    expect(list.json<{ items: Array<{ id: string }> }>().items.map((a) => a.id)).toEqual([id]);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/v1/applications',
      headers: otherProducer.headers,
    });
    expect(none.json<{ total: number }>().total).toBe(0);
  });
});
