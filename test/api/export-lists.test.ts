import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noProgress } from '../../src/core/progress.js';
import { loadDemo } from '../../src/demo/demo.loader.js';
import { runExportCli } from '../../src/exports/export.cli.js';
import { readCsvRows } from '../../src/imports/csv-reader.js';
import { importFile } from '../../src/imports/import.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aCertificate, aCraftVillage, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

type Table = { header: string[]; rows: Array<Record<string, unknown>> };

const HYPERLINK = '=HYPERLINK("http://x.test","bấm")';
const FORMULA_START = /^[=+\-@\t\r]/;

async function xlsxTable(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const all: unknown[][] = [];
  ws?.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
  return table(all.map((r) => r.map((v) => v ?? null)));
}

function csvTable(body: string): Table {
  return table(readCsvRows(body).map((r) => r.fields));
}

function table(all: unknown[][]): Table {
  const header = (all[0] ?? []).map(String);
  const rows = all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])));
  return { header, rows };
}

describe('exports of the producers, certificates, craft villages and sales points lists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      await loadDemo(ctx, { products: 120 });
      const producerId = await aProducer(ctx, {
        name: HYPERLINK,
        registrationNumber: '0101234567',
        phone: '+84 912 345 678',
        representative: 'Nguyễn Thị Hoa',
      });
      const productId = await aProduct(ctx, { producerId, nameVi: '+Chè @xanh', scorecardId: 11 });
      await aCertificate(ctx, productId, { stars: 4, score: 80, number: 'EXP-0001' });
      const villageId = await aCraftVillage(ctx, {
        name: '@Làng gốm thử',
        recognized: true,
        recognitionDecision: '123/QĐ-UBND',
        recognitionYear: 2019,
      });
      await aSalesPoint(ctx, {
        name: '-Điểm bán thử',
        latitude: 20.975,
        longitude: 105.913,
        operator: 'HTX Bát Tràng',
        phone: '+84 24 3874 0000',
        website: 'https://diemban.test',
        openingHours: '7:00–21:00',
        craftVillageId: villageId,
      });
    });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const listTotal = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number }>().total;
  };
  const count = async (table: 'producers' | 'certificates' | 'craft_villages' | 'sales_points') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('exports the producers list with its filters as XLSX and CSV, formulas neutralized', async () => {
    const filter = 'legalForm=htx&commune=00577';
    const total = await listTotal(`/api/v1/producers?${filter}&limit=1`);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(await count('producers'));

    const xlsx = await get(`/api/v1/producers/export.xlsx?${filter}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="ocop-chu-the-2026-11-26.xlsx"');
    const sheet = await xlsxTable(xlsx.rawPayload);
    expect(sheet.header).toEqual(
      expect.arrayContaining(['Tên chủ thể', 'Loại hình', 'Mã số doanh nghiệp', 'Địa chỉ', 'Mã xã/phường']),
    );
    expect(sheet.rows).toHaveLength(total);
    expect(sheet.rows.every((r) => r['Loại hình'] === 'Hợp tác xã' && r['Mã xã/phường'] === '00577')).toBe(
      true,
    );
    const ours = sheet.rows.find((r) => r['Mã số doanh nghiệp'] === '0101234567');
    expect(ours).toMatchObject({
      'Tên chủ thể': `'${HYPERLINK}`,
      'Người đại diện': 'Nguyễn Thị Hoa',
      'Điện thoại': "'+84 912 345 678",
      'Số sản phẩm': 1,
    });

    const csv = await get(`/api/v1/producers/export.csv?${filter}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.test"",""bấm"")"`);
    const rows = csvTable(csv.body).rows;
    expect(rows).toHaveLength(total);
    expect(rows.flatMap((r) => Object.values(r)).filter((v) => FORMULA_START.test(String(v)))).toEqual([]);
  });

  it('exports every certificate with the import columns, and the XLSX re-imports unchanged', async () => {
    const res = await get('/api/v1/certificates/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="ocop-giay-chung-nhan-2026-11-26\.xlsx"/);
    const sheet = await xlsxTable(res.rawPayload);
    expect(sheet.header).toEqual(
      expect.arrayContaining([
        'Tên sản phẩm',
        'Chủ thể',
        'Số quyết định',
        'Số giấy chứng nhận',
        'Ngày hết hạn',
      ]),
    );
    const total = await count('certificates');
    expect(total).toBeGreaterThan(100);
    expect(sheet.rows).toHaveLength(total);
    expect(sheet.rows.find((r) => r['Số giấy chứng nhận'] === 'EXP-0001')).toMatchObject({
      'Tên sản phẩm': "'+Chè @xanh",
      'Chủ thể': `'${HYPERLINK}`,
      'Mã số doanh nghiệp': '0101234567',
      'Phân hạng / Số sao': 4,
      Điểm: 80,
      'Cấp công nhận': 'Tỉnh/Thành phố',
      'Ngày quyết định': new Date('2025-09-01T00:00:00Z'),
    });

    const report = await importFile(t.ctx, { fileName: 'gcn.xlsx', bytes: res.rawPayload, mode: 'dry-run' });
    expect(report.summary).toEqual({ create: 0, update: 0, unchanged: total, review: 0, error: 0 });
  });

  it('exports certificates as CSV with the list filters, and applying the export changes nothing', async () => {
    const filter = 'stars=4&level=province';
    const filtered = await get(`/api/v1/certificates/export.csv?${filter}`);
    expect(filtered.statusCode).toBe(200);
    const rows = csvTable(filtered.body).rows;
    expect(rows).toHaveLength(await listTotal(`/api/v1/certificates?${filter}&limit=1`));
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => r['Phân hạng / Số sao'] === '4' && r['Cấp công nhận'] === 'Tỉnh/Thành phố'),
    ).toBe(true);
    expect(rows.find((r) => r['Số giấy chứng nhận'] === 'EXP-0001')?.['Ngày cấp']).toBe('10/09/2025');

    const all = await get('/api/v1/certificates/export.csv');
    expect(all.body).toContain("'+Chè @xanh");
    const total = await count('certificates');
    const report = await importFile(t.ctx, { fileName: 'gcn.csv', bytes: all.rawPayload, mode: 'apply' });
    expect(report.summary).toEqual({ create: 0, update: 0, unchanged: total, review: 0, error: 0 });
    expect(await count('certificates')).toBe(total);
    const product = await t.ctx.db
      .selectFrom('products')
      .select('name_vi')
      .where('name_vi', 'like', '%Chè @xanh')
      .execute();
    expect(product.map((p) => p.name_vi)).toEqual(['+Chè @xanh']);
  });

  it('exports the craft villages list with its filters', async () => {
    const recognized = await get('/api/v1/craft-villages/export.xlsx?recognized=true&commune=00577');
    expect(recognized.statusCode).toBe(200);
    const sheet = await xlsxTable(recognized.rawPayload);
    expect(sheet.rows).toHaveLength(
      await listTotal('/api/v1/craft-villages?recognized=true&commune=00577&limit=1'),
    );
    expect(sheet.rows.every((r) => r['Đã công nhận'] === 'Có')).toBe(true);
    expect(sheet.rows.find((r) => r['Tên làng nghề'] === "'@Làng gốm thử")).toMatchObject({
      Nghề: 'Gốm sứ',
      'Mã xã/phường': '00577',
      'Làng nghề truyền thống': 'Có',
      'Quyết định công nhận': '123/QĐ-UBND',
      'Năm công nhận': 2019,
    });

    const csv = await get('/api/v1/craft-villages/export.csv?recognized=false');
    const rows = csvTable(csv.body).rows;
    expect(rows).toHaveLength(await listTotal('/api/v1/craft-villages?recognized=false&limit=1'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['Đã công nhận'] === 'Không')).toBe(true);
    expect(rows.length).toBeLessThan(await count('craft_villages'));
  });

  it('exports the sales points list with its filters, coordinates as numbers', async () => {
    const xlsx = await get('/api/v1/sales-points/export.xlsx?locationType=retail');
    expect(xlsx.statusCode).toBe(200);
    const sheet = await xlsxTable(xlsx.rawPayload);
    expect(sheet.rows).toHaveLength(await listTotal('/api/v1/sales-points?locationType=retail&limit=1'));
    expect(sheet.rows.length).toBeLessThan(await count('sales_points'));
    expect(sheet.rows.every((r) => r['Loại địa điểm'] === 'Trung tâm mua sắm, siêu thị, chợ')).toBe(true);
    expect(sheet.rows.find((r) => r['Tên điểm bán'] === "'-Điểm bán thử")).toMatchObject({
      'Vĩ độ': 20.975,
      'Kinh độ': 105.913,
      'Đơn vị vận hành': 'HTX Bát Tràng',
      'Điện thoại': "'+84 24 3874 0000",
      Website: 'https://diemban.test',
      'Giờ mở cửa': '7:00–21:00',
      'Làng nghề': "'@Làng gốm thử",
      'Gắn với du lịch': 'Có',
    });

    const csv = await get('/api/v1/sales-points/export.csv?tourismLinked=true&commune=00577');
    expect(csv.headers['content-disposition']).toMatch(/filename="ocop-diem-ban-2026-11-26\.csv"/);
    const rows = csvTable(csv.body).rows;
    expect(rows).toHaveLength(
      await listTotal('/api/v1/sales-points?tourismLinked=true&commune=00577&limit=1'),
    );
    expect(rows.find((r) => r['Tên điểm bán'] === "'-Điểm bán thử")?.['Vĩ độ']).toBe('20.975');
  });

  it('refuses a bad filter with a 400, as the list does', async () => {
    const cases = [
      ['producers', 'legalForm=llc'],
      ['producers', 'commune=khong-co'],
      ['certificates', 'stars=9'],
      ['certificates', 'certificate=lost'],
      ['craft-villages', 'recognized=maybe'],
      ['sales-points', 'locationType=moon'],
    ];
    for (const [list, query] of cases) {
      const fromList = await get(`/api/v1/${list}?${query}`);
      expect(fromList.statusCode, `${list}?${query}`).toBe(400);
      for (const format of ['xlsx', 'csv']) {
        const res = await get(`/api/v1/${list}/export.${format}?${query}`);
        expect(res.statusCode, `${list}/export.${format}?${query}`).toBe(400);
        expect(res.json<{ error: { code: string } }>().error.code).toBe(
          fromList.json<{ error: { code: string } }>().error.code,
        );
      }
    }
  });

  it('takes exactly the filters of its list (OpenAPI), and leaves the /:id routes alone', async () => {
    type Operation = { parameters?: Array<{ name: string }> };
    const doc = t.app.swagger() as { paths: Record<string, { get?: Operation }> };
    for (const list of ['products', 'producers', 'certificates', 'craft-villages', 'sales-points']) {
      const params = doc.paths[`/api/v1/${list}`]?.get?.parameters ?? [];
      const expected = params.filter((p) => p.name !== 'page' && p.name !== 'limit');
      expect(expected.length).toBeGreaterThan(0);
      for (const format of ['xlsx', 'csv']) {
        expect(doc.paths[`/api/v1/${list}/export.${format}`]?.get?.parameters, list).toEqual(expected);
      }
    }
    const producer = await t.ctx.db.selectFrom('producers').select('id').executeTakeFirstOrThrow();
    expect((await get(`/api/v1/producers/${producer.id}`)).json<{ id: string }>().id).toBe(producer.id);
  });

  it('writes a list to a file from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-export-'));
    try {
      const file = join(dir, 'diem-ban.csv');
      const message = await runExportCli(t.ctx, file, noProgress, 'sales-points');
      expect(message).toContain(file);
      const rows = csvTable(readFileSync(file, 'utf8')).rows;
      expect(rows).toHaveLength(await count('sales_points'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
