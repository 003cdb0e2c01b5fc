import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { certificatePdf, type CertificateDocument } from './certificate.js';
import { contentStreams, flat, readPdf } from '../../test/support/pdf-text.js';

const URL =
  'https://ocop.hanoi.gov.vn/vi/kiem-tra/crt_01JH5Q2Z8M?sig=Zm9vYmFyLXNpZ25hdHVyZS0wMTIzNDU2Nzg5YWJjZGVmZ2hpams';

function certificate(overrides: Partial<CertificateDocument> = {}): CertificateDocument {
  return {
    number: '145/2026/GCN-OCOP-HN',
    productName: 'Mật ong hoa nhãn Hưng Yên',
    producerName: 'Hợp tác xã Nông nghiệp Đồng Tâm',
    producerAddress: 'Thôn Đoài, xã Ứng Hòa (cạnh trụ sở Ủy ban nhân dân xã cũ), Thành phố Hà Nội',
    scorecardName: 'Mật ong, các sản phẩm từ mật ong, phấn hoa',
    stars: 4,
    score: 86.333,
    level: 'province',
    issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    decisionNumber: '1234/QĐ-UBND',
    decisionDate: '2026-01-02',
    issuedOn: '2026-01-05',
    expiresOn: '2029-01-05',
    verifyUrl: URL,
    ...overrides,
  };
}

/** The page's text with wrapped lines joined by a space. */
async function pageText(doc: CertificateDocument, locale: 'vi' | 'en' = 'vi'): Promise<string> {
  const { pages } = await readPdf(await certificatePdf(doc, locale));
  expect(pages).toHaveLength(1);
  return flat(pages[0] ?? '');
}

describe('certificatePdf', () => {
  it('prints the Vietnamese text exactly, tone marks on capitals included, in NFC', async () => {
    const text = await pageText(certificate());
    expect(text).toBe(text.normalize('NFC'));
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
      'GIẤY CHỨNG NHẬN SẢN PHẨM OCOP',
      'Số: 145/2026/GCN-OCOP-HN',
      'Mật ong hoa nhãn Hưng Yên',
      'Hợp tác xã Nông nghiệp Đồng Tâm',
      'xã Ứng Hòa (cạnh trụ sở Ủy ban nhân dân xã cũ)',
      'Mật ong, các sản phẩm từ mật ong, phấn hoa',
      '4 sao',
      'Cấp tỉnh',
      'Theo Quyết định số 1234/QĐ-UBND ngày 02/01/2026',
      'Ngày cấp: 05/01/2026',
      'Có giá trị đến ngày 05/01/2029',
      'Quét mã để kiểm tra hiệu lực',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows the score with a decimal comma and two decimals, and no score line without a score', async () => {
    expect(await pageText(certificate({ score: 86.333 }))).toContain('Điểm đánh giá: 86,33');
    expect(await pageText(certificate({ score: 90 }))).toContain('90,00');
    expect(await pageText(certificate({ score: null }))).not.toContain('Điểm đánh giá');
  });

  it('prints the verification URL in full under the code', async () => {
    const text = await pageText(certificate());
    // The URL wraps inside its column: compare without the line breaks.
    expect(text.replace(/\s+/g, '')).toContain(URL);
  });

  it('keeps a very long product name, producer and address on one page', async () => {
    const productName = Array.from({ length: 40 }, () => 'Mật ong hoa nhãn Hưng Yên').join(' ');
    const long = certificate({
      productName,
      producerName: 'Hợp tác xã Nông nghiệp Đồng Tâm '.repeat(12),
      producerAddress: 'Thôn Đoài, xã Ứng Hòa, Thành phố Hà Nội, '.repeat(12),
    });
    const text = await pageText(long);
    expect(text).toContain('Mật ong hoa nhãn Hưng Yên Mật ong hoa nhãn Hưng Yên');
    // Everything after the cut names is still there.
    expect(text).toContain('Có giá trị đến ngày 05/01/2029');
    expect(text).toContain('Quét mã để kiểm tra hiệu lực');
  });

  it('puts the title, the issuer as author and the decision date in the metadata', async () => {
    const pdf = await readPdf(await certificatePdf(certificate()));
    expect(pdf.title).toBe('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP 145/2026/GCN-OCOP-HN');
    expect(pdf.author).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
    expect(pdf.creationDate).toBe('D:20260102000000Z');
  });

  it('gives the same bytes for the same certificate, and different bytes for another', async () => {
    const a = await certificatePdf(certificate());
    const b = await certificatePdf(certificate());
    const c = await certificatePdf(certificate({ number: '146/2026/GCN-OCOP-HN' }));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('draws as many vector stars as the rating', async () => {
    for (const stars of [3, 4, 5] as const) {
      const streams = contentStreams(await certificatePdf(certificate({ stars })));
      // A star is one closed path of ten corners: a move, nine lines, a close.
      const shapes = streams.join('\n').match(/ m\n(?:[^\n]* l\n){9}h\n/g) ?? [];
      expect(shapes).toHaveLength(stars);
    }
  });

  it('draws the QR code of the verification URL, module for module', async () => {
    const streams = contentStreams(await certificatePdf(certificate()));
    const { size, data } = QRCode.create(URL, { errorCorrectionLevel: 'M' }).modules;
    const drawn = new Uint8Array(size * size);
    // Runs of dark modules are drawn in module units: "col row length 1 re".
    for (const m of streams.join('\n').matchAll(/^(\d+) (\d+) (\d+) 1 re$/gm)) {
      const [col, row, length] = [Number(m[1]), Number(m[2]), Number(m[3])];
      for (let c = col; c < col + length; c++) drawn[row * size + c] = (drawn[row * size + c] ?? 0) + 1;
    }
    expect(Array.from(drawn)).toEqual(Array.from(data));
  });

  it('has an English rendering', async () => {
    const text = await pageText(certificate(), 'en');
    expect(text).toContain('OCOP PRODUCT CERTIFICATE');
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Score: 86.33');
    expect(text).toContain('Valid until 05 Jan 2029');
    expect(text).toContain('Hợp tác xã Nông nghiệp Đồng Tâm');
  });
});
