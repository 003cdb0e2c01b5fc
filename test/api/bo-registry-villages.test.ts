import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aCraftVillage } from '../support/factories.js';

let t: TestApp;
const ids: Record<string, string> = {};
const who = { admin: '', commune: '', otherCommune: '' };

// Bát Tràng (00577) holds most villages; 10273 is another commune.
beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.pottery = await aCraftVillage(ctx, {
      name: 'Làng gốm Bát Tràng',
      recognized: true,
      recognitionDecision: '123/QĐ-UBND',
      recognitionYear: 2010,
    });
    ids.silk = await aCraftVillage(ctx, { name: 'Làng lụa Vạn Phúc', craft: 'Dệt lụa' });
    ids.far = await aCraftVillage(ctx, {
      name: 'Làng mây tre Phú Vinh',
      craft: 'Mây tre đan',
      communeId: '10273',
    });
    for (let i = 0; i < 21; i++)
      await aCraftVillage(ctx, { name: `Làng nghề số ${String(i).padStart(2, '0')}` });
    who.admin = await anAccount(ctx, 'admin');
    who.commune = await anAccount(ctx, 'commune', '00577');
    who.otherCommune = await anAccount(ctx, 'commune', '10273');
  });
});
afterAll(() => t.close());

/** One browser per e-mail, signed in through the form (test/support/accounts.ts). */
let bo: ReturnType<typeof backOfficeClient> | undefined;
const client = () => (bo ??= backOfficeClient(t.app));
const page = (email: string, url: string) => client().page(email, url);
const post = (email: string, url: string, fields: Record<string, string | string[]>) =>
  client().post(email, url, fields);

const rowsOf = (body: string) =>
  [...body.matchAll(/<th scope="row"><a href="\/admin\/craft-villages\/[^"]+">([^<]+)<\/a>/g)].map(
    (m) => m[1],
  );

describe('craft village list', () => {
  it('pages, searches without accents and filters by commune and recognition', async () => {
    const first = await page(who.admin, '/admin/craft-villages');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('24 kết quả');
    expect(rowsOf(first.body)).toHaveLength(20);
    expect(rowsOf((await page(who.admin, '/admin/craft-villages?page=2')).body)).toHaveLength(4);
    expect(rowsOf((await page(who.admin, '/admin/craft-villages?q=lua%20van%20phuc')).body)).toEqual([
      'Làng lụa Vạn Phúc',
    ]);
    expect(rowsOf((await page(who.admin, '/admin/craft-villages?recognized=1')).body)).toEqual([
      'Làng gốm Bát Tràng',
    ]);
    expect(rowsOf((await page(who.admin, '/admin/craft-villages?commune=10273')).body)).toEqual([
      'Làng mây tre Phú Vinh',
    ]);
  });

  it('sorts by name both ways', async () => {
    const asc = rowsOf((await page(who.admin, '/admin/craft-villages?sort=name')).body);
    const desc = rowsOf((await page(who.admin, '/admin/craft-villages?sort=-name')).body);
    expect(asc[0]).toBe('Làng gốm Bát Tràng');
    expect(desc[0]).toBe('Làng nghề số 20');
  });

  it('shows a commune officer only their commune', async () => {
    expect(rowsOf((await page(who.otherCommune, '/admin/craft-villages')).body)).toEqual([
      'Làng mây tre Phú Vinh',
    ]);
    expect((await page(who.otherCommune, `/admin/craft-villages/${ids.pottery ?? ''}`)).statusCode).toBe(403);
    expect((await page(who.otherCommune, `/admin/craft-villages/${ids.pottery ?? ''}/edit`)).statusCode).toBe(
      403,
    );
  });
});

