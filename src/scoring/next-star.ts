import { starBand } from '../certificates/certificate.js';
import { toPoints, type CompiledCriterion, type CompiledOption, type CompiledSet } from './compiled-set.js';
import { requirementMet, standingOf, type Stars } from './requirements.js';

/**
 * What stands between a sheet and the next star, and the cheapest way past it.
 *
 * Objective (documented in README.md): among the sets of option upgrades that give the next star — the band's
 * threshold reached and every requirement of that level met — the fewest criteria touched, then the fewest
 * points added (the smallest improvements that suffice), then scorecard order. Only upgrades are proposed:
 * a criterion moves to an option worth more than its current one (an unanswered one may be answered). Inside a
 * "choose one case" group only the case already answered can move; when none is answered each case is tried.
 *
 * Exact: a dynamic programme over (criteria, points added) finds, for every reachable number of points added,
 * the fewest criteria touched; criteria forced by an unmet requirement cannot be skipped.
 */
export interface NextStarStep {
  criterionId: string;
  from: string | null;
  to: string;
  /** Points this step adds. */
  points: number;
  /** True when the step meets a star requirement of the next level (not only points). */
  mandatory: boolean;
}

export interface NextStar {
  stars: Stars;
  /** Points missing to the next level's band threshold (0 when only requirements are missing). */
  pointsNeeded: number;
  cheapestSteps: NextStarStep[];
  /** The total once the steps are taken. */
  totalAfter: number;
}

interface Slot {
  criterion: CompiledCriterion;
  current: CompiledOption | undefined;
  /** The upgrades allowed, each worth more than `current` (or meeting the forced minimum). */
  choices: CompiledOption[];
  forced: boolean;
}

interface Plan {
  touched: number;
  gained: number;
  steps: Array<{ slot: Slot; option: CompiledOption }>;
}

const NO_WAY = 0x7fff;

export function findNextStar(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  stars: Stars,
): NextStar | null {
  if (stars >= 5) return null;
  const target = (stars + 1) as Stars;
  let totalUnits = 0;
  for (const o of chosen.values()) totalUnits += o.units;
  const deficit = Math.max(0, thresholdUnits(target, compiled.scale) - totalUnits);
  let best: Plan | undefined;
  for (const cases of caseChoices(compiled, chosen)) {
    const plan = cheapestPlan(slotsFor(compiled, chosen, target, cases), deficit);
    if (
      plan &&
      (!best || plan.touched < best.touched || (plan.touched === best.touched && plan.gained < best.gained))
    ) {
      best = plan;
    }
  }
  if (!best) return null;
  const steps = best.steps.sort((a, b) => a.slot.criterion.index - b.slot.criterion.index);
  return {
    stars: target,
    pointsNeeded: toPoints(deficit, compiled.scale),
    cheapestSteps: steps.map(({ slot, option }) => ({
      criterionId: slot.criterion.id,
      from: slot.current?.id ?? null,
      to: option.id,
      points: toPoints(option.units - (slot.current?.units ?? 0), compiled.scale),
      mandatory: slot.forced,
    })),
    totalAfter: toPoints(totalUnits + best.gained, compiled.scale),
  };
}

/** The least total (in units) whose band is at least `target`, found through `starBand` itself. */
const thresholds = new Map<string, number>();
function thresholdUnits(target: Stars, scale: number): number {
  const key = `${target}@${scale}`;
  const known = thresholds.get(key);
  if (known !== undefined) return known;
  let units = 0;
  while (units < 100 * scale && starBand(toPoints(units, scale)) < target) units++;
  thresholds.set(key, units);
  return units;
}

/** For each alternative group, the case that may be answered: the one answered, or each in turn. */
function caseChoices(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
): Array<Map<string, string>> {
  let combos: Array<Map<string, string>> = [new Map<string, string>()];
  for (const group of compiled.alternativeGroups) {
    const answered = [...group.cases].find(([, ids]) => ids.some((id) => chosen.has(id)));
    const codes = answered ? [answered[0]] : [...group.cases.keys()];
    combos = combos.flatMap((combo) => codes.map((code) => new Map(combo).set(group.key, code)));
  }
  return combos;
}

function slotsFor(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  target: Stars,
  cases: Map<string, string>,
): Slot[] {
  const minimum = new Map<string, number>();
  for (const r of compiled.requirements) {
    if (r.forStars > target || requirementMet(compiled, chosen, r.criterionId, r.minUnits)) continue;
    if (!inCase(compiled, r.criterionId, cases)) continue;
    minimum.set(r.criterionId, Math.max(minimum.get(r.criterionId) ?? -Infinity, r.minUnits));
  }
  forceCaseAnswers(compiled, chosen, target, cases, minimum);
  const slots: Slot[] = [];
  for (const criterion of compiled.criteria) {
    if (!inCase(compiled, criterion.id, cases)) continue;
    const current = chosen.get(criterion.id);
    const min = minimum.get(criterion.id);
    const floor = current?.units ?? 0;
    const choices = criterion.options.filter((o) =>
      min !== undefined ? o.units >= min && (!current || o.units > floor) : o.units > floor,
    );
    if (choices.length || min !== undefined)
      slots.push({ criterion, current, choices, forced: min !== undefined });
  }
  return slots;
}

