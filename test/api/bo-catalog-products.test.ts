import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, formSession } from '../support/accounts.js';
import { aCertificate, aCraftVillage, aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

const formSignIn = async (email: string) => (await formSession(t.app, email)).cookie;

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
const rowNames = (body: string) =>
  [...body.matchAll(/<th scope="row">\s*<a href="\/admin\/products\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.village = await aCraftVillage(ctx, { name: 'Làng gốm Bát Tràng' });
    ids.gom = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    ids.sua = await aProducer(ctx, { name: 'HTX Sữa Ba Vì', communeId: '09694' });
    ids.binh = await aProduct(ctx, { producerId: ids.gom, nameVi: 'Bình gốm men lam' });
    await aCertificate(ctx, ids.binh, { stars: 4, issuedOn: '2025-09-10' });
    ids.am = await aProduct(ctx, { producerId: ids.gom, nameVi: 'Ấm chén gốm' });
    await aCertificate(ctx, ids.am, { stars: 3, issuedOn: '2023-12-20', decisionDate: '2023-12-15' });
    ids.suaChua = await aProduct(ctx, {
      producerId: ids.sua,
      nameVi: 'Sữa chua Ba Vì',
      scorecardId: 8,
      communeId: '09694',
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

describe('back office: product list', () => {
  it('searches without accents and filters by stars, certificate status, scorecard, commune, producer', async () => {
    expect(rowNames((await get('admin', '/admin/products?q=am+chen')).body)).toEqual(['Ấm chén gốm']);
    expect(rowNames((await get('admin', '/admin/products?stars=4')).body)).toEqual(['Bình gốm men lam']);
    expect(rowNames((await get('admin', '/admin/products?certificate=expiring')).body)).toEqual([
      'Ấm chén gốm',
    ]);
    expect(rowNames((await get('admin', '/admin/products?scorecard=8')).body)).toEqual(['Sữa chua Ba Vì']);
    expect(rowNames((await get('admin', '/admin/products?commune=09694')).body)).toEqual(['Sữa chua Ba Vì']);
    const byProducer = await get('admin', `/admin/products?producer=${ids.gom ?? ''}`);
    expect(rowNames(byProducer.body)).toEqual(['Ấm chén gốm', 'Bình gốm men lam']);
    expect(byProducer.body).toContain('<strong>HTX Gốm Bát Tràng</strong>');
  });

  it('sorts by name both ways and by stars', async () => {
    expect(rowNames((await get('admin', '/admin/products?sort=-name')).body)).toEqual([
      'Sữa chua Ba Vì',
      'Bình gốm men lam',
      'Ấm chén gốm',
    ]);
    const stars = await get('admin', '/admin/products?sort=-stars&commune=00577');
    expect(rowNames(stars.body)[0]).toBe('Bình gốm men lam');
    expect(stars.body).toContain('aria-sort="descending"');
  });

  it('narrows the list to the officer’s communes and the producer’s own products', async () => {
    expect(rowNames((await get('officer', '/admin/products')).body)).toEqual([
      'Ấm chén gốm',
      'Bình gốm men lam',
    ]);
    expect(rowNames((await get('otherOfficer', '/admin/products')).body)).toEqual(['Sữa chua Ba Vì']);
    expect(rowNames((await get('producer', '/admin/products')).body)).toEqual([
      'Ấm chén gốm',
      'Bình gốm men lam',
    ]);
  });

  it('assigns the selected products to a craft village, audited', async () => {
    const list = await get('officer', '/admin/products');
    expect(list.body).toContain('Làng gốm Bát Tràng');
    const res = await postForm('officer', '/admin/products', '/admin/products/bulk', [
      ['action', 'assign'],
      ['craftVillageId', ids.village ?? ''],
      ['ids', ids.binh ?? ''],
      ['ids', ids.am ?? ''],
      ['back', '?q=gom'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/products\?q=gom&notice=/);
    const rows = await t.ctx.db
      .selectFrom('products')
      .select(['id', 'craft_village_id'])
      .where('producer_id', '=', ids.gom ?? '')
      .execute();
    expect(rows.every((r) => r.craft_village_id === ids.village)).toBe(true);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', ids.binh ?? '')
      .where('action', '=', 'product.update')
      .execute();
    expect(JSON.parse(audit.at(-1)?.changes ?? '{}')).toEqual({ craft_village_id: [null, ids.village] });
  });

  it('refuses to assign products outside the officer’s communes, changing nothing', async () => {
    const res = await postForm('otherOfficer', '/admin/products', '/admin/products/bulk', [
      ['action', 'assign'],
      ['craftVillageId', ids.village ?? ''],
      ['ids', ids.suaChua ?? ''],
      ['ids', ids.binh ?? ''],
    ]);
    expect(res.statusCode).toBe(403);
    const sua = await t.ctx.db
      .selectFrom('products')
      .select('craft_village_id')
      .where('id', '=', ids.suaChua ?? '')
      .executeTakeFirst();
    expect(sua?.craft_village_id).toBeNull();
  });

  it('exports the selected products to Excel', async () => {
    const res = await postForm('admin', '/admin/products', '/admin/products/bulk', [
      ['action', 'export'],
      ['ids', ids.binh ?? ''],
    ]);
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(2).value).toBe('Bình gốm men lam');
    expect(sheet?.getRow(2).getCell(6).value).toBe(4);
  });
});

describe('back office: product pages and forms', () => {
  it('shows the current certificate status and the history', async () => {
    const page = await get('officer', `/admin/products/${ids.am ?? ''}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Ấm chén gốm</h1>');
    expect(page.body).toContain('Sắp hết hạn');
    expect(page.body).toContain('product.create');
    expect((await get('otherOfficer', `/admin/products/${ids.am ?? ''}`)).statusCode).toBe(403);
  });

  it('fixes the producer select to the producer’s own entity', async () => {
    const form = await get('producer', '/admin/products/new');
    expect(form.statusCode).toBe(200);
    const select = /<select\s+id="f-producerId"[\s\S]*?<\/select>/.exec(form.body)?.[0] ?? '';
    expect([...select.matchAll(/<option /g)]).toHaveLength(1);
    expect(select).toMatch(new RegExp(`value="${ids.gom ?? ''}"\\s+selected`));
  });

  it('shows a validation error next to the field, then creates the product', async () => {
    const fields: Array<[string, string]> = [
      ['producerId', ids.gom ?? ''],
      ['scorecardId', '21'],
      ['communeId', '00577'],
      ['priceVnd', '125.000'],
    ];
    const bad = await postForm('producer', '/admin/products/new', '/admin/products', [
      ['nameVi', ''],
      ...fields,
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-nameVi-error"');
    expect(bad.body).toContain('value="125.000"');
    const ok = await postForm('producer', '/admin/products/new', '/admin/products', [
      ['nameVi', 'Đĩa gốm vẽ tay'],
      ...fields,
    ]);
    expect(ok.statusCode).toBe(303);
    const page = await get('producer', ok.headers.location ?? '');
    expect(page.body).toContain('<h1>Đĩa gốm vẽ tay</h1>');
    expect(page.body).toContain('125.000');
  });

  it('does not let a producer create for, or edit, another producer’s product', async () => {
    const create = await postForm('producer', '/admin/products/new', '/admin/products', [
      ['nameVi', 'Sữa tươi'],
      ['producerId', ids.sua ?? ''],
      ['scorecardId', '8'],
      ['communeId', '09694'],
    ]);
    expect(create.statusCode).toBe(403);
    expect((await get('producer', `/admin/products/${ids.suaChua ?? ''}/edit`)).statusCode).toBe(403);
    const edit = await postForm(
      'producer',
      `/admin/products/${ids.binh ?? ''}/edit`,
      `/admin/products/${ids.suaChua ?? ''}/edit`,
      [
        ['nameVi', 'Đổi tên'],
        ['producerId', ids.sua ?? ''],
        ['scorecardId', '8'],
        ['communeId', '09694'],
      ],
    );
    expect(edit.statusCode).toBe(403);
  });

  it('edits a product and records before → after', async () => {
    const url = `/admin/products/${ids.binh ?? ''}/edit`;
    const res = await postForm('officer', url, url, [
      ['nameVi', 'Bình gốm men lam cổ'],
      ['producerId', ids.gom ?? ''],
      ['scorecardId', '21'],
      ['communeId', '00577'],
      ['unit', 'chiếc'],
    ]);
    expect(res.statusCode).toBe(303);
    const page = await get('officer', `/admin/products/${ids.binh ?? ''}`);
    expect(page.body).toContain('<del>Bình gốm men lam</del> → <ins>Bình gốm men lam cổ</ins>');
    // The price field was left empty: the price is cleared, not kept.
    expect(page.body).toContain('<del>100000</del> → <ins>∅</ins>');
  });
});

describe('back office: catalog markup', () => {
  it('validates (html-validate, recommended rules) in both languages', async () => {
    // Layout rules only (void-element style, whitespace, doctype case: the formatter's business) are off.
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        'void-style': 'off',
        'doctype-style': 'off',
        'no-trailing-whitespace': 'off',
        'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
      },
    });
    for (const lang of ['vi', 'en']) {
      for (const path of [
        '/admin/products?stars=4&sort=-stars',
        '/admin/products?commune=00577',
        `/admin/products/${ids.am ?? ''}`,
        `/admin/products/${ids.am ?? ''}/edit`,
        '/admin/products/new',
        '/admin/producers',
        `/admin/producers/${ids.gom ?? ''}`,
        `/admin/producers/${ids.gom ?? ''}/edit`,
        '/admin/producers/new',
      ]) {
        const res = await get('officer', `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(res.statusCode, path).toBe(200);
        const report = await validator.validateString(res.body);
        const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
        expect(problems, `${lang} ${path}`).toEqual([]);
      }
    }
  });
});
