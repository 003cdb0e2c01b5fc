import { beforeAll, describe, expect, it } from 'vitest';
import { readAdministrativeReference, type AdministrativeReference } from './admin-unit.loader.js';
import { LINK_SOURCES, mentions } from './admin-unit.links.js';
import { parseCsv } from './reference-files.js';

// The rows the loader writes, built from the real reference files without a database.
let ref: AdministrativeReference;
beforeAll(() => {
  ref = readAdministrativeReference('01');
});

const unit = (id: string) => ref.units.find((u) => u.id === id);

describe('readAdministrativeReference (Hà Nội)', () => {
  it('has one row per unit and period', () => {
    const count = (f: (u: AdministrativeReference['units'][number]) => boolean) => ref.units.filter(f).length;
    expect(count((u) => u.level === 'province')).toBe(1);
    expect(count((u) => u.level === 'district')).toBe(30);
    expect(count((u) => u.level === 'commune' && u.valid_to === null)).toBe(126);
    // 493 communes unchanged on 2025-01-01, 86 that ended then, 33 that began then.
    expect(count((u) => u.level === 'commune' && u.valid_to === '2025-06-30' && u.valid_from === null)).toBe(
      493,
    );
    expect(count((u) => u.level === 'commune' && u.valid_to === '2024-12-31')).toBe(86);
    expect(count((u) => u.level === 'commune' && u.valid_from === '2025-01-01')).toBe(33);
    expect(new Set(ref.units.map((u) => u.id)).size).toBe(ref.units.length);
  });

  it('tells a reused code apart by its last day', () => {
    expect(unit('10318@2024-12-31')).toMatchObject({ name: 'Sơn Hà', kind: 'Xã', valid_from: null });
    expect(unit('10318@2025-06-30')).toMatchObject({ name: 'Quang Hà', valid_from: '2025-01-01' });
    expect(unit('10330@2025-06-30')).toMatchObject({ name: 'Vân Từ', parent_id: '280@2025-06-30' });
    expect(unit('00577')).toMatchObject({
      level: 'commune',
      kind: 'Xã',
      full_name: 'Xã Bát Tràng',
      name_folded: 'bat trang',
      parent_id: '01',
      valid_from: '2025-07-01',
      valid_to: null,
    });
    expect(unit('01')).toMatchObject({
      level: 'province',
      kind: 'Thành phố',
      name: 'Hà Nội',
      valid_to: null,
    });
    expect(unit('271@2025-06-30')).toMatchObject({ level: 'district', kind: 'Huyện', name: 'Ba Vì' });
  });

  it('stores one tone-mark style and says which names it changed', () => {
    expect(unit('09988')?.name).toBe('Hòa Lạc');
    expect(ref.units.filter((u) => /[oO]à(?!\p{L})/u.test(u.full_name))).toEqual([]);
    const line = ref.defects.find((d) => d.startsWith('normalizeVi re-spelled'));
    expect(line).toContain('re-spelled 13 names');
  });

  it('links the 526 communes of 2025-06-30 to the 126 of 2025-07-01 as the mapping says', () => {
    const mapped = ref.links.filter((l) => l.source === LINK_SOURCES.mapping);
    expect(mapped).toHaveLength(796);
    expect(mapped.filter((l) => l.kind === 'full')).toHaveLength(326);
    expect(new Set(mapped.map((l) => l.old_id)).size).toBe(526);
    expect(new Set(mapped.map((l) => l.new_id)).size).toBe(126);
    expect(ref.defects.filter((d) => d.startsWith('mapping:'))).toEqual([]);
  });

  it('marks unconfirmed the links the official text does not name', () => {
    const unconfirmed = ref.links
      .filter((l) => l.source === LINK_SOURCES.mapping && l.confirmed === 0)
      .map((l) => `${unit(l.old_id)?.name ?? ''} → ${unit(l.new_id)?.name ?? ''}`);
    expect(unconfirmed.sort()).toEqual(['Sơn Đồng → Đoài Phương', 'Văn Khê → Ô Diên']);
    expect(ref.defects.filter((d) => d.startsWith('unconfirmed link'))).toHaveLength(2);
  });

  it('links communes merged on 2025-01-01 only where the lists show the successor', () => {
    const inferred = ref.links.filter((l) => l.source.startsWith('inferred'));
    expect(inferred.every((l) => l.confirmed === 0 && l.kind === 'full')).toBe(true);
    expect(inferred.filter((l) => l.source === LINK_SOURCES.codeKept)).toHaveLength(33);
    expect(inferred.filter((l) => l.source === LINK_SOURCES.nameKept)).toHaveLength(8);
    expect(inferred.filter((l) => l.source === LINK_SOURCES.namePart)).toHaveLength(2);
    expect(inferred).toContainEqual(
      expect.objectContaining({ old_id: '10318@2024-12-31', new_id: '10318@2025-06-30' }),
    );
    expect(inferred).toContainEqual(
      expect.objectContaining({ old_id: '00184@2024-12-31', new_id: '00181@2025-06-30' }),
    );
    const orphans = ref.defects.filter((d) => d.startsWith('no successor:'));
    expect(orphans).toHaveLength(86 - 43);
    expect(orphans.some((d) => d.includes('Xã Tri Trung (10288)'))).toBe(true);
  });
});

describe('mentions', () => {
  it('finds an old name in the official text whatever the hyphens, case and tone style', () => {
    const text = 'Phường Khâm Thiên, Phường Văn Miếu Quốc Tử Giám, Xã Thạch Hoà (phần còn lại)';
    expect(mentions(text, 'Văn Miếu - Quốc Tử Giám')).toBe(true);
    expect(mentions(text, 'Thạch Hòa')).toBe(true);
    expect(mentions(text, 'khâm thiên')).toBe(true);
  });
  it('keeps marks, so that another commune with the same letters does not count', () => {
    expect(mentions('Xã Kim Sơn, Xã Sơn Đông', 'Sơn Đồng')).toBe(false);
    expect(mentions('Xã Kim Sơn, Xã Sơn Đông', 'Kim')).toBe(true);
    expect(mentions('Xã Kim Sơn, Xã Sơn Đông', 'Sơn Đ')).toBe(false);
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });
});