describe('craft village forms', () => {
  it('creates a village in the officer’s commune, refuses another commune, shows errors next to fields', async () => {
    const form = await page(who.commune, '/admin/craft-villages/new');
    expect(form.body).toContain('value="00577"');
    expect(form.body).not.toContain('value="10273"');
    const refused = await post(who.commune, '/admin/craft-villages/new', {
      name: 'Làng nón',
      communeId: '10273',
      craft: 'Làm nón',
    });
    expect(refused.statusCode).toBe(403);
    const missing = await post(who.commune, '/admin/craft-villages/new', {
      name: 'Làng nón Chuông',
      communeId: '00577',
      craft: 'Làm nón',
      recognized: '1',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="f-recognitionDecision-error"');
    expect(missing.body).toContain('value="Làng nón Chuông"');
    const created = await post(who.commune, '/admin/craft-villages/new', {
      name: 'Làng nón Chuông',
      communeId: '00577',
      craft: 'Làm nón',
      traditional: '1',
    });
    expect(created.statusCode).toBe(303);
    const detail = await page(who.commune, created.headers.location ?? '');
    expect(detail.body).toContain('<h1>Làng nón Chuông</h1>');
    expect(detail.body).toContain('Đã thêm làng nghề.');
  });

  it('edits a village: the change shows and the audit keeps before and after', async () => {
    const res = await post(who.commune, `/admin/craft-villages/${ids.silk ?? ''}/edit`, {
      name: 'Làng lụa Vạn Phúc',
      communeId: '00577',
      craft: 'Dệt lụa tơ tằm',
      traditional: '1',
      description: 'Nghề dệt hơn 1.000 năm',
    });
    expect(res.statusCode).toBe(303);
    const detail = await page(who.admin, `/admin/craft-villages/${ids.silk ?? ''}`);
    expect(detail.body).toContain('Dệt lụa tơ tằm');
    const audit = await auditTrail(t.ctx, 'craftVillage', ids.silk ?? '');
    const update = audit.find((a) => a.action === 'craftVillage.update');
    expect(update?.changes).toMatchObject({
      craft: ['Dệt lụa', 'Dệt lụa tơ tằm'],
      description: [null, 'Nghề dệt hơn 1.000 năm'],
    });
    expect(detail.body).toContain('Dệt lụa tơ tằm</ins>');
  });

  it('refuses to move a village out of the officer’s commune', async () => {
    const res = await post(who.commune, `/admin/craft-villages/${ids.silk ?? ''}/edit`, {
      name: 'Làng lụa Vạn Phúc',
      communeId: '10273',
      craft: 'Dệt lụa',
    });
    expect(res.statusCode).toBe(403);
  });

  it('marks the selected villages recognized under one decision', async () => {
    const list = await page(who.commune, '/admin/craft-villages?q=lang%20nghe%20so%200');
    const chosen = [...list.body.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1] ?? '').slice(0, 2);
    expect(chosen).toHaveLength(2);
    const missing = await post(who.commune, '/admin/craft-villages/bulk', {
      ids: chosen,
      action: 'recognize',
    });
    expect(missing.statusCode).toBe(400);
    const done = await post(who.commune, '/admin/craft-villages/bulk', {
      ids: chosen,
      action: 'recognize',
      recognitionDecision: '45/QĐ-UBND',
      recognitionYear: '2026',
    });
    expect(done.statusCode).toBe(303);
    const recognized = rowsOf((await page(who.admin, '/admin/craft-villages?recognized=1')).body);
    expect(recognized).toHaveLength(3);
    const audit = await auditTrail(t.ctx, 'craftVillage', chosen[0] ?? '');
    expect(audit.at(-1)?.changes).toMatchObject({
      recognized: [0, 1],
      recognition_decision: [null, '45/QĐ-UBND'],
    });
    const foreign = await post(who.otherCommune, '/admin/craft-villages/bulk', {
      ids: [ids.pottery ?? ''],
      action: 'recognize',
      recognitionDecision: '1/QĐ',
      recognitionYear: '2026',
    });
    expect(foreign.statusCode).toBe(403);
  });
});
