import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { DomainError } from '../core/errors.js';

/**
 * The administrative reference files shipped in reference/ (described in reference/README.md). Both
 * src/places and dist/places sit two levels below the package root, so the relative URL holds for both.
 */
const ROOT = new URL('../../reference/', import.meta.url);

export const REFERENCE_FILES = {
  pre202501: 'admin-units/pre-2025-01-hanoi/hanoi_simplified_json_generated_data_vn_units_v2.2.0.json',
  pre202507: 'admin-units/pre-2025-07/simplified_json_generated_data_vn_units_minified.json',
  post202507: 'admin-units/post-2025-07/full_json_generated_data_vn_units_2026-07-25__20_49_07.json',
  splits: 'admin-mapping/dvhcvn_20250701_splits.min.json',
  merges: 'admin-mapping/dvhcvn_20250701_merges.min.json',
  bando: 'admin-mapping/sapnhap_bando_geo_objects.csv',
  places: 'places/hanoi_places_admin_lookup.csv',
} as const;

export function referencePath(file: keyof typeof REFERENCE_FILES): string {
  return fileURLToPath(new URL(REFERENCE_FILES[file], ROOT));
}

const Named = {
  Code: Type.String(),
  Name: Type.String(),
  NameEn: Type.String(),
  FullName: Type.String(),
};

/** A commune of the 3-level snapshots (S1, S2). */
export const RawCommune = Type.Object({ ...Named, DistrictCode: Type.String() });
export const RawDistrict = Type.Object({
  ...Named,
  ProvinceCode: Type.String(),
  Ward: Type.Union([Type.Array(RawCommune), Type.Null()]),
});
export const RawProvince3 = Type.Object({ ...Named, District: Type.Array(RawDistrict) });
/** A commune of the 2-level snapshot (S3). */
export const RawCommune2 = Type.Object({
  ...Named,
  ProvinceCode: Type.String(),
  AdministrativeUnitShortName: Type.String(),
});
export const RawProvince2 = Type.Object({ ...Named, Wards: Type.Array(RawCommune2) });

const SplitsProvince = Type.Object({
  level1_id: Type.String(),
  level3s: Type.Array(
    Type.Object({
      level3_id: Type.String(),
      name: Type.String(),
      splits: Type.Array(Type.Object({ new_id: Type.String(), name: Type.String() })),
    }),
  ),
});
const MergesProvince = Type.Object({
  level1_id: Type.String(),
  level2s: Type.Array(
    Type.Object({
      level2_id: Type.String(),
      merges: Type.Array(
        Type.Object({
          old_id: Type.String(),
          name: Type.String(),
          type: Type.Union([Type.Literal('full'), Type.Literal('partial')]),
        }),
      ),
    }),
  ),
});

export type RawCommune = Static<typeof RawCommune>;
export type RawDistrict = Static<typeof RawDistrict>;
export type RawProvince3 = Static<typeof RawProvince3>;
export type RawCommune2 = Static<typeof RawCommune2>;
export type RawProvince2 = Static<typeof RawProvince2>;
export type SplitEntry = Static<typeof SplitsProvince>['level3s'][number];
export type MergeEntry = Static<typeof MergesProvince>['level2s'][number];

function readJson(file: keyof typeof REFERENCE_FILES): unknown {
  return JSON.parse(readFileSync(referencePath(file), 'utf8'));
}

/** Reference data that does not have the documented shape is a broken deployment, not bad input. */
function checked<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  // Compiled: interpreting the schema over 10,000 units takes a second, compiled a few milliseconds.
  const validator = Compile(schema);
  if (validator.Check(value)) return value;
  const first = validator.Errors(value)[0];
  if (!first) return value as Static<T>;
  const where = `${what}${first.instancePath}: ${first.message}`;
  throw new DomainError(
    'invalid_reference_data',
    `Dữ liệu tham chiếu sai cấu trúc (${where}).`,
    `Reference data has the wrong shape (${where}).`,
  );
}

/** Only the province's part is checked: checking the national files whole takes seconds. */
function provinceOf<T extends object>(list: unknown, match: (p: T) => boolean, what: string): T {
  const found = Array.isArray(list) ? (list as T[]).find(match) : undefined;
  if (found) return found;
  throw new DomainError(
    'invalid_reference_data',
    `Không có tỉnh cần tìm trong ${what}.`,
    `The province is missing from ${what}.`,
  );
}

const byCode = (code: string) => (p: { Code?: unknown }) => p.Code === code;
const byLevel1 = (code: string) => (p: { level1_id?: unknown }) => p.level1_id === code;

export function readThreeLevel(file: 'pre202501' | 'pre202507', provinceCode: string): RawProvince3 {
  return checked(RawProvince3, provinceOf(readJson(file), byCode(provinceCode), file), file);
}

export function readTwoLevel(provinceCode: string): RawProvince2 {
  const file = 'post202507';
  return checked(RawProvince2, provinceOf(readJson(file), byCode(provinceCode), file), file);
}

export function readSplits(provinceCode: string): SplitEntry[] {
  const data = (readJson('splits') as { data?: unknown }).data;
  return checked(SplitsProvince, provinceOf(data, byLevel1(provinceCode), 'splits'), 'splits').level3s;
}

export function readMerges(provinceCode: string): MergeEntry[] {
  const data = (readJson('merges') as { data?: unknown }).data;
  return checked(MergesProvince, provinceOf(data, byLevel1(provinceCode), 'merges'), 'merges').level2s;
}

/** The official "before the merger" text of each new commune of the province, by new code. */
export function readBandoTexts(provinceCode: string): Map<string, string> {
  const rows = readCsv('bando');
  return new Map(rows.filter((r) => r.magoc === provinceCode).map((r) => [r.ma ?? '', r.truocsapnhap ?? '']));
}

export function readCsv(file: 'bando' | 'places'): Array<Record<string, string | undefined>> {
  const [header, ...rows] = parseCsv(readFileSync(referencePath(file), 'utf8'));
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
