import { beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_FORMS } from '../catalog/legal-forms.js';
import { ValidationError } from '../core/errors.js';
import { foldVi } from '../core/vi-text.js';
import { LOCATION_TYPES, SALES_POINT_CHECKLIST } from '../sales-points/location-types.js';
import { addMonths, daysBetween } from './demo.dates.js';
import { generateDemo } from './demo.generator.js';
import { pointInPolygon } from './demo.geo.js';
import { HA_THAI_COMMUNE, REAL_SALES_POINTS } from './demo.places.js';
import type { CommuneRef, DemoData, DemoInput, ScorecardRef } from './demo.types.js';

const TODAY = '2026-11-26';

/** A small Hà Nội: the real places' communes with their old units, and twenty made-up ones. */
function communes(): CommuneRef[] {
  const real: Array<[string, string, string, Array<[string, string]>]> = [
    ['00577', 'Bát Tràng', 'Xã', [['Xã Bát Tràng', 'Huyện Gia Lâm']]],
    ['09556', 'Hà Đông', 'Phường', [['Phường Vạn Phúc', 'Quận Hà Đông']]],
    ['09574', 'Sơn Tây', 'Phường', [['Xã Đường Lâm', 'Thị xã Sơn Tây']]],
    [
      '10330',
      'Chuyên Mỹ',
      'Xã',
      [
        ['Xã Vân Từ', 'Huyện Phú Xuyên'],
        ['Xã Chuyên Mỹ', 'Huyện Phú Xuyên'],
      ],
    ],
    ['10273', 'Phú Xuyên', 'Xã', [['Xã Quang Hà', 'Huyện Phú Xuyên']]],
    ['00685', 'Nam Phù', 'Xã', [['Xã Duyên Thái', 'Huyện Thường Tín']]],
    ['00679', 'Ngọc Hồi', 'Xã', [['Xã Duyên Thái', 'Huyện Thường Tín']]],
    [
      '10210',
      'Hồng Vân',
      'Xã',
      [
        ['Xã Hồng Vân', 'Huyện Thường Tín'],
        ['Xã Duyên Thái', 'Huyện Thường Tín'],
      ],
    ],
    ['09694', 'Suối Hai', 'Xã', [['Xã Tản Lĩnh', 'Huyện Ba Vì']]],
    ['00541', 'Phù Đổng', 'Xã', [['Xã Phù Đổng', 'Huyện Gia Lâm']]],
    ['10180', 'Dân Hòa', 'Xã', [['Xã Tân Ước', 'Huyện Thanh Oai']]],
  ];
  const made: typeof real = Array.from({ length: 20 }, (_, i) => [
    `T${String(i + 1).padStart(4, '0')}`,
    `Thử ${i + 1}`,
    i % 3 === 0 ? 'Phường' : 'Xã',
    [[`Xã Cũ ${i + 1}`, `Huyện Thử ${i % 4}`]],
  ]);
  return [...real, ...made].map(([id, name, kind, old], i) => ({
    id,
    name,
    kind,
    fullName: `${kind} ${name}`,
    old: old.map(([fullName, districtFullName]) => ({ fullName, districtFullName })),
    polygons: [[square(105 + (i % 6) * 0.05, 20.8 + Math.floor(i / 6) * 0.05, 0.04)]],
  }));
}

