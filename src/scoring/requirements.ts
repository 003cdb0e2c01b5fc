import { starBand } from '../certificates/certificate.js';
import type { StarLevel } from '../scorecards/criteria.js';
import { toPoints, type CompiledOption, type CompiledSet } from './compiled-set.js';

/** Star requirements (the options tagged ***, ****, *****) and the standing they give a sheet. */

export type Stars = 1 | 2 | 3 | 4 | 5;

export interface UnmetRequirement {
  criterionId: string;
  forStars: StarLevel;
  /** The least option that meets it. */
  needed: string;
  minPoints: number;
  /** The option chosen now, null when the criterion is unanswered. */
  chosen: string | null;
}

export interface Standing {
  band: Stars;
  cap: Stars;
  stars: Stars;
  unmet: UnmetRequirement[];
  unmetByLevel: Record<StarLevel, UnmetRequirement[]>;
}

/** Band, cap and stars of `chosen` (whose total is `totalUnits`), with the unmet requirements. */
export function standingOf(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  totalUnits: number,
): Standing {
  const band = starBand(toPoints(totalUnits, compiled.scale));
  const unmetByLevel: Record<StarLevel, UnmetRequirement[]> = { 3: [], 4: [], 5: [] };
  for (const r of compiled.requirements) {
    if (requirementMet(compiled, chosen, r.criterionId, r.minUnits)) continue;
    unmetByLevel[r.forStars].push({
      criterionId: r.criterionId,
      forStars: r.forStars,
      needed: r.needed,
      minPoints: toPoints(r.minUnits, compiled.scale),
      chosen: chosen.get(r.criterionId)?.id ?? null,
    });
  }
  const cap: Stars = unmetByLevel[3].length ? 2 : unmetByLevel[4].length ? 3 : unmetByLevel[5].length ? 4 : 5;
  const stars = Math.min(band, cap) as Stars;
  const next = stars + 1;
  const unmet = ([3, 4, 5] as const).filter((level) => level <= next).flatMap((level) => unmetByLevel[level]);
  return { band, cap, stars, unmet, unmetByLevel };
}

/**
 * A requirement counts when its criterion is scored: inside a "choose one case" group, only in the case
 * answered; while no case of the group is answered, nothing shows it is met, so it counts as unmet.
 */
export function requirementMet(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  criterionId: string,
  minUnits: number,
): boolean {
  const option = chosen.get(criterionId);
  if (option) return option.units >= minUnits;
  const groupKey = compiled.groupOf.get(criterionId);
  if (groupKey === undefined) return false;
  const group = compiled.alternativeGroups.find((g) => g.key === groupKey);
  const ownCase = compiled.byId.get(criterionId)?.alternative;
  if (!group || ownCase === undefined) return false;
  // Met (not applicable) when another case of the group is the one answered.
  return [...group.cases].some(([code, ids]) => code !== ownCase && ids.some((id) => chosen.has(id)));
}
