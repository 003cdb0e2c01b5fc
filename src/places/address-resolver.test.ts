import { beforeAll, describe, expect, it } from 'vitest';
import { readAdministrativeReference } from './admin-unit.loader.js';
import { AddressResolver, type Resolution } from './address-resolver.js';
import { readCsv } from './reference-files.js';

// Real data: the resolver is built from the reference files exactly as the loader reads them.
let resolver: AddressResolver;
let reference: ReturnType<typeof readAdministrativeReference>;
beforeAll(() => {
  reference = readAdministrativeReference('01');
  resolver = AddressResolver.fromUnits(reference.units, reference.links);
});

function resolvedCode(r: Resolution): string | undefined {
  return r.status === 'resolved' ? r.commune.code : undefined;
}

function candidateCodes(r: Resolution): string[] {
  return r.status === 'split' ? r.candidates.map((c) => c.code).sort() : [];
}

describe('AddressResolver on the verified places of reference/places', () => {
  const rows = readCsv('places');

  it.each(rows.map((r) => [r.place ?? '', r] as const))(
    '%s resolves as the lookup table says',
    (_place, row) => {
      const expected = (row.new_commune_codes ?? '').split(';').sort();
      const names = new Set([row.old_commune_name, row.old_commune_name_before_2025_01_01]);
      for (const commune of names) {
        const result = resolver.resolve({ commune: commune ?? '', district: row.old_district_name ?? '' });
        if (expected.length === 1) expect(resolvedCode(result)).toBe(expected[0]);
        else expect(candidateCodes(result)).toEqual(expected);
      }
    },
  );
});

