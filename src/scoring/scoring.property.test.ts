import { describe, expect, it } from 'vitest';
import { flattenCriteria } from '../scorecards/criteria.js';
import { compileSet, type CompiledOption } from './compiled-set.js';
import { reachesNextStar } from './next-star.js';
import { randomAnswers, referenceSets, seededRandom } from './sample-sheets.js';
import { scoreSheet, type ScoredSheet } from './scoring.js';

/** Properties over seeded random sheets on the 26 real scorecards (same sheets on every run). */
const SETS = referenceSets();
const SHEETS_PER_SET = 60;

function scored(r: ReturnType<typeof scoreSheet>): ScoredSheet {
  if (r.kind !== 'scored') throw new Error(`expected a score, got ${r.kind}`);
  return r;
}

describe.each(SETS.map((s) => [s.scorecardId, s] as const))('random sheets on set %i', (id, set) => {
  const random = seededRandom(id * 7919);
  const sheets = Array.from({ length: SHEETS_PER_SET }, () => randomAnswers(set, random, 0.5 + random() / 2));
  const flat = flattenCriteria(set);

  it('total ≤ 100, = A + B + C, stars ≤ band and ≤ cap, and unmet names what blocks the next star', () => {
    for (const answers of sheets) {
      const r = scored(scoreSheet(set, answers));
      expect(r.total).toBeLessThanOrEqual(100);
      expect(r.parts.A + r.parts.B + r.parts.C).toBe(r.total);
      expect(r.stars).toBe(Math.min(r.band, r.cap));
      if (r.cap < r.band) expect(r.unmet.length).toBeGreaterThan(0);
    }
  });

  it('raising one answer never lowers the stars', () => {
    for (const answers of sheets.slice(0, 8)) {
      const before = scored(scoreSheet(set, answers)).stars;
      for (const { criterion } of flat) {
        const current = criterion.options.find((o) => o.id === answers[criterion.id]);
        const higher = criterion.options.filter((o) => o.points > (current?.points ?? -1));
        for (const option of higher) {
          const raised = scoreSheet(set, { ...answers, [criterion.id]: option.id });
          if (raised.kind === 'refused') continue; // the other case of a set-26 group
          expect(scored(raised).stars, `${criterion.id} → ${option.id}`).toBeGreaterThanOrEqual(before);
        }
      }
    }
  });

  it('the cheapest steps really reach the next star, and no fewer criteria could', () => {
    const compiled = compileSet(set);
    for (const [i, answers] of sheets.entries()) {
      const r = scored(scoreSheet(set, answers));
      if (r.stars === 5) continue;
      const next = r.nextStar;
      if (!next) throw new Error('a sheet below 5★ always has a way up');
      expect(next.stars).toBe(r.stars + 1);
      const chosen = new Map<string, CompiledOption>();
      for (const [c, o] of Object.entries(answers)) {
        const option = compiled.options.get(o);
        if (option) chosen.set(c, option);
      }
      expect(reachesNextStar(compiled, chosen, next)).toBe(true);
      const after = {
        ...answers,
        ...Object.fromEntries(next.cheapestSteps.map((s) => [s.criterionId, s.to])),
      };
      expect(scored(scoreSheet(set, after)).total).toBe(next.totalAfter);
      if (i >= 15) continue; // brute-force optimality on the first sheets only
      if (next.cheapestSteps.length === 1) {
        expect(next.cheapestSteps[0]?.points).toBe(cheapestSingle(set, answers, next.stars));
      }
      if (next.cheapestSteps.length === 2) expect(singleStepReaches(set, answers, next.stars)).toBe(false);
    }
  });
});

/** Brute force: the fewest points one upgrade can add and still reach `stars`. */
function cheapestSingle(set: (typeof SETS)[number], answers: Record<string, string>, stars: number): number {
  let best = Infinity;
  for (const { criterion } of flattenCriteria(set)) {
    const current = criterion.options.find((o) => o.id === answers[criterion.id]);
    for (const o of criterion.options.filter((x) => x.points > (current?.points ?? -1))) {
      const r = scoreSheet(set, { ...answers, [criterion.id]: o.id });
      if (r.kind === 'scored' && r.stars >= stars) best = Math.min(best, o.points - (current?.points ?? 0));
    }
  }
  return best;
}

function singleStepReaches(
  set: (typeof SETS)[number],
  answers: Record<string, string>,
  stars: number,
): boolean {
  return cheapestSingle(set, answers, stars) !== Infinity;
}
