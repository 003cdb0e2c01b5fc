import { describe, expect, it } from 'vitest';
import type { CertificateState } from '../certificates/certificate.js';
import type { SearchDoc } from './search-doc.js';
import { SearchIndex, type IndexQuery } from './search-index.js';
import { withinOneEdit } from './vocabulary.js';

const TODAY = '2026-11-26';
const VALID: CertificateState = { expiresOn: '2028-09-10', revokedOn: null, supersededById: null };
const EXPIRED: CertificateState = { expiresOn: '2026-01-10', revokedOn: null, supersededById: null };

function product(id: string, name: string, over: Partial<SearchDoc> = {}): SearchDoc {
  return {
    type: 'product',
    id,
    name,
    nameEn: null,
    commune: { id: '00577', name: 'Bát Tràng' },
    producer: { id: 'pdc_1', name: 'HTX Gốm sứ Bát Tràng' },
    stars: 4,
    sector: 'IV',
    certificate: VALID,
    ...over,
    text: { name, nameEn: over.nameEn ?? undefined, place: over.commune?.name ?? 'Bát Tràng', ...over.text },
  };
}

const DOCS: SearchDoc[] = [
  product('p1', 'Gốm Bát Tràng — bình men lam', { nameEn: 'Bát Tràng ceramics — blue-glaze vase' }),
  product('p2', 'Lụa Vạn Phúc — khăn lụa tơ tằm', {
    nameEn: 'Vạn Phúc silk — silk scarf',
    commune: { id: '09552', name: 'Hà Đông' },
    sector: 'IV',
    stars: 5,
  }),
  product('p3', 'Kẹo dồi Đường Lâm', { sector: 'I', stars: 3, commune: { id: 'st', name: 'Sơn Tây' } }),
  product('p4', 'Chè Dương Liễu', { sector: 'II', stars: 3, commune: { id: 'dl', name: 'Dương Hòa' } }),
  product('p5', 'Nước mắm Thủy Xuân Tiên', { sector: 'I', stars: 3 }),
  product('p6', 'Gốm Bát Tràng — đĩa men rạn', { certificate: EXPIRED }),
  product('p7', 'Mật ong hoa nhãn Khai Thái', {
    sector: 'I',
    commune: { id: '10279', name: 'Phú Xuyên' },
    text: { oldPlace: 'Khai Thái · Phú Xuyên · Tri Thủy' },
  }),
  {
    ...product('v1', 'Làng gốm Bát Tràng'),
    type: 'craftVillage',
    producer: null,
    stars: null,
    sector: null,
    certificate: null,
  },
];

const index = new SearchIndex(DOCS);
const ask = (text: string, over: Partial<IndexQuery> = {}) =>
  index.search({ text, filters: {}, offset: 0, limit: 10, today: TODAY, facets: true, ...over });
const ids = (text: string, over: Partial<IndexQuery> = {}) => ask(text, over).hits.map((h) => h.doc.id);

describe('SearchIndex: what a buyer types', () => {
  it('makes accents optional and reads đ as d', () => {
    expect(ids('gom bat trang')).toEqual(expect.arrayContaining(['p1', 'p6', 'v1']));
    expect(ids('keo doi duong lam')).toEqual(['p3']);
  });
  it('reads decomposed input and both tone styles alike', () => {
    expect(ids('Lu\u0323a Va\u0323n Phu\u0301c')).toEqual(['p2']);
    expect(ids('nước mắm thuỷ')).toEqual(['p5']);
    expect(ids('nước mắm thủy')).toEqual(['p5']);
  });
  it('completes the last word', () => {
    expect(ids('lua van ph')).toEqual(['p2']);
    expect(ids('mat ong hoa nh')).toEqual(['p7']);
  });
  it('forgives one typo on words of four letters or more, not on shorter ones', () => {
    expect(ids('bat trnag')).toEqual(expect.arrayContaining(['p1', 'p6', 'v1']));
    expect(ids('lua van phcu')).toEqual(['p2']);
    expect(ids('vna')).toEqual([]);
    expect(withinOneEdit('trnag', 'trang')).toBe(true);
    expect(withinOneEdit('trng', 'trang')).toBe(true);
    expect(withinOneEdit('tran', 'trang')).toBe(true);
    expect(withinOneEdit('tranh', 'trang')).toBe(true);
    expect(withinOneEdit('tanrg', 'trang')).toBe(false);
  });
  it('finds English names', () => {
    expect(ids('silk')).toEqual(['p2']);
    expect(ids('ceramics')).toEqual(['p1']);
  });
  it('finds a product by the old unit its commune replaced', () => {
    expect(ids('tri thuy')).toEqual(['p7']);
  });
  it('ranks exact accents first when the query has them', () => {
    expect(ids('đường')[0]).toBe('p3');
    expect(ids('dương')[0]).toBe('p4');
    expect(ids('duong')).toHaveLength(2);
  });
  it('ranks an expired certificate below a valid one', () => {
    const order = ids('gom bat trang', { filters: { type: 'product' } });
    expect(order.indexOf('p1')).toBeLessThan(order.indexOf('p6'));
  });
});

