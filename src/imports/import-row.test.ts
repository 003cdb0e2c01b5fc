import { describe, expect, it } from 'vitest';
import { currentAddress, deriveCertificateNumber, legalFormOf, levelOfDecision } from './import-row.js';

describe('reading a row', () => {
  it('derives a stable certificate number from the decision and the row key', () => {
    const a = deriveCertificateNumber('1234/QĐ-UBND', '2024-03-15', 'HTX Gốm Bát Tràng', 'Bình gốm men lam');
    expect(a).toMatch(/^1234-QD-UBND\.2024\.[0-9A-F]{8}$/);
    expect(
      deriveCertificateNumber('1234/QĐ-UBND', '2024-03-15', 'htx gom bat trang', 'BÌNH GỐM MEN LAM'),
    ).toBe(a);
    expect(
      deriveCertificateNumber('1234/QĐ-UBND', '2025-03-15', 'HTX Gốm Bát Tràng', 'Bình gốm men lam'),
    ).not.toBe(a);
    expect(
      deriveCertificateNumber('1234/QĐ-UBND', '2024-03-15', 'HTX Gốm Bát Tràng', 'Bình gốm men rạn'),
    ).not.toBe(a);
  });

  it('reads the legal form from the producer name', () => {
    expect(legalFormOf('HTX Nông nghiệp Đông Dư')).toBe('htx');
    expect(legalFormOf('Hợp tác xã Chè Ba Vì')).toBe('htx');
    expect(legalFormOf('Công ty TNHH MTV Gốm Cổ')).toBe('tnhh1');
    expect(legalFormOf('Công ty TNHH Gốm Cổ')).toBe('tnhh2');
    expect(legalFormOf('Công ty Cổ phần Thực phẩm Hà Nội')).toBe('cophan');
    expect(legalFormOf('Cơ sở sản xuất Nguyễn Văn A')).toBe('hokinhdoanh');
  });

  it('tells a city decision from a central one', () => {
    expect(levelOfDecision('1234/QĐ-UBND')).toBe('province');
    expect(levelOfDecision('567/QĐ-BNN-VPĐP')).toBe('central');
  });

  it('files an old address under the 2025 commune, keeping the hamlet', () => {
    expect(currentAddress('Thôn Đông, xã Sơn Hà, huyện Phú Xuyên', 'Xã Phú Xuyên')).toBe(
      'Thôn Đông, Xã Phú Xuyên',
    );
    expect(currentAddress('Xã Sơn Hà, huyện Phú Xuyên', 'Xã Phú Xuyên')).toBe('Xã Phú Xuyên');
  });
});
