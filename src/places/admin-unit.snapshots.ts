import { DomainError } from '../core/errors.js';
import { foldVi, normalizeVi as normalizeOnce } from '../core/vi-text.js';
import {
  S1_END,
  S2_END,
  S2_START,
  S3_START,
  kindOf,
  unitId,
  type AdminLevel,
  type AdminUnitRow,
} from './admin-unit.js';
import type { RawProvince2, RawProvince3 } from './reference-files.js';

/**
 * Turns the three unit lists into rows, one per unit and period:
 * S1 = Hà Nội before the 1 January 2025 merges, S2 = until 30 June 2025, S3 = from 1 July 2025.
 * A unit with the same code and name in S1 and S2 is one row; a code reused under another name is a new
 * row, told apart by its last day in the id (`10318@2024-12-31` Sơn Hà, `10318@2025-06-30` Quang Hà).
 */
export interface UnitSnapshots {
  s1: RawProvince3;
  s2: RawProvince3;
  s3: RawProvince2;
}

export const UNIT_SOURCES = {
  s1: 'thanglequoc v2.2.0 (before 2025-01-01)',
  s2: 'thanglequoc v2.4.1 (until 2025-06-30)',
  s1s2: 'thanglequoc v2.2.0 + v2.4.1',
  s3: 'thanglequoc cd58063 (from 2025-07-01)',
} as const;

export interface BuiltUnits {
  /** Parents before children, so that inserting in this order satisfies the foreign keys. */
  units: AdminUnitRow[];
  /** Communes by code, per snapshot (a row shared by S1 and S2 is in both). */
  s1: Map<string, AdminUnitRow>;
  s2: Map<string, AdminUnitRow>;
  s3: Map<string, AdminUnitRow>;
  defects: string[];
}

// Most names appear in two or three snapshots; normalizing is the slow part of building.
const normalized = new Map<string, string>();
function normalizeVi(s: string): string {
  let n = normalized.get(s);
  if (n === undefined) normalized.set(s, (n = normalizeOnce(s)));
  return n;
}

interface Named {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
}

interface Placement {
  id: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

class RowMaker {
  readonly respelled: string[] = [];
  constructor(private readonly provinceCode: string) {}

