import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import type { CriteriaSet } from '../../src/scorecards/criteria.js';
import { CRITERIA_DIR, loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { findScorecard, saveCriteriaSet, saveScorecard } from '../../src/scorecards/scorecard.repository.js';
import { createTestDatabase, engineAvailable, type TestDatabase } from '../support/db.js';

const available = await engineAvailable();

async function snapshot(ctx: Ctx) {
  return {
    sectors: await ctx.db.selectFrom('sectors').selectAll().orderBy('code').execute(),
    scorecards: await ctx.db.selectFrom('scorecards').selectAll().orderBy('id').execute(),
    sets: await ctx.db.selectFrom('criteria_sets').selectAll().orderBy('id').execute(),
  };
}

describe.skipIf(!available)('loadScorecards', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('loads 6 sectors, 26 scorecards and their corrected criteria sets', async () => {
    const steps: string[] = [];
    const result = await loadScorecards(t.ctx, { progress: (_d, _t, label) => steps.push(label) });
    expect(result).toMatchObject({ sectors: 6, scorecards: 26, corrections: 13 });
    expect(result.defects).toHaveLength(14);
    expect(result.defects[0]).toMatch(/^set-03\.csv C7a not_numeric/u);
    expect(steps).toHaveLength(27);

    const { sectors, scorecards, sets } = await snapshot(t.ctx);
    expect(sectors.map((s) => s.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(scorecards).toHaveLength(26);
    expect(scorecards[13]).toMatchObject({
      id: 14,
      sector_code: 'II',
      name_vi: 'Rượu trắng',
      current_version: '148/2023',
    });
    expect(sets).toHaveLength(26);
    const set3 = sets.find((s) => s.id === '3@148-2023');
    expect(set3).toMatchObject({
      scorecard_id: 3,
      version: '148/2023',
      loaded_at: '2026-11-26T03:00:00.000Z',
    });
    const content = JSON.parse(set3?.content ?? '{}') as CriteriaSet;
    expect(content.parts.map((p) => p.max)).toEqual([40, 25, 35]);
    const applied = JSON.parse(set3?.corrections ?? '[]') as Array<{ id: string; verified: boolean }>;
    expect(applied.map((a) => a.id)).toEqual(['03-C7a-max', '03-C8a-max', '03-C10a-max', '03-C12a-max']);
  });

  it('leaves the same rows when run twice, even at a later time', async () => {
    await loadScorecards(t.ctx);
    const first = await snapshot(t.ctx);
    const later: Ctx = { ...t.ctx, clock: fixedClock('2027-01-01T00:00:00Z') };
    await loadScorecards(later);
    expect(await snapshot(t.ctx)).toEqual(first);
  });

  it('writes nothing when a set is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-criteria-'));
    try {
      for (const f of readdirSync(CRITERIA_DIR)) copyFileSync(join(CRITERIA_DIR, f), join(dir, f));
      const file = JSON.parse(readFileSync(join(dir, 'corrections.json'), 'utf8')) as {
        corrections: Array<{ id: string }>;
      };
      file.corrections = file.corrections.filter((c) => c.id !== '17-A1d-letter');
      writeFileSync(join(dir, 'corrections.json'), JSON.stringify(file));
      const error = await loadScorecards(t.ctx, { directory: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).messageEn).toContain('set-17.csv');
      expect((error as DomainError).messageEn).toContain('A1d.2');
      const { sectors, scorecards, sets } = await snapshot(t.ctx);
      expect([sectors.length, scorecards.length, sets.length]).toEqual([0, 0, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps versions side by side; the scorecard points to its current one', async () => {
    await loadScorecards(t.ctx);
    const current = await findScorecard(t.ctx, 5);
    const next = { ...(JSON.parse(current?.content ?? '{}') as CriteriaSet), version: '1489/2025' };
    await saveCriteriaSet(t.ctx, {
      id: '5@1489-2025',
      scorecard_id: 5,
      version: '1489/2025',
      content: JSON.stringify(next),
      corrections: '[]',
    });
    await saveScorecard(t.ctx, {
      id: 5,
      sector_code: 'I',
      name_vi: 'Đồ ăn nhanh',
      name_en: 'Fast food',
      current_version: '1489/2025',
    });
    const found = await findScorecard(t.ctx, 5);
    expect(found?.current_version).toBe('1489/2025');
    expect((JSON.parse(found?.content ?? '{}') as CriteriaSet).version).toBe('1489/2025');
    const rows = await t.ctx.db
      .selectFrom('criteria_sets')
      .select('id')
      .where('scorecard_id', '=', 5)
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual(['5@148-2023', '5@1489-2025']);
  });
});
