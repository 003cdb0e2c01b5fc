import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, formSession } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

const formSignIn = async (email: string) => (await formSession(t.app, email)).cookie;

/** Opens a page, then posts its form with the page's CSRF token, as a browser does. */
async function postForm(who: string, page: string, action: string, fields: Array<[string, string]>) {
  const cookie = cookies[who] ?? '';
  const form = await t.app.inject({ url: page, headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url: action,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
  });
}

const get = (who: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[who] ?? '' } });

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.gom = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng', legalForm: 'htx' });
    ids.may = await aProducer(ctx, { name: 'Công ty TNHH Mây tre Đức', legalForm: 'tnhh1' });
    ids.sua = await aProducer(ctx, { name: 'HTX Sữa Ba Vì', communeId: '09694' });
    await aProduct(ctx, { producerId: ids.gom, nameVi: 'Bình gốm men lam' });
    // Enough producers in Bát Tràng for a second page.
    for (let i = 0; i < 21; i++)
      await aProducer(ctx, {
        name: `Hộ kinh doanh số ${String(i).padStart(2, '0')}`,
        legalForm: 'hokinhdoanh',
      });
    ids.admin = await anAccount(ctx, 'admin');
    ids.officer = await anAccount(ctx, 'commune', '00577');
    ids.otherOfficer = await anAccount(ctx, 'commune', '09694');
    ids.producer = await anAccount(ctx, 'producer', ids.gom);
  });
  for (const who of ['admin', 'officer', 'otherOfficer', 'producer'])
    cookies[who] = await formSignIn(ids[who] ?? '');
});
afterAll(() => t.close());

describe('back office: producer list', () => {
  it('searches names without accents, filters by commune and legal form', async () => {
    const search = await get('admin', '/admin/producers?q=gom+bat+trang');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('HTX Gốm Bát Tràng');
    expect(search.body).not.toContain('HTX Sữa Ba Vì');
    const commune = await get('admin', '/admin/producers?commune=09694');
    expect(commune.body).toContain('HTX Sữa Ba Vì');
    expect(commune.body).not.toContain('HTX Gốm Bát Tràng');
    const form = await get('admin', '/admin/producers?legalForm=tnhh1');
    expect(form.body).toContain('Công ty TNHH Mây tre Đức');
    expect(form.body).not.toContain('HTX Gốm Bát Tràng');
  });

  it('sorts and pages', async () => {
    const first = await get('admin', '/admin/producers?sort=-name');
    const names = [
      ...first.body.matchAll(/<th scope="row">\s*<a href="\/admin\/producers\/[^"]+">([^<]+)<\/a>/g),
    ].map((m) => m[1]);
    expect(names).toHaveLength(20);
    expect(names[0]).toBe('HTX Sữa Ba Vì');
    expect(first.body).toContain('24 kết quả');
    expect(first.body).toContain('rel="next"');
    const second = await get('admin', '/admin/producers?sort=-name&page=2');
    expect(second.body).toContain('Công ty TNHH Mây tre Đức');
    expect(second.body).toContain('rel="prev"');
  });

  it('shows a commune officer only their communes, and a producer only itself', async () => {
    const officer = await get('officer', '/admin/producers?q=HTX');
    expect(officer.body).toContain('HTX Gốm Bát Tràng');
    expect(officer.body).not.toContain('HTX Sữa Ba Vì');
    const producer = await get('producer', '/admin/producers');
    expect(producer.body).toContain('1 kết quả');
    expect(producer.body).toContain('HTX Gốm Bát Tràng');
    expect(producer.body).not.toContain('Công ty TNHH Mây tre Đức');
    expect(producer.body).not.toContain('href="/admin/producers/new"');
  });

  it('exports the selected rows to Excel', async () => {
    const res = await postForm('admin', '/admin/producers', '/admin/producers/bulk', [
      ['action', 'export'],
      ['ids', ids.gom ?? ''],
      ['ids', ids.sua ?? ''],
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const names = [2, 3].map((r) => sheet?.getRow(r).getCell(2).value);
    expect(names).toEqual(['HTX Gốm Bát Tràng', 'HTX Sữa Ba Vì']);
    expect(sheet?.rowCount).toBe(3);
  });
});

describe('back office: producer forms and pages', () => {
  it('shows a validation error next to the field and keeps the values', async () => {
    const res = await postForm('officer', '/admin/producers/new', '/admin/producers', [
      ['name', ''],
      ['legalForm', 'htx'],
      ['address', 'Thôn Giang Cao'],
      ['communeId', '00577'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toMatch(/<p class="error" id="f-name-error">/);
    expect(res.body).toContain('value="Thôn Giang Cao"');
  });

  it('creates a producer and opens its page with a notice and its history', async () => {
    const res = await postForm('officer', '/admin/producers/new', '/admin/producers', [
      ['name', 'HTX Gốm Giang Cao'],
      ['legalForm', 'htx'],
      ['address', 'Thôn Giang Cao'],
      ['communeId', '00577'],
      ['phone', '0912 345 678'],
    ]);
    expect(res.statusCode).toBe(303);
    const location = res.headers.location ?? '';
    expect(location).toMatch(/^\/admin\/producers\/pdc_[0-9a-z]+\?notice=/);
    const page = await get('officer', location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>HTX Gốm Giang Cao</h1>');
    expect(page.body).toContain('role="status"');
    expect(page.body).toContain('producer.create');
  });

  it('edits a producer and shows the change before → after in its history', async () => {
    const url = `/admin/producers/${ids.gom ?? ''}/edit`;
    const form = await get('officer', url);
    expect(form.body).toContain('value="HTX Gốm Bát Tràng"');
    const res = await postForm('officer', url, url, [
      ['name', 'HTX Gốm sứ Bát Tràng'],
      ['legalForm', 'htx'],
      ['address', 'Thôn 1, Xã Bát Tràng, Hà Nội'],
      ['communeId', '00577'],
    ]);
    expect(res.statusCode).toBe(303);
    const page = await get('officer', `/admin/producers/${ids.gom ?? ''}`);
    expect(page.body).toContain('<del>HTX Gốm Bát Tràng</del> → <ins>HTX Gốm sứ Bát Tràng</ins>');
    expect(page.body).toContain('Bình gốm men lam');
  });

  it('refuses a commune officer of another commune (403) and a form without its token', async () => {
    expect((await get('otherOfficer', `/admin/producers/${ids.gom ?? ''}`)).statusCode).toBe(403);
    expect((await get('otherOfficer', `/admin/producers/${ids.gom ?? ''}/edit`)).statusCode).toBe(403);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/admin/producers',
      headers: { cookie: cookies.officer ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=X&legalForm=htx&address=Y&communeId=00577',
    });
    expect(noToken.statusCode).toBe(403);
    const moved = await postForm(
      'officer',
      `/admin/producers/${ids.gom ?? ''}/edit`,
      `/admin/producers/${ids.gom ?? ''}/edit`,
      [
        ['name', 'HTX Gốm sứ Bát Tràng'],
        ['legalForm', 'htx'],
        ['address', 'Thôn 1'],
        ['communeId', '09694'],
      ],
    );
    expect(moved.statusCode).toBe(403);
  });
});
