import { describe, expect, it } from 'vitest';
import type { DecisionDocument, DecisionRow } from './appendix.js';
import { decisionAppendixPdf } from './appendix-pdf.js';
import { flat, readPdf } from '../../test/support/pdf-text.js';

function row(i: number, overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    // Every name distinct, and long enough to wrap in its cell.
    productName: `Mật ong hoa nhãn Hưng Yên loại đặc biệt số ${String(i + 1)}`,
    producerName: 'Hợp tác xã Nông nghiệp Đồng Tâm',
    communeName: 'Xã Ứng Hòa',
    scorecardName: 'Mật ong, các sản phẩm từ mật ong, phấn hoa',
    score: 86.333,
    stars: 4,
    certificateNumber: `${String(i + 1)}/2026/GCN-OCOP-HN`,
    ...overrides,
  };
}

function decision(rows: number, overrides: Partial<DecisionDocument> = {}): DecisionDocument {
  return {
    issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    number: '1234/QĐ-UBND',
    date: '2026-01-02',
    place: 'Hà Nội',
    title: 'Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm 2026 (đợt 1)',
    signer: { title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Nguyễn Mạnh Quyền' },
    rows: Array.from({ length: rows }, (_, i) => row(i)),
    ...overrides,
  };
}

const HEADER = ['STT', 'Tên sản phẩm', 'Chủ thể', 'Xã, phường', 'Bộ sản phẩm', 'Điểm', 'Số sao'];

async function pages(doc: DecisionDocument, locale: 'vi' | 'en' = 'vi'): Promise<string[]> {
  return (await readPdf(await decisionAppendixPdf(doc, locale))).pages.map(flat);
}

describe('decisionAppendixPdf', () => {
  it('spreads 60 rows over several pages, the header row and the page number on each', async () => {
    const all = await pages(decision(60));
    expect(all.length).toBeGreaterThanOrEqual(3);
    all.forEach((text, i) => {
      for (const h of HEADER) expect(text).toContain(h);
      expect(text).toContain('Số giấy chứng nhận');
      expect(text).toContain(`Trang ${String(i + 1)}/${String(all.length)}`);
    });
  });

  it('lists every product once, in order, with its values', async () => {
    const text = (await pages(decision(60))).join(' ');
    let at = -1;
    for (let i = 0; i < 60; i++) {
      const name = `Mật ong hoa nhãn Hưng Yên loại đặc biệt số ${String(i + 1)} `;
      const found = text.indexOf(name);
      expect(found, name).toBeGreaterThan(at);
      expect(text.indexOf(name, found + 1), name).toBe(-1);
      at = found;
    }
    expect(text.match(/86,33/g)).toHaveLength(60);
    expect(text).toContain('Hợp tác xã Nông nghiệp Đồng Tâm');
  });

  it('opens with the heading, the title and the decision it is attached to, and ends with the signer', async () => {
    const all = await pages(decision(60));
    const first = all[0] ?? '';
    for (const expected of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 02 tháng 01 năm 2026',
      'PHỤ LỤC',
      'Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm 2026 (đợt 1)',
      '(Kèm theo Quyết định số 1234/QĐ-UBND ngày 02/01/2026 của ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI)',
    ]) {
      expect(first).toContain(expected);
    }
    expect(all[1]).not.toContain('PHỤ LỤC');
    const last = all.at(-1) ?? '';
    expect(last).toContain('KT. CHỦ TỊCH PHÓ CHỦ TỊCH');
    expect(last).toContain('Nguyễn Mạnh Quyền');
  });

  it('adds the note column only when a row has a note', async () => {
    expect((await pages(decision(3)))[0]).not.toContain('Ghi chú');
    const noted = decision(3);
    noted.rows[1] = row(1, { note: 'Tiềm năng 5 sao' });
    const text = (await pages(noted))[0] ?? '';
    expect(text).toContain('Ghi chú');
    expect(text).toContain('Tiềm năng 5 sao');
  });

  it('cuts an absurdly long cell instead of letting one row outgrow the page', async () => {
    const doc = decision(2);
    doc.rows[0] = row(0, { productName: 'Mật ong hoa nhãn Hưng Yên '.repeat(200) });
    const all = await pages(doc);
    expect(all).toHaveLength(1);
    expect(all[0]).toContain('…');
    expect(all[0]).toContain('Mật ong hoa nhãn Hưng Yên loại đặc biệt số 2');
  });

  it('is the same file for the same decision', async () => {
    const a = await decisionAppendixPdf(decision(30));
    const b = await decisionAppendixPdf(decision(30));
    expect(a.equals(b)).toBe(true);
  });

  it('has an English rendering', async () => {
    const all = await pages(decision(40), 'en');
    expect(all[0]).toContain('APPENDIX');
    expect(all[0]).toContain('Product');
    expect(all[0]).toContain('86.33');
    expect(all[0]).toContain(`Page 1 of ${String(all.length)}`);
  });
});
