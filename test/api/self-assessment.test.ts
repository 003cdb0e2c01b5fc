import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/core/context.js';
import { criteriaSetId, loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { findScorecard, saveCriteriaSet, saveScorecard } from '../../src/scorecards/scorecard.repository.js';
import type { CriteriaSet } from '../../src/scorecards/criteria.js';
import type { ScorecardDetailOut } from '../../src/scorecards/scorecard.presenter.js';
import { bestAnswers, referenceSets, withTotal } from '../../src/scoring/sample-sheets.js';
import type { SelfAssessmentOut } from '../../src/scoring/self-assessment.presenter.js';
import { createTestApp, type TestApp } from '../support/app.js';

interface ErrorOut {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

let t: TestApp;
const SETS = referenceSets();
const set = (n: number): CriteriaSet => {
  const found = SETS[n - 1];
  if (!found) throw new Error(`no set ${n}`);
  return found;
};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadScorecards(ctx);
  });
});
afterAll(async () => {
  await t.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/self-assessment',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

async function refusal(payload: unknown): Promise<ErrorOut['error']> {
  const res = await post(payload, { 'accept-language': 'en' });
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json<ErrorOut>();
  expect(body.error.code).toBe('validation_failed');
  return body.error;
}

describe('GET /api/v1/scorecards/{n}: the contract the self-assessment form reads', () => {
  it('gives id, version, name, parts with max, and criteria with part, group, max, options and stars', async () => {
    const body = (
      await t.app.inject({ method: 'GET', url: '/api/v1/scorecards/1' })
    ).json<ScorecardDetailOut>();
    expect(body).toMatchObject({ id: 1, version: '148/2023', name: 'Rau, củ, quả, hạt tươi' });
    expect(body.parts.map(({ code, max }) => ({ code, max }))).toEqual([
      { code: 'A', max: 40 },
      { code: 'B', max: 25 },
      { code: 'C', max: 35 },
    ]);
    const a1b = body.criteria.find((c) => c.id === 'A1b');
    expect(a1b).toMatchObject({ id: 'A1b', part: 'A', group: '1', max: 3 });
    expect(a1b?.options[2]).toMatchObject({ id: 'A1b.3', points: 3, mandatoryFor: 5 });
    expect(body.criteria.find((c) => c.id === 'A3e')?.mandatoryFor).toBe(4);
  });
});

describe('POST /api/v1/self-assessment', () => {
  it('scores a sheet: total, parts, band, cap, stars, the unmet requirement and the cheapest way up', async () => {
    const answers = withTotal(set(1), { ...bestAnswers(set(1)), A1b: 'A1b.2' }, 92);
    const res = await post({ scorecard: 1, answers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-cache']).toBeUndefined();
    const body = res.json<SelfAssessmentOut>();
    expect(body).toMatchObject({
      scorecard: 1,
      version: '148/2023',
      total: 92,
      band: 5,
      cap: 4,
      stars: 4,
      certified: true,
      knockOut: null,
    });
    expect(body.parts.A + body.parts.B + body.parts.C).toBe(92);
    expect(body.unmet).toEqual([
      { criterionId: 'A1b', forStars: 5, needed: 'A1b.3', minPoints: 3, chosen: 'A1b.2' },
    ]);
    expect(body.nextStar).toEqual({
      stars: 5,
      pointsNeeded: 0,
      cheapestSteps: [{ criterionId: 'A1b', from: 'A1b.2', to: 'A1b.3', points: 1, mandatory: true }],
      totalAfter: 93,
    });
  });

  it('stops at a declared knock-out with its reason and no stars', async () => {
    const res = await post({ scorecard: 1, answers: bestAnswers(set(1)), knockOuts: ['C10a'] });
    const body = res.json<SelfAssessmentOut>();
    expect(body).toMatchObject({ stars: null, band: null, certified: false, nextStar: null });
    expect(body.knockOut).toMatchObject({
      criterionId: 'C10a',
      reason: 'food_safety_certificate',
      effect: 'stopped',
    });
  });

  it('scores set 26 on the case chosen in each "choose one of two cases" group', async () => {
    const body = (
      await post({ scorecard: 26, answers: bestAnswers(set(26), 'b') })
    ).json<SelfAssessmentOut>();
    expect(body).toMatchObject({ total: 100, stars: 5, nextStar: null });
  });
});

describe('every refusal is a 400 naming its field', () => {
  it('an unknown scorecard', async () => {
    for (const scorecard of [0, 27, 'một']) {
      const error = await refusal({ scorecard, answers: {} });
      expect(error.details.map((d) => d.field)).toContain('scorecard');
    }
  });

  it('an unknown criterion, an unknown option and an option of another criterion, all at once', async () => {
    const error = await refusal({ scorecard: 1, answers: { A9z: 'A9z.1', A1a: 'A1a.9', A1b: 'A1c.1' } });
    expect(error.details.map((d) => d.field)).toEqual(['answers.A9z', 'answers.A1a', 'answers.A1b']);
    expect(error.details[2]?.message).toContain('belongs to criterion A1c');
  });

  it('two answers for one criterion in the raw body', async () => {
    const error = await refusal('{"scorecard": 1, "answers": {"A1a": "A1a.1", "A1a": "A1a.3"}}');
    expect(error.details).toEqual([{ field: 'answers.A1a', message: 'answers.A1a: given twice' }]);
  });

  it('both cases of a set-26 group', async () => {
    const error = await refusal({ scorecard: 26, answers: { C8a: 'C8a.1', C8b: 'C8b.2' } });
    expect(error.details.map((d) => d.field)).toEqual(['answers.C8b']);
  });

  it('a malformed body, a missing field, an unknown field, a wrong type and too many answers', async () => {
    expect((await refusal('{"scorecard": 1, "answers": {')).details[0]?.field).toBe('(body)');
    expect((await refusal({ scorecard: 1 })).details.map((d) => d.field)).toEqual(['answers']);
    expect((await refusal({ scorecard: 1, answers: {}, extra: 1 })).details.map((d) => d.field)).toEqual([
      'extra',
    ]);
    expect((await refusal({ scorecard: 1, answers: { A1a: { id: 'A1a.1' } } })).details[0]?.field).toBe(
      'answers.A1a',
    );
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`A${i}`, 'x']));
    expect((await refusal({ scorecard: 1, answers: many })).details.map((d) => d.field)).toEqual(['answers']);
  });

  it('a knock-out on a criterion without one, and an unknown version', async () => {
    expect((await refusal({ scorecard: 1, answers: {}, knockOuts: ['A1b'] })).details[0]?.field).toBe(
      'knockOuts.A1b',
    );
    expect((await refusal({ scorecard: 1, answers: {}, version: '2099' })).details[0]?.field).toBe('version');
  });

  it('in Vietnamese by default', async () => {
    const res = await post({ scorecard: 1, answers: { A1a: 'A1a.9' } });
    expect(res.json<ErrorOut>().error.details[0]?.message).toBe('answers.A1a: không có phương án "A1a.9"');
  });
});

describe('a new criteria set version loaded beside the current one', () => {
  it('scores new sheets with the new version while results asked of the old one do not change', async () => {
    const answers = withTotal(set(3), bestAnswers(set(3)), 80);
    const before = (await post({ scorecard: 3, answers })).json<SelfAssessmentOut>();
    expect(before).toMatchObject({ version: '148/2023', total: 80, stars: 4 });

    // A "2026" version where A1a's best option is worth 2 points less (and C's first criterion 2 more).
    const next = structuredClone(set(3));
    next.version = 'test-2026';
    const a1a = next.parts[0]?.groups[0]?.criteria[0];
    const c = next.parts[2]?.groups[0]?.criteria[0];
    const top = a1a?.options[a1a.options.length - 1];
    if (!a1a || !c || !top) throw new Error('set 3 changed');
    top.points -= 2;
    for (const o of c.options) o.points += o === c.options[c.options.length - 1] ? 2 : 0;
    await inTransaction(t.ctx, async (tx) => {
      await saveCriteriaSet(tx, {
        id: criteriaSetId(3, 'test-2026'),
        scorecard_id: 3,
        version: 'test-2026',
        content: JSON.stringify(next),
        corrections: '[]',
      });
      const row = await findScorecard(tx, 3);
      if (!row) throw new Error('no scorecard 3');
      await saveScorecard(tx, {
        id: 3,
        sector_code: row.sector_code,
        name_vi: row.name_vi,
        name_en: row.name_en,
        current_version: 'test-2026',
      });
    });

    const now = (await post({ scorecard: 3, answers })).json<SelfAssessmentOut>();
    expect(now.version).toBe('test-2026');
    expect(now.total).toBe(
      before.total - (answers[a1a.id] === top.id ? 2 : 0) + (answers[c.id] === c.options.at(-1)?.id ? 2 : 0),
    );
    const old = (await post({ scorecard: 3, answers, version: '148/2023' })).json<SelfAssessmentOut>();
    expect(old).toEqual(before);
  });
});
