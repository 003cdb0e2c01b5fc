import { describe, expect, it } from 'vitest';
import type { CriteriaSet } from '../scorecards/criteria.js';
import { councilResult, truncatedMean, type CouncilRefusal, type CouncilResult } from './council.js';
import { bestAnswers, referenceSets, withTotal } from './sample-sheets.js';

const SETS = referenceSets();
const set = (n: number): CriteriaSet => {
  const found = SETS[n - 1];
  if (!found) throw new Error(`no set ${n}`);
  return found;
};
const best = bestAnswers(set(1));
const at = (total: number, answers = best) => withTotal(set(1), answers, total);

function ok(r: CouncilResult | CouncilRefusal) {
  if (r.kind !== 'scored') throw new Error(`expected a score, got ${JSON.stringify(r)}`);
  return r;
}
function refused(r: CouncilResult | CouncilRefusal) {
  if (r.kind !== 'refused') throw new Error(`expected a refusal, got ${r.kind}`);
  return r;
}

describe('the council mean', () => {
  it('keeps 70, 70, 69 at 69.66 (truncated, never rounded up) → 3★, certified', () => {
    const r = ok(
      councilResult(set(1), [
        { memberId: 'm1', answers: at(70) },
        { memberId: 'm2', answers: at(70) },
        { memberId: 'm3', answers: at(69) },
      ]),
    );
    expect(r.members.map((m) => m.total)).toEqual([70, 70, 69]);
    expect(r.mean).toBe(69.66);
    expect(r).toMatchObject({ band: 3, cap: 5, stars: 3, certified: true, potentialFiveStar: false });
  });

  it('truncates in exact integers: 69.995 stays 69.99, whole means stay whole', () => {
    expect(truncatedMean(13999, 200)).toBe(69.99);
    expect(truncatedMean(209, 3)).toBe(69.66);
    expect(truncatedMean(210, 3)).toBe(70);
    expect(truncatedMean(179, 2)).toBe(89.5);
  });

  it('does not certify a 2★ result', () => {
    const r = ok(councilResult(set(1), [{ memberId: 'm1', answers: { ...at(75), C9a: 'C9a.1' } }]));
    expect(r).toMatchObject({ stars: 2, certified: false });
    expect(r.unmet.map((u) => u.needed)).toEqual(['C9a.3']);
  });
});

describe('spread and re-scoring', () => {
  it('asks members more than 10 points apart to discuss', () => {
    const r = ok(
      councilResult(set(1), [
        { memberId: 'm1', answers: best },
        { memberId: 'm2', answers: at(88) },
        { memberId: 'm3', answers: at(95) },
      ]),
    );
    expect(r).toMatchObject({ spread: 12, initialSpread: 12, needsDiscussion: true, rescored: [] });
  });

  it('records who re-scored after the discussion, and the spread before it', () => {
    const r = ok(
      councilResult(set(1), [
        { memberId: 'm1', answers: best },
        { memberId: 'm2', answers: at(95), rescoredFrom: at(88) },
        { memberId: 'm3', answers: at(95) },
      ]),
    );
    expect(r).toMatchObject({ spread: 5, initialSpread: 12, needsDiscussion: false, rescored: ['m2'] });
    expect(r.members[1]).toMatchObject({ memberId: 'm2', total: 95, initialTotal: 88 });
    expect(r.mean).toBe(96.66);
  });
});

describe('mandatory options on the consolidated sheet (lower median per criterion)', () => {
  const missing = { ...best, A1b: 'A1b.2' }; // misses the 5★ option A1b.3

  it('meets a requirement that a strict majority of members found met: 5★, potential at the province', () => {
    const r = ok(
      councilResult(set(1), [
        { memberId: 'm1', answers: best },
        { memberId: 'm2', answers: best },
        { memberId: 'm3', answers: missing },
      ]),
    );
    expect(r.consolidated.A1b).toBe('A1b.3');
    expect(r).toMatchObject({ mean: 99.66, stars: 5, potentialFiveStar: true });
    const central = ok(councilResult(set(1), [{ memberId: 'm1', answers: best }], { level: 'central' }));
    expect(central).toMatchObject({ stars: 5, potentialFiveStar: false });
  });

  it('does not meet it on a tie or a minority: 4★ with the requirement listed', () => {
    for (const sheets of [
      [best, missing],
      [best, missing, missing],
    ]) {
      const r = ok(
        councilResult(
          set(1),
          sheets.map((answers, i) => ({ memberId: `m${i}`, answers })),
        ),
      );
      expect(r.consolidated.A1b).toBe('A1b.2');
      expect(r).toMatchObject({ band: 5, cap: 4, stars: 4, potentialFiveStar: false });
      expect(r.unmet.map((u) => [u.criterionId, u.needed])).toEqual([['A1b', 'A1b.3']]);
    }
  });
});

describe('council refusals and knock-outs', () => {
  it('refuses no sheet, two sheets of one member and a bad answer, naming the member', () => {
    expect(refused(councilResult(set(1), [])).problems.map((p) => p.code)).toEqual(['no_members']);
    const r = refused(
      councilResult(set(1), [
        { memberId: 'm1', answers: best },
        { memberId: 'm1', answers: { A1a: 'A1a.9' } },
      ]),
    );
    expect(r.problems.map((p) => [p.code, p.field, p.memberId])).toEqual([
      ['duplicate_member', 'members.m1', undefined],
      ['unknown_option', 'answers.A1a', 'm1'],
    ]);
  });

  it('refuses members who scored a set-26 group under different cases', () => {
    const r = refused(
      councilResult(set(26), [
        { memberId: 'm1', answers: bestAnswers(set(26), 'a') },
        { memberId: 'm2', answers: bestAnswers(set(26), 'b') },
      ]),
    );
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['cases_differ', 'group.C8'],
      ['cases_differ', 'group.C9'],
      ['cases_differ', 'group.C15'],
    ]);
  });

  it('stops at a knock-out the council found: no stars, not certified', () => {
    const r = councilResult(set(1), [{ memberId: 'm1', answers: best }], { knockOuts: ['C6a'] });
    expect(r).toMatchObject({
      kind: 'knocked_out',
      certified: false,
      knockOut: { reason: 'unacceptable_impurities' },
    });
  });
});
