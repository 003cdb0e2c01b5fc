import { describe, expect, it } from 'vitest';
import { foldVi, hasMarksVi, normalizeVi, slugVi, wordsVi } from './vi-text.js';

describe('normalizeVi', () => {
  it('puts old-style tone marks in the new position', () => {
    expect(normalizeVi('Hoà')).toBe(normalizeVi('Hòa'));
    expect(normalizeVi('Thuỷ')).toBe('Thủy');
    expect(normalizeVi('Xã Hoà Lâm')).toBe('Xã Hòa Lâm');
  });
  it('leaves syllables where the mark belongs on the first vowel alone', () => {
    expect(normalizeVi('Hoàng')).toBe('Hoàng');
    expect(normalizeVi('Thuyết')).toBe('Thuyết');
    expect(normalizeVi('quý')).toBe('quý');
    expect(normalizeVi('khoẻ')).toBe('khỏe');
    expect(normalizeVi('hoặc')).toBe('hoặc');
    expect(normalizeVi('ngoặc')).toBe('ngoặc');
  });
  it('composes decomposed input and collapses spaces', () => {
    expect(normalizeVi('  Ba\u0301t   Tra\u0300ng ')).toBe('Bát Tràng');
    expect(normalizeVi('Vạn\tPhúc')).toBe('Vạn Phúc');
  });
});

describe('foldVi', () => {
  it('removes marks and maps đ to d', () => {
    expect(foldVi('Đường Lâm')).toBe('duong lam');
    expect(foldVi('Gốm Bát Tràng')).toBe('gom bat trang');
    expect(foldVi('Văn Miếu - Quốc Tử Giám')).toBe('van mieu quoc tu giam');
  });
  it('slugs', () => {
    expect(slugVi('Lụa Vạn Phúc')).toBe('lua-van-phuc');
  });
});

describe('wordsVi', () => {
  it('splits on punctuation, symbols and control characters, keeping marked and folded forms', () => {
    expect(wordsVi('Gốm Bát Tràng — "men rạn" 🍵\u0000OR*')).toEqual([
      { marked: 'gốm', folded: 'gom' },
      { marked: 'bát', folded: 'bat' },
      { marked: 'tràng', folded: 'trang' },
      { marked: 'men', folded: 'men' },
      { marked: 'rạn', folded: 'ran' },
      { marked: 'or', folded: 'or' },
    ]);
  });
  it('agrees on decomposed input and both tone styles', () => {
    expect(wordsVi('Thuỷ Hoà')).toEqual(wordsVi('Thủy Hòa'));
    expect(wordsVi('Ba\u0301t Tra\u0300ng')).toEqual(wordsVi('Bát Tràng'));
  });
  it('tells whether a query carries marks', () => {
    expect(hasMarksVi('đường')).toBe(true);
    expect(hasMarksVi('Ba\u0301t')).toBe(true);
    expect(hasMarksVi('duong')).toBe(false);
  });
});