describe('SearchIndex: filters and facets', () => {
  it('filters by stars and certificate status and counts each facet without its own filter', () => {
    const r = ask('gom bat trang', { filters: { stars: [5] } });
    expect(r.total).toBe(0);
    expect(r.facets?.stars).toEqual([{ value: '4', count: 2 }]);
    const expired = ask('gom bat trang', { filters: { certificate: 'expired' } });
    expect(expired.hits.map((h) => h.doc.id)).toEqual(['p6']);
    expect(expired.facets?.type).toEqual([{ value: 'product', count: 1 }]);
  });
  it('filters by type, sector and commune', () => {
    expect(ids('gom bat trang', { filters: { type: 'craftVillage' } })).toEqual(['v1']);
    expect(ids('lua', { filters: { sector: 'I' } })).toEqual([]);
    expect(ids('lua', { filters: { communes: new Set(['09552']) } })).toEqual(['p2']);
    expect(ask('gom').facets?.type).toEqual([
      { value: 'product', count: 2 },
      { value: 'craftVillage', count: 1 },
    ]);
  });
  it('pages', () => {
    const all = ids('gom bat trang');
    expect(ids('gom bat trang', { offset: 1, limit: 1 })).toEqual([all[1]]);
    expect(ask('gom bat trang', { offset: 1, limit: 1 }).total).toBe(all.length);
  });
});

describe('SearchIndex: bad queries and changes', () => {
  it('treats syntax, emoji and control characters as text', () => {
    for (const q of ['"', '*', 'NEAR', 'gom OR', '-lua', "'; drop table products; --", '🍵\u0000', 'gom*"']) {
      expect(() => ask(q)).not.toThrow();
    }
    expect(ids('gốm*" 🍵 bát\u0007 tràng')).toEqual(expect.arrayContaining(['p1', 'v1']));
    expect(ask('***').total).toBe(0);
  });
  it('sees an update and a removal at once', () => {
    const live = new SearchIndex(DOCS);
    live.upsert(product('p2', 'Lụa Hà Đông — áo dài'));
    expect(
      live.search({ text: 'ao dai', filters: {}, offset: 0, limit: 5, today: TODAY, facets: false }).total,
    ).toBe(1);
    expect(
      live.search({ text: 'van phuc', filters: {}, offset: 0, limit: 5, today: TODAY, facets: false }).total,
    ).toBe(0);
    live.remove('product', 'p2');
    expect(
      live.search({ text: 'ao dai', filters: {}, offset: 0, limit: 5, today: TODAY, facets: false }).total,
    ).toBe(0);
    expect(live.size).toBe(DOCS.length - 1);
  });
});

describe('SearchIndex: broad queries', () => {
  // 600 products of one village, 3 of them "men lam": a rare word among common ones, thousands of level scores.
  const many = Array.from({ length: 600 }, (_, i) =>
    product(`b${String(i).padStart(3, '0')}`, `Gốm Bát Tràng ${i % 200 === 7 ? 'men lam' : 'đĩa'} số ${i}`, {
      stars: 3 + (i % 3),
      commune: i % 2 === 0 ? { id: '00577', name: 'Bát Tràng' } : { id: '09552', name: 'Hà Đông' },
    }),
  );
  const broad = new SearchIndex(many);
  const find = (text: string, over: Partial<IndexQuery> = {}) =>
    broad.search({ text, filters: {}, offset: 0, limit: 5, today: TODAY, facets: true, ...over });

  it('counts a broad match exactly and ranks level records by name', () => {
    const r = find('gom bat trang');
    expect(r.total).toBe(600);
    expect(r.facets?.stars).toEqual([
      { value: '5', count: 200 },
      { value: '4', count: 200 },
      { value: '3', count: 200 },
    ]);
    expect(r.facets?.commune).toEqual([
      { value: '00577', label: 'Bát Tràng', count: 300 },
      { value: '09552', label: 'Hà Đông', count: 300 },
    ]);
    // The 5★ (i % 3 = 2) score alike and come first, by name in code-unit order ("m" before "đ").
    expect(r.hits.map((h) => h.doc.name)).toEqual([
      'Gốm Bát Tràng men lam số 407',
      'Gốm Bát Tràng đĩa số 101',
      'Gốm Bát Tràng đĩa số 104',
      'Gốm Bát Tràng đĩa số 107',
      'Gốm Bát Tràng đĩa số 11',
    ]);
  });

  it('finds the few records with a rare word among common ones, with exact facets', () => {
    const r = find('gom men lam bat trang');
    // 5★, 4★, 3★.
    expect(r.hits.map((h) => h.doc.id)).toEqual(['b407', 'b007', 'b207']);
    expect(r.total).toBe(3);
    expect(r.facets?.commune).toEqual([{ value: '09552', label: 'Hà Đông', count: 3 }]);
  });

  it('answers with the records matching most words when none has them all', () => {
    const r = find('men lam zzzq');
    expect(r.total).toBe(3);
    expect(
      broad.search({ text: 'gom men', filters: {}, offset: 0, limit: 5, today: TODAY, facets: false }).total,
    ).toBe(3);
  });
});