describe('AddressResolver', () => {
  it('splits Xã Bát Tràng of Huyện Gia Lâm into its three 2025 successors', () => {
    const r = resolver.resolve({ commune: 'Xã Bát Tràng', district: 'Huyện Gia Lâm' });
    expect(r.status).toBe('split');
    if (r.status !== 'split') return;
    expect(r.candidates.map((c) => `${c.code} ${c.fullName}`).sort()).toEqual([
      '00145 Phường Long Biên',
      '00565 Xã Gia Lâm',
      '00577 Xã Bát Tràng',
    ]);
    expect(r.candidates.every((c) => c.kind === 'partial')).toBe(true);
    expect(r.via.map((v) => v.id)).toEqual(['00583@2025-06-30']);
  });

  it('reads a one-line address with commas the same way', () => {
    const r = resolver.resolve({ commune: 'Xã Bát Tràng, Huyện Gia Lâm, Thành phố Hà Nội' });
    expect(candidateCodes(r)).toEqual(['00145', '00565', '00577']);
    const withVillage = resolver.resolve({ commune: 'Thôn Kiêu Kỵ, xã Kiêu Kỵ, huyện Gia Lâm, Hà Nội' });
    expect(withVillage.status).toBe('resolved');
  });

  it('resolves the silk village ward of Hà Đông, not the Thanh Trì commune of the same name', () => {
    const r = resolver.resolve({ commune: 'phuong van phuc', district: 'quan ha dong' });
    expect(resolvedCode(r)).toBe('09556');
    expect(r.status === 'resolved' && r.via.map((v) => v.id)).toEqual(['09544@2025-06-30']);
    expect(resolvedCode(resolver.resolve({ commune: 'P. Vạn Phúc', district: 'Q.Hà Đông' }))).toBe('09556');
  });

  it('resolves Vạn Phúc of Thanh Trì to Xã Nam Phù', () => {
    expect(resolvedCode(resolver.resolve({ commune: 'Vạn Phúc', district: 'Thanh Trì' }))).toBe('00685');
  });

  it('follows a commune merged on 1 January 2025 through its successor', () => {
    const r = resolver.resolve({ commune: 'xa Son Ha', district: 'huyen Phu Xuyen' });
    expect(r).toMatchObject({ status: 'resolved', commune: { code: '10273', fullName: 'Xã Phú Xuyên' } });
    expect(r.status === 'resolved' && r.via.map((v) => `${v.id} ${v.name}`)).toEqual([
      '10318@2024-12-31 Sơn Hà',
      '10318@2025-06-30 Quang Hà',
    ]);
  });

  it('resolves Tản Lĩnh of Ba Vì to Xã Suối Hai, which reuses its code', () => {
    const r = resolver.resolve({ commune: 'Tản Lĩnh', district: 'Ba Vì' });
    expect(r).toMatchObject({ status: 'resolved', commune: { id: '09694', name: 'Suối Hai' } });
  });

  it('accepts both tone-mark styles', () => {
    for (const [commune, district] of [
      ['Xã Hoà Lâm', 'Huyện Ứng Hoà'],
      ['Xã Hòa Lâm', 'Huyện Ứng Hòa'],
      ['XÃ HOÀ LÂM', 'HUYỆN ỨNG HOÀ'],
    ] as const) {
      expect(resolvedCode(resolver.resolve({ commune, district }))).toBe('10402');
    }
    expect(resolvedCode(resolver.resolve({ commune: 'Xã Hoà Lạc' }))).toBe('09988');
    expect(resolvedCode(resolver.resolve({ commune: 'Xã Hòa Lạc' }))).toBe('09988');
  });

  it('accepts decomposed (NFD) input and stray spaces', () => {
    const r = resolver.resolve({
      commune: '  Xã   Bát Tràng '.normalize('NFD'),
      district: ' huyện  Gia Lâm'.normalize('NFD'),
    });
    expect(candidateCodes(r)).toEqual(['00145', '00565', '00577']);
  });

  it('resolves a current commune name to itself', () => {
    const r = resolver.resolve({ commune: 'Phường Hà Đông' });
    expect(r).toEqual({
      status: 'resolved',
      commune: { id: '09556', code: '09556', name: 'Hà Đông', fullName: 'Phường Hà Đông', level: 'commune' },
      via: [],
    });
    // Without a district, a name that is both old and current means today's commune.
    expect(resolvedCode(resolver.resolve({ commune: 'Xã Bát Tràng' }))).toBe('00577');
  });

  it('is ambiguous without a district when the name exists in several districts', () => {
    const r = resolver.resolve({ commune: 'Vạn Phúc' });
    expect(r.status).toBe('ambiguous');
    expect(r.status === 'ambiguous' && r.matches.map((m) => m.id)).toEqual([
      '00676@2025-06-30',
      '09544@2025-06-30',
    ]);
    // Written without marks it also matches Xã Vân Phúc (Phúc Thọ).
    const bare = resolver.resolve({ commune: 'van phuc' });
    expect(bare.status === 'ambiguous' && bare.matches.map((m) => m.code)).toEqual([
      '00676',
      '09544',
      '09721',
    ]);
  });

  it('uses the kind prefix to tell a ward from a commune', () => {
    expect(resolvedCode(resolver.resolve({ commune: 'Phường Vạn Phúc' }))).toBe('09556');
    expect(resolvedCode(resolver.resolve({ commune: 'Xã Vạn Phúc' }))).toBe('00685');
  });

  it('keeps names that begin like a prefix', () => {
    const r = resolver.resolve({ commune: 'Phương Liên' });
    expect(candidateCodes(r)).toEqual(['00226', '00229']);
    expect(resolver.resolve({ commune: 'Quan Hoa', district: 'Cầu Giấy' }).status).toBe('split');
  });

  it('does not follow a link the official text does not confirm when a confirmed one exists', () => {
    // The mapping also sends Sơn Đồng (Hoài Đức) to Đoài Phương (Sơn Tây): the text names Sơn Đông.
    expect(resolvedCode(resolver.resolve({ commune: 'Sơn Đồng', district: 'Hoài Đức' }))).toBe('09871');
  });

  it('suggests close names when nothing matches', () => {
    const r = resolver.resolve({ commune: 'Bat Trag' });
    expect(r.status).toBe('not_found');
    expect(r.status === 'not_found' && r.suggestions[0]?.id).toBe('00577');
  });

  it('suggests the communes of that name when the district is unknown', () => {
    const r = resolver.resolve({ commune: 'Vạn Phúc', district: 'Huyện Không Có' });
    expect(r.status === 'not_found' && r.suggestions.map((s) => s.code).sort()).toEqual(['00676', '09544']);
  });

  it('reads a province written in the district field as a 2-level address', () => {
    expect(resolvedCode(resolver.resolve({ commune: 'Xã Bát Tràng', district: 'Thành phố Hà Nội' }))).toBe(
      '00577',
    );
  });

  it('refuses an unknown province', () => {
    expect(resolver.resolve({ commune: 'Bát Tràng', province: 'Tỉnh Hà Tây' }).status).toBe('not_found');
    expect(resolvedCode(resolver.resolve({ commune: 'Bát Tràng', province: 'TP. Hà Nội' }))).toBe('00577');
  });

  it('offers the heirs of the district for an old commune the data gives no successor for', () => {
    const r = resolver.resolve({ commune: 'Xã Tri Trung', district: 'Huyện Phú Xuyên' });
    expect(r.status).toBe('not_found');
    expect(r.status === 'not_found' && r.suggestions.map((s) => s.code)).toContain('10273');
  });

  it('resolves 20,000 import rows quickly, every old commune with its district', () => {
    const byId = new Map(reference.units.map((u) => [u.id, u]));
    const rows = reference.units
      .filter((u) => u.level === 'commune' && u.valid_to !== null)
      .map((u) => ({ commune: u.full_name, district: byId.get(u.parent_id ?? '')?.full_name ?? '' }));
    const counts = new Map<string, number>();
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) {
      const row = rows[i % rows.length] ?? { commune: '' };
      // One row in ten is misspelt, as real files are.
      const input = i % 10 === 9 ? { ...row, commune: `${row.commune}x` } : row;
      const status = resolver.resolve(input).status;
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    const elapsed = performance.now() - started;
    // Every old commune with a known successor resolves or splits; none is ambiguous within its district.
    expect(counts.get('ambiguous') ?? 0).toBe(0);
    expect((counts.get('resolved') ?? 0) + (counts.get('split') ?? 0)).toBeGreaterThan(16_000);
    // Generous bound for a loaded CI machine; it takes about a second.
    expect(elapsed).toBeLessThan(10_000);
  });
});
