import type { AdminUnitLinkTable, AdminUnitTable } from '../db/schema.js';
import type { CommuneRef } from './demo.types.js';

export type UnitFields = Pick<
  AdminUnitTable,
  'id' | 'level' | 'kind' | 'name' | 'full_name' | 'parent_id' | 'province_code' | 'valid_to'
>;
export type LinkFields = Pick<AdminUnitLinkTable, 'old_id' | 'new_id'>;

/**
 * The communes in force in a province, each with the old (pre-July-2025) communes the mapping links to it
 * and their districts. Sorted by code so that the generator sees the same input on every engine.
 */
export function communeRefs(
  units: readonly UnitFields[],
  links: readonly LinkFields[],
  provinceCode: string,
): CommuneRef[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const current = units.filter(
    (u) => u.level === 'commune' && u.valid_to === null && u.province_code === provinceCode,
  );
  const old = new Map<string, Array<{ id: string; fullName: string; districtFullName: string }>>();
  for (const link of links) {
    const unit = byId.get(link.old_id);
    const district = unit?.parent_id ? byId.get(unit.parent_id) : undefined;
    if (!unit || unit.level !== 'commune' || district?.level !== 'district') continue;
    const list = old.get(link.new_id) ?? [];
    list.push({ id: unit.id, fullName: unit.full_name, districtFullName: district.full_name });
    old.set(link.new_id, list);
  }
  return current
    .sort((a, b) => compare(a.id, b.id))
    .map((c) => ({
      id: c.id,
      name: c.name,
      fullName: c.full_name,
      kind: c.kind,
      old: (old.get(c.id) ?? [])
        .sort((a, b) => compare(a.id, b.id))
        .map((o) => ({ fullName: o.fullName, districtFullName: o.districtFullName })),
    }));
}

/** Code-point order: locale collation differs between engines and machines. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