function square(lon: number, lat: number, size: number): Array<[number, number]> {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

const scorecards: ScorecardRef[] = Array.from({ length: 26 }, (_, i) => ({
  id: i + 1,
  sectorCode:
    ['I', 'II', 'III', 'IV', 'V', 'VI'][i < 13 ? 0 : i < 17 ? 1 : i < 20 ? 2 : i < 22 ? 3 : i < 25 ? 4 : 5] ??
    'I',
  nameVi: `Bộ ${i + 1}`,
  nameEn: `Set ${i + 1}`,
}));

const input = (over: Partial<DemoInput> = {}): DemoInput => ({
  seed: 20240101,
  products: 2711,
  communes: communes(),
  scorecards,
  today: TODAY,
  ...over,
});

function current(data: DemoData) {
  const byId = new Map(data.certificates.map((c) => [c.id, c]));
  return data.products.map((p) => {
    const cert = byId.get(p.current_certificate_id ?? '');
    if (!cert) throw new Error(`product ${p.id} has no current certificate`);
    return cert;
  });
}

const count = <T>(rows: T[], f: (r: T) => boolean) => rows.filter(f).length;

let data: DemoData;
beforeAll(() => {
  data = generateDemo(input());
});

describe('generateDemo: what Hà Nội reports', () => {
  it('certifies exactly 2,711 products: 6 at 5★, about 1,400 at 4★, the rest 3★', () => {
    const all = current(data);
    const certs = all.filter((c) => c.revoked_on === null);
    // The revoked ones come on top: 0.6 % of 2,711, rounded.
    expect(data.products).toHaveLength(2711 + 16);
    expect(all.length - certs.length).toBe(16);
    expect(count(certs, (c) => c.stars >= 3)).toBe(2711);
    expect(count(certs, (c) => c.stars === 5)).toBe(6);
    const four = count(certs, (c) => c.stars === 4);
    expect(four).toBeGreaterThanOrEqual(1350);
    expect(four).toBeLessThanOrEqual(1450);
  });

  it('has about 1,000 producers of all seven legal forms, each with a product', () => {
    expect(data.producers.length).toBeGreaterThanOrEqual(950);
    expect(data.producers.length).toBeLessThanOrEqual(1050);
    expect(new Set(data.producers.map((p) => p.legal_form))).toEqual(new Set(LEGAL_FORMS.map((f) => f.code)));
    const makers = new Set(data.products.map((p) => p.producer_id));
    expect(data.producers.every((p) => makers.has(p.id))).toBe(true);
    expect(data.producers.every((p) => /^09\d{8}$/.test(p.phone ?? ''))).toBe(true);
    expect(data.producers.every((p) => p.email === null || p.email.endsWith('@example.vn'))).toBe(true);
    expect(new Set(data.producers.map((p) => p.name)).size).toBe(data.producers.length);
  });

  it('has 1,350 craft villages, 321 of them recognized with a decision and year', () => {
    expect(data.craftVillages).toHaveLength(1350);
    const recognized = data.craftVillages.filter((v) => v.recognized === 1);
    expect(recognized).toHaveLength(321);
    expect(recognized.every((v) => /^\d+\/QĐ-UBND$/.test(v.recognition_decision ?? ''))).toBe(true);
    expect(recognized.every((v) => (v.recognition_year ?? 0) >= 2000)).toBe(true);
    expect(
      data.craftVillages.filter((v) => v.recognized === 0).every((v) => v.recognition_year === null),
    ).toBe(true);
  });

  it('has over 100 sales points, 20 or more tied to tourism or a craft village, each stocking 10–60', () => {
    expect(data.salesPoints.length).toBeGreaterThanOrEqual(100);
    expect(
      count(data.salesPoints, (s) => s.tourism_linked === 1 || s.craft_village_id !== null),
    ).toBeGreaterThanOrEqual(20);
    const types = new Set(LOCATION_TYPES.map((t) => t.code));
    expect(data.salesPoints.every((s) => types.has(s.location_type as never))).toBe(true);
    const perPoint = new Map<string, number>();
    for (const s of data.salesPointProducts)
      perPoint.set(s.sales_point_id, (perPoint.get(s.sales_point_id) ?? 0) + 1);
    for (const s of data.salesPoints) {
      expect(perPoint.get(s.id)).toBeGreaterThanOrEqual(10);
      expect(perPoint.get(s.id)).toBeLessThanOrEqual(60);
      expect(Object.keys(JSON.parse(s.checklist) as object).sort()).toEqual(
        SALES_POINT_CHECKLIST.map((c) => c.code).sort(),
      );
    }
    const pairs = data.salesPointProducts.map((s) => `${s.sales_point_id}|${s.product_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe('generateDemo: the real places', () => {
  const point = (fragment: string) => data.salesPoints.filter((s) => s.name.includes(fragment));

  it('puts the real sales points on their communes', () => {
    const real = (name: string) => data.salesPoints.filter((s) => s.name === name);
    for (const r of REAL_SALES_POINTS) {
      expect(real(r.name).map((s) => s.commune_id)).toEqual([r.commune]);
    }
    const communesOf = (fragment: string) =>
      REAL_SALES_POINTS.filter((r) => r.name.includes(fragment)).map((r) => r.commune);
    expect(communesOf('Bát Tràng')).toEqual(['00577', '00577']);
    expect(communesOf('Vạn Phúc')).toEqual(['09556', '09556']);
    expect(communesOf('Đường Lâm')).toEqual(['09574']);
    expect(communesOf('Vân Từ')).toEqual(['10330']);
    expect(communesOf('Sơn Hà')).toEqual(['10273']);
    expect(communesOf('Hồng Vân')).toEqual(['10210']);
    expect(communesOf('Khánh Phát')).toEqual(['09694']);
    expect(communesOf('Hạ Thái')).toEqual([HA_THAI_COMMUNE]);
    expect(point('Hạ Thái')[0]?.address).toContain('Nam Phù, Ngọc Hồi, Hồng Vân');
  });

  it('places every sales point inside its commune polygon (approximately, no village coordinates exist)', () => {
    const polygons = new Map(communes().map((c) => [c.id, c.polygons?.[0] ?? []]));
    for (const s of data.salesPoints) {
      expect(pointInPolygon(s.longitude ?? 0, s.latitude ?? 0, polygons.get(s.commune_id) ?? [])).toBe(true);
    }
  });

  it('links the famous villages to their products and has their sales points stock them', () => {
    const village = data.craftVillages.find((v) => v.name === 'Làng gốm Bát Tràng');
    expect(village?.commune_id).toBe('00577');
    const pottery = data.products.filter((p) => p.name_vi.startsWith('Gốm Bát Tràng'));
    expect(pottery.length).toBeGreaterThan(20);
    expect(pottery.every((p) => p.craft_village_id === village?.id && p.scorecard_id === 21)).toBe(true);
    const market = data.salesPoints.find((s) => s.name === REAL_SALES_POINTS[0]?.name);
    const stocked = new Set(
      data.salesPointProducts.filter((s) => s.sales_point_id === market?.id).map((s) => s.product_id),
    );
    expect(pottery.filter((p) => stocked.has(p.id)).length).toBeGreaterThanOrEqual(10);
    expect(market?.craft_village_id).toBe(village?.id);
  });

  it('has the Khánh Phát shop stock Ba Vì milk products', () => {
    const shop = data.salesPoints.find((s) => s.commune_id === '09694' && s.name.includes('Khánh Phát'));
    const names = new Map(data.products.map((p) => [p.id, p.name_vi]));
    const stocked = data.salesPointProducts
      .filter((s) => s.sales_point_id === shop?.id)
      .map((s) => names.get(s.product_id) ?? '');
    expect(stocked.filter((n) => /Sữa|sữa/u.test(n) && n.includes('Ba Vì')).length).toBeGreaterThanOrEqual(
      10,
    );
  });

  it('certifies the two community-tourism services on scorecard 26, at 3★ or 4★', () => {
    const tourism = data.products.filter((p) => p.scorecard_id === 26);
    expect(tourism.map((p) => p.name_vi).sort()).toEqual([
      'Du lịch cộng đồng Hồng Vân',
      'Khu du lịch sinh thái Phù Đổng Green Park',
    ]);
    expect(tourism.find((p) => p.name_vi.includes('Hồng Vân'))?.commune_id).toBe('10210');
    expect(tourism.find((p) => p.name_vi.includes('Phù Đổng'))?.commune_id).toBe('00541');
    const certs = new Map(data.certificates.map((c) => [c.id, c]));
    for (const p of tourism) expect([3, 4]).toContain(certs.get(p.current_certificate_id ?? '')?.stars);
    const makers = data.producers.filter((p) => tourism.some((t) => t.producer_id === p.id));
    expect(makers.map((m) => m.legal_form).sort()).toEqual(['cophan', 'htx']);
  });

  it('writes producers addresses in the 2025 form and, where known, the pre-2025 form', () => {
    const pottery = data.products.find((p) => p.name_vi.startsWith('Gốm Bát Tràng'));
    const potter = data.producers.find((p) => p.id === pottery?.producer_id);
    expect(potter?.address).toMatch(/, Xã Bát Tràng, Hà Nội$/u);
    expect(potter?.old_address).toMatch(/, xã Bát Tràng, huyện Gia Lâm, Hà Nội$/u);
    const uocLe = data.products.find((p) => p.name_vi.startsWith('Giò lụa Ước Lễ'));
    expect(uocLe?.commune_id).toBe('10180');
  });
});

describe('generateDemo: certificates', () => {
  it('numbers certificates uniquely and bands scores by stars', () => {
    expect(new Set(data.certificates.map((c) => c.number)).size).toBe(data.certificates.length);
    for (const c of data.certificates) {
      expect(c.number).toMatch(new RegExp(`^OCOP-HN-${c.issued_on.slice(0, 4)}-\\d{5}$`));
      const score = c.score ?? 0;
      expect(Number(score.toFixed(2))).toBe(score);
      if (c.stars === 3) expect(score >= 50 && score < 70).toBe(true);
      if (c.stars === 4) expect(score >= 70 && score < 90).toBe(true);
      if (c.stars === 5) expect(score >= 90).toBe(true);
    }
  });

  it('expires 36 months after issue, decided a few days before, issued 2019 to last month', () => {
    for (const c of data.certificates) {
      expect(c.expires_on).toBe(addMonths(c.issued_on, 36));
      const lead = daysBetween(c.decision_date, c.issued_on);
      expect(lead).toBeGreaterThanOrEqual(0);
      expect(lead).toBeLessThanOrEqual(10);
      expect(c.issued_on >= '2019-01-01' && c.issued_on < TODAY).toBe(true);
      expect(c.decision_number).toMatch(/^\d+\/QĐ-(UBND|BNN-VPĐP|BNNMT)$/u);
    }
    const years = new Set(data.certificates.map((c) => c.issued_on.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it('issues 5★ centrally, 4★ provincially, 3★ by districts only before July 2025', () => {
    for (const c of data.certificates) {
      if (c.stars === 5) expect(c.level).toBe('central');
      if (c.stars === 4) expect(c.level).toBe('province');
      if (c.stars === 3) expect(c.level).toBe(c.issued_on < '2025-07-01' ? 'district' : 'province');
    }
    expect(count(data.certificates, (c) => c.level === 'district')).toBeGreaterThan(100);
  });

  it('has some current certificates expired and some expiring within 180 days', () => {
    const certs = current(data);
    const left = certs.map((c) => daysBetween(TODAY, c.expires_on));
    expect(count(left, (d) => d < 0)).toBeGreaterThan(100);
    expect(count(left, (d) => d >= 0 && d <= 180)).toBeGreaterThan(50);
    expect(count(left, (d) => d > 180)).toBeGreaterThan(1000);
  });

  it('chains superseded certificates to the current one, and lists the newer first', () => {
    const position = new Map(data.certificates.map((c, i) => [c.id, i]));
    const byId = new Map(data.certificates.map((c) => [c.id, c]));
    const superseded = data.certificates.filter((c) => c.superseded_by_id !== null);
    expect(superseded.length).toBeGreaterThan(100);
    for (const old of superseded) {
      const next = byId.get(old.superseded_by_id ?? '');
      expect(next?.product_id).toBe(old.product_id);
      expect((next?.issued_on ?? '') > old.issued_on).toBe(true);
      expect(next?.stars).toBeGreaterThanOrEqual(old.stars);
      expect(position.get(next?.id ?? '')).toBeLessThan(position.get(old.id) ?? -1);
    }
    expect(superseded.some((c) => byId.get(c.superseded_by_id ?? '')?.stars === c.stars + 1)).toBe(true);
    for (const p of data.products)
      expect(byId.get(p.current_certificate_id ?? '')?.superseded_by_id).toBeNull();
  });

  it('revokes a few certificates, on a legal ground, between issue and today', () => {
    const revoked = data.certificates.filter((c) => c.revoked_on !== null);
    expect(revoked.length).toBeGreaterThan(0);
    expect(revoked.length).toBeLessThan(60);
    for (const c of revoked) {
      expect((c.revoked_on ?? '') >= c.issued_on && (c.revoked_on ?? '') <= TODAY).toBe(true);
      expect(c.revocation_reason).toBeTruthy();
    }
  });
});

describe('generateDemo: rows', () => {
  it('marks every row as demonstration data, in data and in words', () => {
    for (const rows of [
      data.producers,
      data.craftVillages,
      data.products,
      data.certificates,
      data.salesPoints,
    ]) {
      expect(rows.every((r) => r.demo === 1)).toBe(true);
    }
    expect(data.products.every((p) => p.description_vi?.endsWith(' (Dữ liệu minh họa)'))).toBe(true);
    expect(data.products.every((p) => p.description_en?.endsWith(' (Demonstration data)'))).toBe(true);
    expect(data.craftVillages.every((v) => v.description?.endsWith(' (Dữ liệu minh họa)'))).toBe(true);
  });

  it('uses typed ids, distinct names, folded names that match foldVi, and plausible prices', () => {
    const prefixes: Array<[Array<{ id: string }>, string]> = [
      [data.producers, 'pdc_'],
      [data.products, 'prd_'],
      [data.certificates, 'crt_'],
      [data.craftVillages, 'cv_'],
      [data.salesPoints, 'sp_'],
    ];
    for (const [rows, prefix] of prefixes) expect(rows.every((r) => r.id.startsWith(prefix))).toBe(true);
    expect(new Set(data.products.map((p) => p.name_vi)).size).toBe(data.products.length);
    for (const rows of [
      data.products.map((p) => [p.name_vi, p.name_folded]),
      data.producers.map((p) => [p.name, p.name_folded]),
      data.craftVillages.map((v) => [v.name, v.name_folded]),
    ]) {
      for (const [name, folded] of rows) expect(folded).toBe(foldVi(name ?? ''));
    }
    expect(data.products.every((p) => Number.isInteger(p.price_vnd) && (p.price_vnd ?? 0) >= 1000)).toBe(
      true,
    );
    expect(data.products.every((p) => p.images === '[]' && p.name_en)).toBe(true);
  });

  it('refers only to rows it creates, or to the communes and scorecards it was given', () => {
    const communeIds = new Set(communes().map((c) => c.id));
    const producers = new Set(data.producers.map((p) => p.id));
    const villages = new Set(data.craftVillages.map((v) => v.id));
    const products = new Set(data.products.map((p) => p.id));
    for (const p of data.products) {
      expect(producers.has(p.producer_id) && communeIds.has(p.commune_id)).toBe(true);
      expect(p.craft_village_id === null || villages.has(p.craft_village_id)).toBe(true);
      expect(p.scorecard_id >= 1 && p.scorecard_id <= 26).toBe(true);
    }
    expect(data.certificates.every((c) => products.has(c.product_id))).toBe(true);
    expect(data.salesPointProducts.every((s) => products.has(s.product_id))).toBe(true);
    expect(data.craftVillages.every((v) => communeIds.has(v.commune_id))).toBe(true);
  });
});

describe('generateDemo: determinism and scale', () => {
  it('gives the same rows for the same seed and different rows for another', () => {
    const small = input({ products: 400 });
    const a = generateDemo(small);
    expect(JSON.stringify(generateDemo(small))).toBe(JSON.stringify(a));
    const b = generateDemo({ ...small, seed: 7 });
    expect(b.products.map((p) => p.id)).not.toEqual(a.products.map((p) => p.id));
    expect(b.products.map((p) => p.name_vi)).not.toEqual(a.products.map((p) => p.name_vi));
  });

  it('keeps the proportions at 20,000 products', () => {
    const big = generateDemo(input({ products: 20_000 }));
    const certs = current(big).filter((c) => c.revoked_on === null);
    const ratio = 20_000 / 2711;
    expect(certs).toHaveLength(20_000);
    expect(big.products).toHaveLength(20_000 + 120);
    expect(count(certs, (c) => c.stars === 5)).toBe(Math.round(6 * ratio));
    expect(count(certs, (c) => c.stars === 4) / 20_000).toBeCloseTo(1400 / 2711, 2);
    expect(big.producers.length / 20_000).toBeCloseTo(0.37, 2);
    expect(big.craftVillages).toHaveLength(Math.round(1350 * ratio));
    expect(count(big.craftVillages, (v) => v.recognized === 1)).toBe(Math.round(321 * ratio));
    expect(big.salesPoints).toHaveLength(Math.round(112 * ratio));
    expect(new Set(big.certificates.map((c) => c.number)).size).toBe(big.certificates.length);
  }, 60_000);

  it('keeps the real places when small', () => {
    const small = generateDemo(input({ products: 100 }));
    expect(small.products).toHaveLength(100 + 1);
    expect(small.salesPoints.length).toBeGreaterThanOrEqual(10);
    expect(small.products.filter((p) => p.scorecard_id === 26)).toHaveLength(2);
    expect(small.craftVillages.some((v) => v.name === 'Làng lụa Vạn Phúc')).toBe(true);
  });

  it('refuses sizes out of range, a non-integer seed and a bad date, naming each field', () => {
    let error: unknown;
    try {
      generateDemo(input({ products: 5, seed: 1.5, today: 'yesterday' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.field).sort()).toEqual([
      'products',
      'seed',
      'today',
    ]);
  });

  it('refuses to guess Phù Đổng Green Park when the old→new mapping lacks it', () => {
    const without = communes().filter((c) => c.id !== '00541');
    expect(() => generateDemo(input({ communes: without, products: 200 }))).toThrow(/Phù Đổng/u);
  });
});
