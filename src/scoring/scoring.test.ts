import { describe, expect, it } from 'vitest';
import type { CriteriaSet } from '../scorecards/criteria.js';
import { bestAnswers, referenceSets, withTotal } from './sample-sheets.js';
import {
  scoreSheet,
  type KnockedOutSheet,
  type ScoredSheet,
  type ScoreResult,
  type ScoringRefusal,
} from './scoring.js';

const SETS = referenceSets();
const set = (n: number): CriteriaSet => {
  const found = SETS[n - 1];
  if (!found) throw new Error(`no set ${n}`);
  return found;
};

function without(answers: Record<string, string>, ...ids: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
}

function scored(r: ScoreResult | ScoringRefusal): ScoredSheet {
  if (r.kind !== 'scored') throw new Error(`expected a score, got ${JSON.stringify(r)}`);
  return r;
}
function refused(r: ScoreResult | ScoringRefusal): ScoringRefusal {
  if (r.kind !== 'refused') throw new Error(`expected a refusal, got ${r.kind}`);
  return r;
}
function knockedOut(r: ScoreResult | ScoringRefusal): KnockedOutSheet {
  if (r.kind !== 'knocked_out') throw new Error(`expected a knock-out, got ${r.kind}`);
  return r;
}

describe('the best sheet', () => {
  it.each(SETS.map((s) => [s.scorecardId, s] as const))('scores 100 → 5★ on set %i', (_, s) => {
    const r = scored(scoreSheet(s, bestAnswers(s)));
    expect(r).toMatchObject({ total: 100, band: 5, cap: 5, stars: 5, unmet: [], nextStar: null });
    expect(r.parts).toEqual({ A: 40, B: 25, C: 35 });
    expect(r.version).toBe('148/2023');
  });

  it('scores 100 on set 26 whichever case of its three "choose one of two cases" groups is taken', () => {
    for (const caseCode of ['a', 'b']) {
      const answers = bestAnswers(set(26), caseCode);
      expect(Object.keys(answers).filter((id) => /^C(8|9|15)[ab]$/.test(id))).toHaveLength(3);
      expect(scored(scoreSheet(set(26), answers)).total).toBe(100);
    }
  });
});

describe('bands and star requirements', () => {
  it('gives 4★ to a 92-point sheet missing one 5★-mandatory option, naming it and the way up', () => {
    // Set 1, A1b "Tổ chức sản xuất": option 3 is tagged *****; the sheet stops at option 2.
    const answers = withTotal(set(1), { ...bestAnswers(set(1)), A1b: 'A1b.2' }, 92);
    const r = scored(scoreSheet(set(1), answers));
    expect(r).toMatchObject({ total: 92, band: 5, cap: 4, stars: 4 });
    expect(r.unmet).toEqual([
      { criterionId: 'A1b', forStars: 5, needed: 'A1b.3', minPoints: 3, chosen: 'A1b.2' },
    ]);
    expect(r.unmetByLevel[5]).toEqual(r.unmet);
    expect(r.nextStar).toEqual({
      stars: 5,
      pointsNeeded: 0,
      cheapestSteps: [{ criterionId: 'A1b', from: 'A1b.2', to: 'A1b.3', points: 1, mandatory: true }],
      totalAfter: 93,
    });
  });

  it('follows the bands at their edges: 90 → 5★, 89 → 4★, 70 → 4★, 69 → 3★', () => {
    const best = bestAnswers(set(7));
    for (const [total, stars] of [
      [90, 5],
      [89, 4],
      [70, 4],
      [69, 3],
    ] as const) {
      expect(scored(scoreSheet(set(7), withTotal(set(7), best, total))).stars, String(total)).toBe(stars);
    }
  });

  it('caps at 2★ a 100-point-band sheet whose 3★-mandatory quality control is missing', () => {
    // Set 1, C10a option 3 "kiểm soát nội bộ gắn với truy xuất nguồn gốc" is tagged ***.
    const r = scored(scoreSheet(set(1), { ...bestAnswers(set(1)), C10a: 'C10a.2' }));
    expect(r).toMatchObject({ total: 96, band: 5, cap: 2, stars: 2 });
    expect(r.unmet.map((u) => [u.criterionId, u.forStars, u.needed])).toEqual([['C10a', 3, 'C10a.3']]);
    expect(r.unmetByLevel[4].map((u) => u.needed)).toEqual(['C10a.4']);
    expect(r.unmetByLevel[5].map((u) => u.needed)).toEqual(['C10a.5']);
    expect(r.nextStar?.cheapestSteps).toEqual([
      { criterionId: 'C10a', from: 'C10a.2', to: 'C10a.3', points: 1, mandatory: true },
    ]);
  });

  it('treats a tag on a criterion itself as "some option must be chosen"', () => {
    // Set 1, A3e "Sở hữu trí tuệ" is tagged **** as a whole.
    const answers = without(bestAnswers(set(1)), 'A3e');
    const r = scored(scoreSheet(set(1), answers));
    expect(r).toMatchObject({ total: 98, band: 5, cap: 3, stars: 3 });
    expect(r.unmet).toEqual([
      { criterionId: 'A3e', forStars: 4, needed: 'A3e.1', minPoints: 1, chosen: null },
    ]);
    expect(scored(scoreSheet(set(1), { ...answers, A3e: 'A3e.1' })).stars).toBe(5);
  });

  it('scores an empty sheet 0 → 1★ and shows the way to 2★', () => {
    const r = scored(scoreSheet(set(1), {}));
    expect(r).toMatchObject({ total: 0, parts: { A: 0, B: 0, C: 0 }, band: 1, stars: 1 });
    expect(r.nextStar?.stars).toBe(2);
    expect(r.nextStar?.pointsNeeded).toBe(30);
    expect(r.nextStar?.totalAfter).toBe(30);
  });

  it('adds fractional points exactly (a later version may print them)', () => {
    const fractional = structuredClone(set(1));
    const a1 = fractional.parts[0]?.groups[0];
    const [c1, c2, c3] = a1?.criteria ?? [];
    if (!c1 || !c2 || !c3) throw new Error('set 1 changed');
    for (const [c, p] of [
      [c1, 0.1],
      [c2, 0.2],
      [c3, 0.05],
    ] as const) {
      for (const o of c.options) o.points = p;
    }
    const r = scored(scoreSheet(fractional, { A1a: 'A1a.1', A1b: 'A1b.1', A1c: 'A1c.1' }));
    expect(r.total).toBe(0.35);
    expect(r.parts.A).toBe(0.35);
  });
});

