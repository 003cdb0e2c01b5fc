import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { importFile, type ImportReport } from '../../src/imports/import.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';
import { appendixCsv, appendixXlsx, type Value } from '../fixtures/appendix.js';

const available = await engineAvailable();

const DECISION = '1234/QĐ-UBND';
const row = (
  n: number,
  over: Partial<
    Record<'product' | 'producer' | 'address' | 'stars' | 'score' | 'scorecard' | 'date', Value>
  > = {},
): Value[] => [
  n,
  over.product ?? `Gốm men rạn ${n}`,
  over.producer ?? `HTX Gốm sứ Bát Tràng ${n}`,
  over.address ?? 'Thôn 1, Xã Bát Tràng, Hà Nội',
  over.stars ?? '4 sao',
  over.score ?? 75,
  over.scorecard ?? 21,
  DECISION,
  over.date ?? '15/03/2024',
];

async function counts(t: TestDatabase) {
  const n = async (table: 'producers' | 'products' | 'certificates' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    producers: await n('producers'),
    products: await n('products'),
    certificates: await n('certificates'),
    audit: await n('audit_log'),
  };
}

const lineOf = (r: ImportReport, line: number) => r.rows.find((x) => x.line === line);

describe.skipIf(!available)(`import of a decision's appendix on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
  });
  afterAll(() => t.close());

  it('dry-runs, applies in one go, and changes nothing the second time', async () => {
    const bytes = await appendixXlsx([
      row(1),
      row(2),
      row(3, { stars: 3, score: 60, scorecard: 'Thủ công mỹ nghệ gia dụng, trang trí' }),
    ]);
    const before = await counts(t);
    const dry = await importFile(t.ctx, { fileName: 'qd-1234.xlsx', bytes, mode: 'dry-run' });
    expect(dry.summary).toEqual({ create: 3, update: 0, unchanged: 0, review: 0, error: 0 });
    expect(dry.rows.map((r) => r.line)).toEqual([6, 7, 8]);
    expect(await counts(t)).toEqual(before);
    const applied = await importFile(t.ctx, { fileName: 'qd-1234.xlsx', bytes, mode: 'apply' });
    expect(applied.applied).toBe(true);
    expect(applied.summary.create).toBe(3);
    const after = await counts(t);
    expect(after.products - before.products).toBe(3);
    expect(after.certificates - before.certificates).toBe(3);
    const again = await importFile(t.ctx, { fileName: 'qd-1234.xlsx', bytes, mode: 'apply' });
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 3, review: 0, error: 0 });
    expect(await counts(t)).toEqual(after);
    const cert = await t.ctx.db
      .selectFrom('certificates as c')
      .innerJoin('products as p', 'p.id', 'c.product_id')
      .select(['c.stars', 'c.level', 'c.issued_on', 'c.expires_on', 'p.scorecard_id', 'p.commune_id'])
      .where('p.name_vi', '=', 'Gốm men rạn 3')
      .executeTakeFirstOrThrow();
    expect(cert).toEqual({
      stars: 3,
      level: 'province',
      issued_on: '2024-03-15',
      expires_on: '2027-03-15',
      scorecard_id: 21,
      commune_id: '00577',
    });
    const runs = await t.ctx.db.selectFrom('import_runs').selectAll().orderBy('started_at').execute();
    expect(runs.map((r) => r.mode)).toEqual(['dry-run', 'apply', 'apply']);
  });

  it('reports each bad row by line and changes nothing unless only the valid rows are asked for', async () => {
    const bytes = await appendixXlsx([
      row(1, { product: 'Chè búp Ba Vì' }),
      row(2, { stars: 2 }),
      row(3, { date: '31/02/2024' }),
      row(4, { score: 95, stars: '5★' }),
      row(5, { score: 55, stars: 4 }),
      row(6, { address: 'Xã Không Có, huyện Đâu Đó' }),
    ]);
    const before = await counts(t);
    const r = await importFile(t.ctx, { fileName: 'bad.xlsx', bytes, mode: 'apply' });
    expect(r.applied).toBe(false);
    expect(r.summary).toMatchObject({ create: 1, error: 5 });
    expect(lineOf(r, 7)?.errors[0]?.field).toBe('stars');
    expect(lineOf(r, 8)?.errors[0]).toMatchObject({ field: 'decisionDate' });
    expect(lineOf(r, 8)?.errors[0]?.message).toContain('31/02/2024');
    expect(lineOf(r, 9)?.errors[0]?.messageEn).toContain('central');
    expect(lineOf(r, 10)?.errors[0]).toMatchObject({ field: 'score' });
    expect(lineOf(r, 11)?.errors[0]).toMatchObject({ field: 'address' });
    expect(await counts(t)).toEqual(before);
    const partial = await importFile(t.ctx, { fileName: 'bad.xlsx', bytes, mode: 'apply', onlyValid: true });
    expect(partial.applied).toBe(true);
    const after = await counts(t);
    expect(after.products).toBe(before.products + 1);
  });

  it("resolves old addresses, flags split communes for review and applies a person's choice", async () => {
    const bytes = await appendixXlsx([
      row(1, { address: 'Xã Sơn Hà, huyện Phú Xuyên', producer: 'Cơ sở mộc Sơn Hà' }),
      row(2, { address: 'Xã Bát Tràng, huyện Gia Lâm', producer: 'Công ty TNHH Gốm Cổ' }),
    ]);
    const dry = await importFile(t.ctx, { fileName: 'old.xlsx', bytes, mode: 'dry-run' });
    expect(lineOf(dry, 6)?.action).toBe('create');
    const review = lineOf(dry, 7);
    expect(review?.action).toBe('review');
    expect(review?.candidates?.length).toBeGreaterThan(1);
    const applied = await importFile(t.ctx, { fileName: 'old.xlsx', bytes, mode: 'apply' });
    expect(applied.applied).toBe(true);
    expect(applied.summary).toMatchObject({ create: 1, review: 1 });
    const sonHa = await t.ctx.db
      .selectFrom('producers')
      .select(['commune_id', 'old_address', 'legal_form'])
      .where('name', '=', 'Cơ sở mộc Sơn Hà')
      .executeTakeFirstOrThrow();
    expect(sonHa.old_address).toBe('Xã Sơn Hà, huyện Phú Xuyên');
    expect(sonHa.commune_id).not.toContain('@');
    const chosen = review?.candidates?.[1]?.id ?? '';
    const withChoice = await importFile(t.ctx, {
      fileName: 'old.xlsx',
      bytes,
      mode: 'apply',
      choices: new Map([[7, chosen]]),
    });
    expect(withChoice.summary).toMatchObject({ create: 1, unchanged: 1, review: 0 });
    const gom = await t.ctx.db
      .selectFrom('producers')
      .select(['commune_id', 'legal_form'])
      .where('name', '=', 'Công ty TNHH Gốm Cổ')
      .executeTakeFirstOrThrow();
    expect(gom).toEqual({ commune_id: chosen, legal_form: 'tnhh2' });
  });

  it('matches an existing producer and product instead of duplicating them, and supersedes on a new decision', async () => {
    const producerId = await aProducer(t.ctx, { name: 'HTX Nông nghiệp Đông Dư', communeId: '00577' });
    const productId = await aProduct(t.ctx, { producerId, nameVi: 'Ổi Đông Dư', scorecardId: 1 });
    const oldCert = await aCertificate(t.ctx, productId, {
      stars: 3,
      score: 60,
      issuedOn: '2023-05-10',
      decisionDate: '2023-05-10',
    });
    const csv = appendixCsv(
      [
        [
          1,
          'ổi đông dư',
          'htx nong nghiep dong du',
          'Xã Bát Tràng',
          '4',
          '72,5',
          'Rau, cu, qua, hat tuoi',
          '88/QĐ-UBND',
          '20/10/2025',
        ],
      ],
      { sep: ';', bom: true },
    );
    const before = await counts(t);
    const r = await importFile(t.ctx, { fileName: 'dongdu.csv', bytes: csv, mode: 'apply' });
    expect(r.summary).toMatchObject({ update: 1 });
    const after = await counts(t);
    expect(after.producers).toBe(before.producers);
    expect(after.products).toBe(before.products);
    expect(after.certificates).toBe(before.certificates + 1);
    const product = await t.ctx.db
      .selectFrom('products as p')
      .innerJoin('certificates as c', 'c.id', 'p.current_certificate_id')
      .select(['c.stars', 'c.score', 'p.name_vi'])
      .where('p.id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(product).toEqual({ stars: 4, score: 72.5, name_vi: 'ổi đông dư' });
    const old = await t.ctx.db
      .selectFrom('certificates')
      .select('superseded_by_id')
      .where('id', '=', oldCert)
      .executeTakeFirstOrThrow();
    expect(old.superseded_by_id).not.toBeNull();
  });

  it('reads headers in any order, case, accents or synonyms, Excel dates and an issue date column', async () => {
    const headers = [
      'hạng sao',
      'NGAY QUYET DINH',
      'Tên chủ thể',
      'Tên SP',
      'Địa  chỉ',
      'Số QĐ',
      'Bộ SP',
      'Ngày cấp',
      'Cấp công nhận',
    ];
    const bytes = await appendixXlsx(
      [
        [
          '4★',
          new Date(Date.UTC(2024, 10, 5)),
          'Công ty Cổ phần Sữa Ba Vì',
          'Sữa chua nếp cẩm',
          'Xã Bát Tràng',
          '77/QĐ-UBND',
          8,
          '20/11/2024',
          '',
        ],
        [
          5,
          45700,
          'Công ty Cổ phần Sữa Ba Vì',
          'Sữa tươi thanh trùng',
          'Xã Bát Tràng',
          '12/QĐ-BNNMT',
          2,
          null,
          'Trung ương',
        ],
      ],
      { headers },
    );
    const r = await importFile(t.ctx, { fileName: 'synonyms.xlsx', bytes, mode: 'apply' });
    expect(r.summary).toEqual({ create: 2, update: 0, unchanged: 0, review: 0, error: 0 });
    const certs = await t.ctx.db
      .selectFrom('certificates as c')
      .innerJoin('products as p', 'p.id', 'c.product_id')
      .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
      .select(['p.name_vi', 'c.stars', 'c.level', 'c.decision_date', 'c.issued_on', 'pr.legal_form'])
      .where('pr.name', '=', 'Công ty Cổ phần Sữa Ba Vì')
      .orderBy('p.name_vi')
      .execute();
    expect(certs).toEqual([
      {
        name_vi: 'Sữa chua nếp cẩm',
        stars: 4,
        level: 'province',
        decision_date: '2024-11-05',
        issued_on: '2024-11-20',
        legal_form: 'cophan',
      },
      {
        name_vi: 'Sữa tươi thanh trùng',
        stars: 5,
        level: 'central',
        decision_date: '2025-02-12',
        issued_on: '2025-02-12',
        legal_form: 'cophan',
      },
    ]);
    const producers = await t.ctx.db
      .selectFrom('producers')
      .select('id')
      .where('name', '=', 'Công ty Cổ phần Sữa Ba Vì')
      .execute();
    expect(producers).toHaveLength(1);
  });

  it('refuses bad files with a clear message and stores nothing', async () => {
    const before = await counts(t);
    const good = await appendixXlsx([row(1)]);
    const attempt = (fileName: string, bytes: Buffer, sizeLimit?: number) =>
      importFile(t.ctx, { fileName, bytes, mode: 'apply', ...(sizeLimit ? { sizeLimit } : {}) });
    await expect(attempt('renamed.xlsx', Buffer.from('STT,Tên sản phẩm\n1,Chè\n'))).rejects.toThrow(
      /không phải bảng tính Excel/,
    );
    await expect(attempt('cut.xlsx', good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow(
      /cắt cụt/,
    );
    await expect(attempt('big.xlsx', good, 1000)).rejects.toMatchObject({
      messageEn: expect.stringContaining('too large') as unknown,
    });
    const noColumns = await appendixXlsx([[1, 'Chè', 'HTX', 'Hà Nội']], {
      headers: ['STT', 'Tên sản phẩm', 'Chủ thể', 'Địa chỉ'],
    });
    const missing = await attempt('cols.xlsx', noColumns).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DomainError);
    expect((missing as DomainError).message).toContain('Phân hạng / Số sao');
    expect((missing as DomainError).message).toContain('"Tên sản phẩm"');
    await expect(attempt('empty.csv', Buffer.from(''))).rejects.toThrow(/rỗng/);
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1');
    const blankBytes = Buffer.from(await blank.xlsx.writeBuffer());
    await expect(attempt('blank.xlsx', blankBytes)).rejects.toMatchObject({
      messageEn: expect.stringContaining('empty') as unknown,
    });
    await expect(attempt('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).rejects.toThrow(
      /\.xls/,
    );
    expect(await counts(t)).toEqual(before);
  });
});
