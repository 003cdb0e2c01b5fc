import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../imports/columns.js';
import type { DecisionDocument, DecisionRow } from './appendix.js';
import { decisionAppendixXlsx } from './appendix-xlsx.js';

function row(i: number, overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    productName: `Mật ong hoa nhãn Hưng Yên số ${String(i + 1)}`,
    producerName: 'Hợp tác xã Nông nghiệp Đồng Tâm',
    communeName: 'Xã Ứng Hòa',
    scorecardName: 'Mật ong, các sản phẩm từ mật ong, phấn hoa',
    score: 86.333,
    stars: 4,
    certificateNumber: `${String(i + 1)}/2026/GCN-OCOP-HN`,
    ...overrides,
  };
}

function decision(rows: DecisionRow[]): DecisionDocument {
  return {
    issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    number: '1234/QĐ-UBND',
    date: '2026-01-02',
    place: 'Hà Nội',
    title: 'Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm 2026 (đợt 1)',
    signer: { title: 'KT. CHỦ TỊCH', name: 'Nguyễn Mạnh Quyền' },
    rows,
  };
}

const HEADER_ROW = 8;

async function sheet(doc: DecisionDocument, locale: 'vi' | 'en' = 'vi'): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are a Node Buffer (as in test/api/export.test.ts).
  await wb.xlsx.load((await decisionAppendixXlsx(doc, locale)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

function texts(ws: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  const values = ws.getRow(rowNumber).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

describe('decisionAppendixXlsx', () => {
  it('writes the title rows and a header the importer recognises', async () => {
    const ws = await sheet(decision([row(0)]));
    expect(ws.name).toBe('Phụ lục');
    expect(ws.getCell(1, 1).value).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
    expect(ws.getCell(4, 1).value).toBe('PHỤ LỤC');
    expect(ws.getCell(6, 1).value).toBe(
      '(Kèm theo Quyết định số 1234/QĐ-UBND ngày 02/01/2026 của ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI)',
    );
    const header = texts(ws, HEADER_ROW);
    expect(header).toEqual([
      'STT',
      'Tên sản phẩm',
      'Chủ thể',
      'Xã, phường',
      'Bộ sản phẩm',
      'Điểm',
      'Số sao',
      'Số giấy chứng nhận',
    ]);
    expect(mapHeaders(header as string[])).toEqual({
      stt: 0,
      product: 1,
      producer: 2,
      scorecard: 4,
      score: 5,
      stars: 6,
      certificateNumber: 7,
    });
  });

  it('writes one row per product, score and stars as numbers', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i, { score: 70 + i / 3, stars: i % 2 ? 4 : 3 }));
    const ws = await sheet(decision(rows));
    rows.forEach((r, i) => {
      const values = texts(ws, HEADER_ROW + 1 + i);
      expect(values).toEqual([
        i + 1,
        r.productName,
        'Hợp tác xã Nông nghiệp Đồng Tâm',
        'Xã Ứng Hòa',
        'Mật ong, các sản phẩm từ mật ong, phấn hoa',
        Math.round(r.score * 100) / 100,
        r.stars,
        `${String(i + 1)}/2026/GCN-OCOP-HN`,
      ]);
      expect(ws.getCell(HEADER_ROW + 1 + i, 6).numFmt).toBe('0.00');
    });
    expect(ws.getCell(HEADER_ROW + 2, 6).value).toBe(70.33);
  });

  it('keeps a formula-like name as text', async () => {
    const ws = await sheet(
      decision([
        row(0, { productName: '=HYPERLINK("http://evil.example","Mật ong")', producerName: '@SUM(A1)' }),
      ]),
    );
    const product = ws.getCell(HEADER_ROW + 1, 2);
    expect(product.type).toBe(ExcelJS.ValueType.String);
    expect(product.value).toBe('\'=HYPERLINK("http://evil.example","Mật ong")');
    expect(ws.getCell(HEADER_ROW + 1, 3).value).toBe("'@SUM(A1)");
  });

  it('freezes the header, sets column widths and prints A4 landscape with the header on every page', async () => {
    const ws = await sheet(decision([row(0)]));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '8:8' });
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width ?? 0);
  });

  it('leaves the certificate cell empty when there is none yet, and adds notes only when present', async () => {
    const ws = await sheet(decision([row(0, { certificateNumber: null }), row(1)]));
    expect(ws.getCell(HEADER_ROW + 1, 8).value).toBeNull();
    expect(texts(ws, HEADER_ROW)).not.toContain('Ghi chú');
    const noted = await sheet(decision([row(0, { note: 'Tiềm năng 5 sao' })]));
    expect(noted.getCell(HEADER_ROW, 9).value).toBe('Ghi chú');
    expect(noted.getCell(HEADER_ROW + 1, 9).value).toBe('Tiềm năng 5 sao');
  });

  it('has an English rendering', async () => {
    const ws = await sheet(decision([row(0)]), 'en');
    expect(ws.name).toBe('Appendix');
    expect(texts(ws, HEADER_ROW)[1]).toBe('Product');
    expect(ws.getCell(HEADER_ROW + 1, 2).value).toBe('Mật ong hoa nhãn Hưng Yên số 1');
  });
});
