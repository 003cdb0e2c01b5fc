import type { AdminUnitLinkTable, AdminUnitTable } from '../db/schema.js';

/**
 * Administrative units across the reforms of 1 January 2025 (commune merges in Hà Nội) and 1 July 2025
 * (districts abolished, communes merged nationally). One row per unit and period; see reference/README.md.
 */
export type AdminUnitRow = AdminUnitTable;
export type AdminUnitLinkRow = AdminUnitLinkTable;
export type AdminLevel = AdminUnitRow['level'];
export type LinkKind = AdminUnitLinkRow['kind'];

/** What the resolver and the API say about a unit. */
export interface UnitRef {
  id: string;
  code: string;
  name: string;
  fullName: string;
  level: AdminLevel;
}

/** Last day of the pre-2025 communes that disappeared in the 1 January 2025 merges. */
export const S1_END = '2024-12-31';
/** Last day of districts and of the 3-level communes. */
export const S2_END = '2025-06-30';
export const S2_START = '2025-01-01';
export const S3_START = '2025-07-01';

/** Unit kinds, longest first so that "Thị xã" wins over a shorter prefix. */
export const UNIT_KINDS = [
  'Thành phố',
  'Thị trấn',
  'Thị xã',
  'Đặc khu',
  'Phường',
  'Huyện',
  'Quận',
  'Tỉnh',
  'Xã',
] as const;

/** The kind is the prefix of the full name ("Thị trấn Phú Xuyên" → "Thị trấn"); undefined if unknown. */
export function kindOf(fullName: string): string | undefined {
  return UNIT_KINDS.find((k) => fullName.startsWith(`${k} `));
}

/** Units that ended carry their last day in the id so that a reused code stays unique. */
export function unitId(code: string, validTo: string | null): string {
  return validTo ? `${code}@${validTo}` : code;
}

/** In force on `date` (YYYY-MM-DD); open ends count as always. */
export function isValidOn(unit: Pick<AdminUnitRow, 'valid_from' | 'valid_to'>, date: string): boolean {
  return (
    (unit.valid_from === null || unit.valid_from <= date) && (unit.valid_to === null || unit.valid_to >= date)
  );
}

export function toUnitRef(row: AdminUnitRow): UnitRef {
  return { id: row.id, code: row.code, name: row.name, fullName: row.full_name, level: row.level };
}
