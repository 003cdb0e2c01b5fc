import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/imports/import.service.js';
import { loadDemo } from '../../src/demo/demo.loader.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

describe('products export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      await loadDemo(ctx, { products: 120 });
      const producerId = await aProducer(ctx, { name: '=HYPERLINK("http://x.test","bấm")' });
      const productId = await aProduct(ctx, { producerId, nameVi: '+Chè @xanh', scorecardId: 11 });
      await aCertificate(ctx, productId, { stars: 4, score: 80 });
    });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const productCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('exports the filtered list as XLSX with the import columns, and it re-imports unchanged', async () => {
    const res = await get('/api/v1/products/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ocop-san-pham-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual(
      expect.arrayContaining(['Tên sản phẩm', 'Chủ thể', 'Địa chỉ', 'Số quyết định']),
    );
    const total = await productCount();
    expect(total).toBeGreaterThan(100);
    expect(ws?.rowCount).toBe(total + 1);
    const report = await importFile(t.ctx, {
      fileName: 'export.xlsx',
      bytes: res.rawPayload,
      mode: 'dry-run',
    });
    expect(report.summary).toEqual({ create: 0, update: 0, unchanged: total, review: 0, error: 0 });
  });

  it('exports CSV with the same filters, formulas neutralized, and it re-imports unchanged', async () => {
    const all = await get('/api/v1/products/export.csv');
    expect(all.headers['content-type']).toContain('text/csv');
    const text = all.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""bấm"")"`);
    expect(text).toContain(`'+Chè @xanh`);
    expect(text).not.toMatch(/(^|,)[=+@-]/m);
    const total = await productCount();
    const report = await importFile(t.ctx, { fileName: 'export.csv', bytes: all.rawPayload, mode: 'apply' });
    expect(report.summary).toEqual({ create: 0, update: 0, unchanged: total, review: 0, error: 0 });
    expect(await productCount()).toBe(total);
    const product = await t.ctx.db
      .selectFrom('products')
      .select('name_vi')
      .where('name_vi', 'like', '%Chè @xanh')
      .execute();
    expect(product.map((p) => p.name_vi)).toEqual(['+Chè @xanh']);

    const fourStars = await get('/api/v1/products/export.csv?stars=4&scorecard=11');
    const lines = fourStars.body.trim().split('\r\n');
    const list = await get('/api/v1/products?stars=4&scorecard=11&limit=100');
    expect(lines.length - 1).toBe(list.json<{ total: number }>().total);
  });

  it('refuses a bad filter like the list does', async () => {
    const res = await get('/api/v1/products/export.xlsx?stars=9');
    expect(res.statusCode).toBe(400);
  });
});
