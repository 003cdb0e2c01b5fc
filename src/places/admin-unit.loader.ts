import type { Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import type { AdminUnitLinkRow, AdminUnitRow } from './admin-unit.js';
import { inferredLinks, mappingLinks } from './admin-unit.links.js';
import { saveProvinceUnits } from './admin-unit.repository.js';
import { buildUnits } from './admin-unit.snapshots.js';
import { readBandoTexts, readMerges, readSplits, readThreeLevel, readTwoLevel } from './reference-files.js';

export interface ReferenceReport {
  units: number;
  links: number;
  /** Human-readable findings about the reference data (re-spellings, unconfirmed links, gaps). */
  defects: string[];
}

export interface AdministrativeReference {
  units: AdminUnitRow[];
  links: AdminUnitLinkRow[];
  defects: string[];
}

export const DEFAULT_PROVINCE = '01';

/**
 * Reads the reference files of one province and builds its rows and links, without touching the
 * database (the unit tests build the address resolver from this).
 */
export function readAdministrativeReference(
  provinceCode: string = DEFAULT_PROVINCE,
): AdministrativeReference {
  const units = buildUnits({
    s1: readThreeLevel('pre202501', provinceCode),
    s2: readThreeLevel('pre202507', provinceCode),
    s3: readTwoLevel(provinceCode),
  });
  const inferred = inferredLinks(units);
  const mapped = mappingLinks(units, {
    splits: readSplits(provinceCode),
    merges: readMerges(provinceCode),
    bando: readBandoTexts(provinceCode),
  });
  return {
    units: units.units,
    links: [...inferred.links, ...mapped.links],
    defects: [...units.defects, ...mapped.defects, ...inferred.defects],
  };
}

/**
 * Loads the administrative units of a province (Hà Nội by default) with the old → new links. Running it
 * again leaves the same rows: it upserts in one transaction and removes what the reference no longer has.
 */
export async function loadAdministrativeUnits(
  ctx: Ctx,
  options: { provinceCode?: string; progress?: Progress } = {},
): Promise<ReferenceReport> {
  const progress = options.progress ?? noProgress;
  const provinceCode = options.provinceCode ?? DEFAULT_PROVINCE;
  progress(0, 1, 'reading administrative reference files');
  const data = readAdministrativeReference(provinceCode);
  await saveProvinceUnits(ctx, provinceCode, data, progress);
  return { units: data.units.length, links: data.links.length, defects: data.defects };
}
