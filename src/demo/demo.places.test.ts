import { beforeAll, describe, expect, it } from 'vitest';
import { readAdministrativeReference } from '../places/admin-unit.loader.js';
import { readCsv } from '../places/reference-files.js';
import { communeRefs } from './demo.communes.js';
import { FAMILIES, generateDemo } from './demo.generator.js';
import { Gazetteer } from './demo.gazetteer.js';
import { HA_THAI_CANDIDATES, REAL_SALES_POINTS, TOURISM_PRODUCTS } from './demo.places.js';
import type { CommuneRef } from './demo.types.js';
import { Rng } from './random.js';

// Checked against the real reference files, without a database.
let communes: CommuneRef[];
let places: Map<string, Record<string, string | undefined>>;
beforeAll(() => {
  const ref = readAdministrativeReference('01');
  communes = communeRefs(ref.units, ref.links, '01');
  places = new Map(readCsv('places').map((r) => [r.place ?? '', r]));
});

/** Which row of reference/places/hanoi_places_admin_lookup.csv each real sales point stands for. */
const PLACE_OF: Record<string, string> = {
  'bat-trang-cho-gom': 'Bát Tràng',
  'bat-trang-lang-nghe': 'Bát Tràng',
  'van-phuc-pho-lua': 'Vạn Phúc (Hà Đông)',
  'van-phuc-nha-trung-bay': 'Vạn Phúc (Hà Đông)',
  'duong-lam': 'Đường Lâm',
  'van-tu': 'Vân Từ',
  'son-ha': 'Sơn Hà (Phú Xuyên)',
  'ha-thai': 'Hạ Thái (Thường Tín)',
  'hong-van': 'Hồng Vân (Thường Tín)',
  'khanh-phat': 'Tản Lĩnh (Ba Vì)',
};

describe('the real places of the demonstration', () => {
  it('sit on the primary 2025 commune the reference file gives', () => {
    expect(REAL_SALES_POINTS.map((r) => r.key).sort()).toEqual(Object.keys(PLACE_OF).sort());
    for (const point of REAL_SALES_POINTS) {
      const row = places.get(PLACE_OF[point.key] ?? '');
      expect(row, point.key).toBeDefined();
      if (point.key === 'ha-thai') continue;
      expect(point.commune, point.key).toBe(row?.primary_new_commune_code);
    }
    expect(TOURISM_PRODUCTS.find((t) => t.key === 'hong-van')?.commune).toBe(
      places.get('Hồng Vân (Thường Tín)')?.primary_new_commune_code,
    );
  });

  it('take Hạ Thái from the three communes its old commune was split into, since none is primary', () => {
    const row = places.get('Hạ Thái (Thường Tín)');
    expect(row?.primary_new_commune_code).toBe('');
    expect(row?.new_commune_codes?.split(';')).toEqual([...HA_THAI_CANDIDATES]);
    const point = REAL_SALES_POINTS.find((r) => r.key === 'ha-thai');
    expect(HA_THAI_CANDIDATES).toContain(point?.commune);
  });

  it('can place every famous product family through the old→new mapping', () => {
    const gazetteer = new Gazetteer(communes);
    for (const family of FAMILIES) {
      if (!family.place) continue;
      const commune = gazetteer.resolve(family.place, new Rng(1));
      expect(commune, family.key).toBeDefined();
      // Fixed codes (from the places file) may name a pre-2025-01 commune, like Sơn Hà; the rest go by the mapping.
      if (family.place.oldCommune && family.place.commune === undefined) {
        expect(
          gazetteer.communesOf(family.place.oldDistrict, family.place.oldCommune).length,
          family.key,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('finds Phù Đổng Green Park in the commune that took over old Xã Phù Đổng (Gia Lâm)', () => {
    const gazetteer = new Gazetteer(communes);
    expect(gazetteer.communesOf('Huyện Gia Lâm', 'Xã Phù Đổng').map((c) => c.id)).toEqual(['00541']);
    const data = generateDemo({
      seed: 1,
      products: 300,
      communes,
      scorecards: Array.from({ length: 26 }, (_, i) => ({
        id: i + 1,
        sectorCode: 'I',
        nameVi: '',
        nameEn: '',
      })),
      today: '2026-11-26',
    });
    const park = data.products.find((p) => p.name_vi.includes('Phù Đổng Green Park'));
    expect(park?.commune_id).toBe('00541');
    const potter = data.producers.find((p) => p.name.includes('Gốm sứ Bát Tràng'));
    expect(potter?.old_address).toMatch(/xã Bát Tràng, huyện Gia Lâm, Hà Nội$/u);
  });
});
