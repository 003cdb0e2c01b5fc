import {
  flattenCriteria,
  type CriteriaSet,
  type KnockOut,
  type PartCode,
  type StarLevel,
} from '../scorecards/criteria.js';

/**
 * A criteria set prepared for scoring: every option's points as an integer count of `1/scale` points, so sums,
 * means and comparisons are exact even when a future version prints fractional points (148/2023 has none:
 * scale 1). Compiled once per set object (WeakMap), so scoring a sheet never walks the JSON tree again.
 */
export interface CompiledOption {
  id: string;
  criterionId: string;
  points: number;
  /** points × scale, an integer. */
  units: number;
}

export interface CompiledCriterion {
  id: string;
  part: PartCode;
  group: string;
  /** The case code when the criterion belongs to one case of an alternative group (set 26). */
  alternative?: string;
  /** Position in scorecard order. */
  index: number;
  options: CompiledOption[];
  knockOut?: KnockOut;
}

/**
 * One star requirement: to reach `forStars` or more, the criterion's chosen option must give at least
 * `minUnits`. A tag on an option sets `minUnits` to that option's points; a tag on the criterion itself only asks
 * for an answer (`minUnits` = the lowest option), `needed` naming the least option that satisfies it.
 */
export interface Requirement {
  criterionId: string;
  forStars: StarLevel;
  minUnits: number;
  needed: string;
  kind: 'option' | 'criterion';
}

/** A group scored on one of its cases ("Lựa chọn một trong hai trường hợp sau"). */
export interface AlternativeGroup {
  key: string;
  /** case code → its criterion ids, in scorecard order. */
  cases: Map<string, string[]>;
}

export interface CompiledSet {
  set: CriteriaSet;
  scorecardId: number;
  version: string;
  scale: number;
  criteria: CompiledCriterion[];
  byId: Map<string, CompiledCriterion>;
  options: Map<string, CompiledOption>;
  requirements: Requirement[];
  alternativeGroups: AlternativeGroup[];
  /** criterion id → its alternative group key, for criteria inside a case. */
  groupOf: Map<string, string>;
}

const MAX_DECIMALS = 4;
const cache = new WeakMap<CriteriaSet, CompiledSet>();

export function compileSet(set: CriteriaSet): CompiledSet {
  const hit = cache.get(set);
  if (hit) return hit;
  const compiled = compile(set);
  cache.set(set, compiled);
  return compiled;
}

function compile(set: CriteriaSet): CompiledSet {
  const flat = flattenCriteria(set);
  const scale = scaleFor(flat.flatMap((f) => f.criterion.options.map((o) => o.points)));
  const criteria: CompiledCriterion[] = [];
  const options = new Map<string, CompiledOption>();
  const requirements: Requirement[] = [];
  const groups = new Map<string, AlternativeGroup>();
  const groupOf = new Map<string, string>();
  for (const [index, f] of flat.entries()) {
    const c = f.criterion;
    const compiledOptions = c.options.map((o) => ({
      id: o.id,
      criterionId: c.id,
      points: o.points,
      units: Math.round(o.points * scale),
    }));
    for (const o of compiledOptions) options.set(o.id, o);
    criteria.push({
      id: c.id,
      part: f.part,
      group: f.group,
      ...(f.alternative ? { alternative: f.alternative } : {}),
      index,
      options: compiledOptions,
      ...(c.knockOut ? { knockOut: c.knockOut } : {}),
    });
    requirements.push(...requirementsOf(c.id, c.mandatoryFor, c.options, compiledOptions));
    if (f.alternative) {
      const key = `${f.part}${f.group}`;
      const group = groups.get(key) ?? { key, cases: new Map<string, string[]>() };
      groups.set(key, group);
      group.cases.set(f.alternative, [...(group.cases.get(f.alternative) ?? []), c.id]);
      groupOf.set(c.id, key);
    }
  }
  return {
    set,
    scorecardId: set.scorecardId,
    version: set.version,
    scale,
    criteria,
    byId: new Map(criteria.map((c) => [c.id, c])),
    options,
    requirements,
    alternativeGroups: [...groups.values()],
    groupOf,
  };
}

function requirementsOf(
  criterionId: string,
  criterionTag: StarLevel | undefined,
  raw: ReadonlyArray<{ mandatoryFor?: StarLevel }>,
  compiled: CompiledOption[],
): Requirement[] {
  const out: Requirement[] = [];
  if (criterionTag !== undefined) {
    const least = leastOption(compiled, -Infinity);
    if (least) {
      out.push({
        criterionId,
        forStars: criterionTag,
        minUnits: least.units,
        needed: least.id,
        kind: 'criterion',
      });
    }
  }
  for (const [i, o] of raw.entries()) {
    const option = compiled[i];
    if (o.mandatoryFor === undefined || !option) continue;
    // The least option giving at least the tagged points: the tagged one unless a sibling ties it earlier.
    const needed = leastOption(compiled, option.units - 1) ?? option;
    out.push({
      criterionId,
      forStars: o.mandatoryFor,
      minUnits: option.units,
      needed: needed.id,
      kind: 'option',
    });
  }
  return out;
}

/** The option with the fewest units above `floor`; the first one on ties. */
function leastOption(options: CompiledOption[], floor: number): CompiledOption | undefined {
  let best: CompiledOption | undefined;
  for (const o of options) {
    if (o.units > floor && (!best || o.units < best.units)) best = o;
  }
  return best;
}

/** The smallest power of ten that makes every point value an integer (up to 4 decimals). */
function scaleFor(points: number[]): number {
  for (let decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
    const scale = 10 ** decimals;
    if (points.every((p) => Math.abs(p * scale - Math.round(p * scale)) < 1e-9)) return scale;
  }
  throw new RangeError(`criteria points with more than ${MAX_DECIMALS} decimals cannot be scored exactly`);
}

/** units → points, exact for the decimal values a scorecard prints. */
export function toPoints(units: number, scale: number): number {
  return scale === 1 ? units : Number((units / scale).toFixed(MAX_DECIMALS));
}
