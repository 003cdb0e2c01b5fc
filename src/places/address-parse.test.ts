import { describe, expect, it } from 'vitest';
import { editDistance, markedKey, parseUnitName, splitAddress } from './address-parse.js';

describe('parseUnitName', () => {
  it('strips the prefixes people write, in any case and with or without marks', () => {
    expect(parseUnitName('Xã Sơn Hà', 'commune')).toMatchObject({ key: 'son ha', kind: 'Xã' });
    expect(parseUnitName('TT. Phú Xuyên', 'commune')).toMatchObject({ key: 'phu xuyen', kind: 'Thị trấn' });
    expect(parseUnitName('thi tran Phu Xuyen', 'commune')).toMatchObject({
      key: 'phu xuyen',
      kind: 'Thị trấn',
    });
    expect(parseUnitName('P.Vạn Phúc', 'commune')).toMatchObject({ key: 'van phuc', kind: 'Phường' });
    expect(parseUnitName('Q.Hà Đông', 'district')).toMatchObject({ key: 'ha dong', kind: 'Quận' });
    expect(parseUnitName('TX. Sơn Tây', 'district')).toMatchObject({ key: 'son tay', kind: 'Thị xã' });
    expect(parseUnitName('HUYỆN GIA LÂM', 'district')).toMatchObject({ key: 'gia lam', kind: 'Huyện' });
    expect(parseUnitName('Thành phố Hà Nội', 'province')).toMatchObject({ key: 'ha noi' });
  });

  it('strips only the prefixes of the level asked for', () => {
    expect(parseUnitName('Quan Hoa', 'commune').key).toBe('quan hoa');
    expect(parseUnitName('Xã Quang Trung', 'district').key).toBe('xa quang trung');
  });

  it('keeps the whole text for names that start like a prefix', () => {
    expect(parseUnitName('Phương Liên', 'commune')).toMatchObject({ key: 'lien', whole: 'phuong lien' });
    expect(parseUnitName('Xã', 'commune').key).toBe('xa');
  });

  it('keeps the marks that were written, apart from the prefix', () => {
    expect(parseUnitName('Xã Vạn Phúc', 'commune').marked).toBe(markedKey('vạn phúc'));
    expect(parseUnitName('xa van phuc', 'commune').marked).toBe('van phuc');
  });
});

describe('markedKey', () => {
  it('ignores where the tone mark sits but not which vowel it is', () => {
    expect(markedKey('Hoà Lạc')).toBe(markedKey('Hòa Lạc'));
    expect(markedKey('Thuỷ'.normalize('NFD'))).toBe(markedKey('Thủy'));
    expect(markedKey('Vạn Phúc')).not.toBe(markedKey('Vân Phúc'));
    expect(markedKey('Văn Miếu - Quốc Tử Giám')).toBe(markedKey('văn miếu quốc tử giám'));
  });
});

describe('splitAddress', () => {
  const isProvince = (p: string) => /h[aà] n[oộ]i/i.test(p);
  it('finds the commune and district by their prefixes', () => {
    expect(splitAddress('Thôn Kiêu Kỵ, xã Kiêu Kỵ, huyện Gia Lâm, Hà Nội', isProvince)).toEqual({
      commune: 'xã Kiêu Kỵ',
      district: 'huyện Gia Lâm',
      province: 'Hà Nội',
    });
  });
  it('takes the last parts in order when there is no prefix', () => {
    expect(splitAddress('Bát Tràng, Gia Lâm', isProvince)).toEqual({
      commune: 'Bát Tràng',
      district: 'Gia Lâm',
    });
  });
  it('reads a 2-level address without a district', () => {
    expect(splitAddress('Số 5, Xã Bát Tràng, TP Hà Nội', isProvince)).toEqual({
      commune: 'Xã Bát Tràng',
      province: 'TP Hà Nội',
    });
  });
});

describe('editDistance', () => {
  it('counts edits', () => {
    expect(editDistance('bat trang', 'bat trag')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