  make(raw: Named, level: AdminLevel, at: Placement): AdminUnitRow {
    const name = normalizeVi(raw.Name);
    const fullName = normalizeVi(raw.FullName);
    // The two tone-mark styles ("Hoà"/"Hòa") become one; say which names that touched.
    if (name !== raw.Name.normalize('NFC') || fullName !== raw.FullName.normalize('NFC')) {
      this.respelled.push(`${raw.Code} ${raw.FullName} → ${fullName}`);
    }
    const kind = kindOf(fullName);
    if (!kind) {
      throw new DomainError(
        'invalid_reference_data',
        `Không nhận ra loại đơn vị của "${fullName}" (${raw.Code}).`,
        `Unknown unit kind in "${fullName}" (${raw.Code}).`,
      );
    }
    return {
      id: at.id,
      code: raw.Code,
      level,
      kind,
      name,
      full_name: fullName,
      name_en: raw.NameEn.trim(),
      name_folded: foldVi(name),
      parent_id: at.parentId,
      province_code: this.provinceCode,
      valid_from: at.validFrom,
      valid_to: at.validTo,
      source: at.source,
    };
  }
}

interface EraItem {
  raw: Named;
  /** Code of the parent in the same snapshot. */
  parentCode: string;
}

interface Merged {
  rows: AdminUnitRow[];
  s1: Map<string, AdminUnitRow>;
  s2: Map<string, AdminUnitRow>;
}

/** S1 and S2 items of one level as rows: shared when code and name agree, else one row per period. */
function mergeEras(
  maker: RowMaker,
  level: AdminLevel,
  items: { s1: EraItem[]; s2: EraItem[] },
  parentId: (era: 's1' | 's2', code: string) => string,
): Merged {
  const sameKey = (r: Named) => `${r.Code}|${normalizeVi(r.FullName)}`;
  const s1Keys = new Map(items.s1.map((i) => [sameKey(i.raw), i]));
  const out: Merged = { rows: [], s1: new Map(), s2: new Map() };
  const s2Keys = new Set<string>();
  for (const item of items.s2) {
    const shared = s1Keys.get(sameKey(item.raw));
    s2Keys.add(sameKey(item.raw));
    const row = maker.make(item.raw, level, {
      id: unitId(item.raw.Code, S2_END),
      parentId: parentId('s2', item.parentCode),
      validFrom: shared ? null : S2_START,
      validTo: S2_END,
      source: shared ? UNIT_SOURCES.s1s2 : UNIT_SOURCES.s2,
    });
    out.rows.push(row);
    out.s2.set(row.code, row);
    if (shared) out.s1.set(row.code, row);
  }
  for (const item of items.s1) {
    if (s2Keys.has(sameKey(item.raw))) continue;
    const row = maker.make(item.raw, level, {
      id: unitId(item.raw.Code, S1_END),
      parentId: parentId('s1', item.parentCode),
      validFrom: null,
      validTo: S1_END,
      source: UNIT_SOURCES.s1,
    });
    out.rows.push(row);
    out.s1.set(row.code, row);
  }
  return out;
}

function districtsOf(p: RawProvince3): EraItem[] {
  return p.District.map((d) => ({ raw: d, parentCode: p.Code }));
}

function communesOf(p: RawProvince3): EraItem[] {
  return p.District.flatMap((d) => (d.Ward ?? []).map((w) => ({ raw: w, parentCode: w.DistrictCode })));
}

/** S3: the communes from 2025-07-01, children of the province; checks the kind against the type field. */
function currentCommunes(
  maker: RowMaker,
  province: RawProvince2,
  provinceId: string,
  defects: string[],
): Map<string, AdminUnitRow> {
  const s3 = new Map<string, AdminUnitRow>();
  for (const w of province.Wards) {
    const row = maker.make(w, 'commune', {
      id: unitId(w.Code, null),
      parentId: provinceId,
      validFrom: S3_START,
      validTo: null,
      source: UNIT_SOURCES.s3,
    });
    if (row.kind !== normalizeVi(w.AdministrativeUnitShortName)) {
      defects.push(
        `S3 ${w.Code} ${row.full_name}: name says ${row.kind}, type says ${w.AdministrativeUnitShortName}`,
      );
    }
    s3.set(row.code, row);
  }
  return s3;
}

/** Builds every unit row of one province from the three snapshots. Pure: no I/O. */
export function buildUnits(snap: UnitSnapshots): BuiltUnits {
  const maker = new RowMaker(snap.s3.Code);
  const defects: string[] = [];
  const province = maker.make(snap.s3, 'province', {
    id: snap.s3.Code,
    parentId: null,
    validFrom: null,
    validTo: null,
    source: UNIT_SOURCES.s3,
  });
  const districts = mergeEras(
    maker,
    'district',
    { s1: districtsOf(snap.s1), s2: districtsOf(snap.s2) },
    () => province.id,
  );
  const districtId = (era: 's1' | 's2', code: string): string => {
    const row = districts[era].get(code);
    if (!row) throw new Error(`commune of unknown district ${code} in ${era}`);
    return row.id;
  };
  const communes = mergeEras(
    maker,
    'commune',
    { s1: communesOf(snap.s1), s2: communesOf(snap.s2) },
    districtId,
  );
  const s3 = currentCommunes(maker, snap.s3, province.id, defects);
  if (maker.respelled.length > 0) {
    defects.push(
      `normalizeVi re-spelled ${maker.respelled.length} names to one tone-mark style: ${maker.respelled.join('; ')}`,
    );
  }
  return {
    units: [province, ...districts.rows, ...communes.rows, ...s3.values()],
    s1: communes.s1,
    s2: communes.s2,
    s3,
    defects,
  };
}
