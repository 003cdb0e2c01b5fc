import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  flattenCriteria,
  loadCriteriaSet,
  parseCorrectionsFile,
  type CriteriaSet,
} from '../scorecards/criteria.js';
import { CRITERIA_DIR } from '../scorecards/scorecard.loader.js';
import { SCORECARDS } from '../scorecards/taxonomy.js';

/**
 * The 26 real criteria sets read with the scorecards' own loader (no database), and sheets built on them:
 * the best sheet and seeded random sheets. Used by the rule tests and the benchmark.
 */
export function referenceSets(directory: string = CRITERIA_DIR): CriteriaSet[] {
  const json: unknown = JSON.parse(readFileSync(join(directory, 'corrections.json'), 'utf8'));
  const { corrections } = parseCorrectionsFile(json);
  return SCORECARDS.map(
    (info) =>
      loadCriteriaSet(info.id, { csvText: readFileSync(join(directory, info.file), 'utf8'), corrections })
        .set,
  );
}

/** Every criterion at its best option; in a "choose one case" group, only the case `caseCode` (first by default). */
export function bestAnswers(set: CriteriaSet, caseCode?: string): Record<string, string> {
  const answers: Record<string, string> = {};
  const firstCase = new Map<string, string>();
  for (const f of flattenCriteria(set)) {
    if (f.alternative) {
      const wanted = caseCode ?? firstCase.get(f.group) ?? f.alternative;
      firstCase.set(f.group, wanted);
      if (f.alternative !== wanted) continue;
    }
    const best = f.criterion.options.reduce((a, b) => (b.points > a.points ? b : a));
    answers[f.criterion.id] = best.id;
  }
  return answers;
}

/** A seeded generator (mulberry32): the same seed gives the same sheets on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random valid sheet: each criterion answered with probability `answered`, one case per group. */
export function randomAnswers(
  set: CriteriaSet,
  random: () => number,
  answered = 0.9,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const group of set.parts.flatMap((p) => p.groups)) {
    const cases = group.alternatives ?? [];
    const picked = cases[Math.floor(random() * cases.length)];
    for (const criterion of picked ? picked.criteria : group.criteria) {
      if (random() >= answered) continue;
      const option = criterion.options[Math.floor(random() * criterion.options.length)];
      if (option) answers[criterion.id] = option.id;
    }
  }
  return answers;
}

/**
 * Lowers `answers` on criteria that carry no star tag at all until the total is `target`, so every
 * requirement the sheet met stays met. Throws when the untagged criteria cannot absorb the difference.
 */
export function withTotal(
  set: CriteriaSet,
  answers: Record<string, string>,
  target: number,
): Record<string, string> {
  const out = { ...answers };
  const flat = flattenCriteria(set).map((f) => f.criterion);
  const pointsOf = (id: string | undefined) =>
    flat.flatMap((c) => c.options).find((o) => o.id === id)?.points ?? 0;
  let total = Object.values(out).reduce((sum, id) => sum + pointsOf(id), 0);
  for (const c of flat) {
    if (total <= target) break;
    const current = out[c.id];
    if (current === undefined || c.mandatoryFor || c.options.some((o) => o.mandatoryFor)) continue;
    const drop = total - target;
    const now = pointsOf(current);
    const lower = c.options
      .filter((o) => o.points < now && now - o.points <= drop)
      .sort((a, b) => a.points - b.points)[0];
    if (!lower) continue;
    out[c.id] = lower.id;
    total -= now - lower.points;
  }
  if (total !== target) throw new RangeError(`cannot bring scorecard ${set.scorecardId} to ${target}`);
  return out;
}