function inCase(compiled: CompiledSet, criterionId: string, cases: Map<string, string>): boolean {
  const key = compiled.groupOf.get(criterionId);
  return key === undefined || cases.get(key) === compiled.byId.get(criterionId)?.alternative;
}

/**
 * While no case of a group is answered, a requirement tagged in any of its cases counts as unmet; the case
 * tried must then be answered, at least on its first criterion. (No 148/2023 set tags a criterion inside a case.)
 */
function forceCaseAnswers(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  target: Stars,
  cases: Map<string, string>,
  minimum: Map<string, number>,
): void {
  for (const group of compiled.alternativeGroups) {
    const ids = [...group.cases.values()].flat();
    if (ids.some((id) => chosen.has(id))) continue;
    const tagged = compiled.requirements.some((r) => r.forStars <= target && ids.includes(r.criterionId));
    const own = group.cases.get(cases.get(group.key) ?? '') ?? [];
    if (!tagged || own.some((id) => minimum.has(id))) continue;
    const first = own[0] === undefined ? undefined : compiled.byId.get(own[0]);
    if (first) minimum.set(first.id, Math.min(...first.options.map((o) => o.units)));
  }
}

/** The fewest slots touched, then the fewest units gained, reaching `deficit`; forced slots always touched. */
function cheapestPlan(slots: Slot[], deficit: number): Plan | undefined {
  if (slots.some((s) => s.forced && !s.choices.length)) return undefined;
  const gainOf = (s: Slot, o: CompiledOption) => o.units - (s.current?.units ?? 0);
  const maxGains = slots.map((s) => s.choices.reduce((m, o) => Math.max(m, gainOf(s, o)), 0));
  const total = maxGains.reduce((a, b) => a + b, 0);
  if (total < deficit) return undefined;
  // An optimal plan never gains more than deficit + one step + every forced step: dropping a non-forced
  // step of a plan past that bound would still reach the deficit with fewer criteria touched.
  const forcedMax = slots.reduce((sum, s, i) => sum + (s.forced ? (maxGains[i] ?? 0) : 0), 0);
  const span = Math.min(total, deficit + Math.max(0, ...maxGains) + forcedMax);
  let fewest = new Int16Array(span + 1).fill(NO_WAY);
  let next = new Int16Array(span + 1);
  fewest[0] = 0;
  const picks: Uint8Array[] = [];
  let reach = 0;
  for (const [i, slot] of slots.entries()) {
    if (slot.forced) next.fill(NO_WAY);
    else next.set(fewest);
    const pick = new Uint8Array(span + 1);
    reach = Math.min(span, reach + (maxGains[i] ?? 0));
    for (const [j, option] of slot.choices.entries()) {
      const gain = gainOf(slot, option);
      for (let g = reach; g >= gain; g--) {
        const before = fewest[g - gain] ?? NO_WAY;
        if (before !== NO_WAY && before + 1 < (next[g] ?? NO_WAY)) {
          next[g] = before + 1;
          pick[g] = j + 1;
        }
      }
    }
    [fewest, next] = [next, fewest];
    picks.push(pick);
  }
  let gained = -1;
  let touched = NO_WAY;
  for (let g = deficit; g <= span; g++) {
    const k = fewest[g] ?? NO_WAY;
    if (k < touched) [touched, gained] = [k, g];
  }
  if (gained < 0) return undefined;
  const steps: Plan['steps'] = [];
  let g = gained;
  for (let i = slots.length - 1; i >= 0; i--) {
    const slot = slots[i];
    const p = picks[i]?.[g] ?? 0;
    const option = slot?.choices[p - 1];
    if (!slot || !option) continue;
    steps.push({ slot, option });
    g -= gainOf(slot, option);
  }
  return { touched, gained, steps };
}

/** Checks a plan against the rules themselves (used by tests and benchmarks). */
export function reachesNextStar(
  compiled: CompiledSet,
  chosen: ReadonlyMap<string, CompiledOption>,
  next: NextStar,
): boolean {
  const after = new Map(chosen);
  for (const step of next.cheapestSteps) {
    const option = compiled.options.get(step.to);
    if (option) after.set(step.criterionId, option);
  }
  let units = 0;
  for (const o of after.values()) units += o.units;
  return standingOf(compiled, after, units).stars >= next.stars;
}