describe('knock-outs written in the scorecards', () => {
  it('stops the scoring when the food-safety certificate is declared invalid (set 1, C10a)', () => {
    const r = knockedOut(scoreSheet(set(1), bestAnswers(set(1)), { knockOuts: ['C10a'] }));
    expect(r.knockOut).toMatchObject({
      criterionId: 'C10a',
      reason: 'food_safety_certificate',
      effect: 'stopped',
    });
    expect(r.knockOut.text).toContain('ATTP');
    expect(r).not.toHaveProperty('stars');
  });

  it('eliminates a handicraft that infringes intellectual property (set 21, C6b)', () => {
    const r = knockedOut(scoreSheet(set(21), bestAnswers(set(21)), { knockOuts: ['C6b'] }));
    expect(r.knockOut).toMatchObject({ reason: 'ip_infringement', effect: 'eliminated' });
  });

  it('reports the first knock-out in scorecard order when several are declared', () => {
    const r = knockedOut(scoreSheet(set(5), {}, { knockOuts: ['C9a', 'A1a'] }));
    expect(r.knockOut.criterionId).toBe('A1a');
    expect(r.knockOuts.map((k) => k.reason)).toEqual([
      'imported_or_unknown_materials',
      'food_safety_certificate',
    ]);
  });

  it('refuses a knock-out on a criterion that carries no such note', () => {
    const r = refused(scoreSheet(set(1), {}, { knockOuts: ['A1b'] }));
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['not_a_knock_out', 'knockOuts.A1b']]);
  });
});

describe('invalid sheets are refused with every problem named', () => {
  it('lists an unknown criterion, an unknown option and an option of another criterion', () => {
    const r = refused(scoreSheet(set(1), { A9z: 'A9z.1', A1a: 'A1a.9', A1b: 'A1c.1', A1c: 'A1c.1' }));
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['unknown_criterion', 'answers.A9z'],
      ['unknown_option', 'answers.A1a'],
      ['option_of_other_criterion', 'answers.A1b'],
    ]);
    expect(r.problems[2]?.messageEn).toContain('belongs to criterion A1c');
  });

  it('refuses answers in both cases of a set-26 "choose one of two cases" group', () => {
    const answers = { ...bestAnswers(set(26), 'a'), C8b: 'C8b.1' };
    const r = refused(scoreSheet(set(26), answers));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'two_cases', field: 'answers.C8b', criterionId: 'C8b' });
    expect(r.problems[0]?.messageEn).toContain('C8a');
  });
});

describe('the next star on set 26', () => {
  it('never proposes answers in two cases of one group', () => {
    const rest = without(bestAnswers(set(26), 'a'), 'C8a', 'C9a', 'C15a');
    const sheet = withTotal(set(26), rest, 85);
    const r = scored(scoreSheet(set(26), sheet));
    const steps = r.nextStar?.cheapestSteps ?? [];
    expect(r.stars).toBe(4);
    expect(steps.length).toBeGreaterThan(0);
    const after = { ...sheet, ...Object.fromEntries(steps.map((s) => [s.criterionId, s.to])) };
    expect(scored(scoreSheet(set(26), after)).stars).toBe(5);
    for (const g of ['C8', 'C9', 'C15']) {
      expect(
        steps.filter((s) => s.criterionId.startsWith(g) && /[ab]$/.test(s.criterionId)).length,
      ).toBeLessThan(2);
    }
  });
});
