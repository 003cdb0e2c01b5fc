import { describe, expect, it } from 'vitest';
import { mapHeaders, matchHeader, missingColumns } from './columns.js';

describe('appendix headers', () => {
  it('match whatever their case, accents, spacing or tone style', () => {
    expect(matchHeader('TÊN SẢN PHẨM')).toBe('product');
    expect(matchHeader('ten  san   pham')).toBe('product');
    expect(matchHeader(' Tên sản phẩm\n')).toBe('product');
    expect(matchHeader('Ngày Quyết Định')).toBe('decisionDate');
  });

  it('match the usual synonyms and either half of a combined header', () => {
    expect(matchHeader('Tên chủ thể')).toBe('producer');
    expect(matchHeader('Hạng sao')).toBe('stars');
    expect(matchHeader('Phân hạng / Số sao')).toBe('stars');
    expect(matchHeader('Ngày cấp')).toBe('issuedOn');
    expect(matchHeader('Điểm (thang 100)')).toBe('score');
    expect(matchHeader('Số QĐ')).toBe('decisionNumber');
    expect(matchHeader('Ghi chú')).toBeUndefined();
  });

  it('map columns in any order and name the missing required ones', () => {
    const map = mapHeaders(['Địa chỉ', 'Số sao', 'STT', 'Chủ thể OCOP', 'Tên SP', 'Ghi chú']);
    expect(map).toEqual({ address: 0, stars: 1, stt: 2, producer: 3, product: 4 });
    expect(missingColumns(map).map((c) => c.key)).toEqual(['scorecard', 'decisionNumber', 'decisionDate']);
  });
});
