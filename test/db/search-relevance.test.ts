import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicUrls } from '../../src/core/public-urls.js';
import { ChangeTracker } from '../../src/db/change-tracker.js';
import { loadDemo } from '../../src/demo/demo.loader.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { SearchService } from '../../src/search/search.service.js';
import { gradesOf, readQueries, readRows } from '../relevance/judgments.js';
import { mrrAt, ndcgAt, recallAt } from '../relevance/metrics.js';
import { variantsOf, type VariantKind } from '../relevance/variants.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';

const available = await engineAvailable();
const urls = publicUrls('http://ocop.test');

interface Tally {
  n: number;
  ndcg: number;
  mrr: number;
  recall: number;
  zero: number;
}
const empty = (): Tally => ({ n: 0, ndcg: 0, mrr: 0, recall: 0, zero: 0 });
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)} %`;
const fmt = (t: Tally) =>
  `nDCG@10 ${(t.ndcg / t.n).toFixed(3)}  MRR@10 ${(t.mrr / t.n).toFixed(3)}  recall@20 ${(t.recall / t.n).toFixed(3)}  zero results ${pct(t.zero, t.n)}  (${t.n} queries)`;

describe.skipIf(!available)(`search relevance over the demonstration data on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let tracker: ChangeTracker;
  let search: SearchService;

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
    await loadDemo(t.ctx);
    tracker = new ChangeTracker(t.ctx.db);
    await tracker.start();
    search = new SearchService(t.ctx, tracker);
    await search.start();
  }, 180_000);
  afterAll(async () => {
    search.stop();
    tracker.stop();
    await t.close();
  });

  it('finds what ≥ 150 judged queries and their typed variants mean', async () => {
    const queries = readQueries();
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const rows = await readRows(t.ctx);
    const total = empty();
    const byKind = new Map<VariantKind, Tally>();
    const worst: Array<[number, string]> = [];
    for (const judged of queries) {
      const grades = await gradesOf(t.ctx, rows, judged);
      expect(grades.size, `no record meets the judgments of "${judged.q}"`).toBeGreaterThan(0);
      for (const v of variantsOf(judged.q)) {
        const r = await search.search(t.ctx, { q: v.q, page: 1, limit: 20 }, urls);
        const ranked = r.items.map((i) => `${i.type}:${i.id}`);
        const one = {
          n: 1,
          ndcg: ndcgAt(10, ranked, grades),
          mrr: mrrAt(10, ranked, grades),
          recall: recallAt(20, ranked, grades),
          zero: r.total === 0 ? 1 : 0,
        };
        for (const tally of [total, byKind.get(v.kind) ?? empty()]) {
          for (const k of ['n', 'ndcg', 'mrr', 'recall', 'zero'] as const) tally[k] += one[k];
        }
        if (!byKind.has(v.kind)) {
          byKind.set(v.kind, { ...one });
        }
        worst.push([one.ndcg, `${v.kind} "${v.q}"`]);
      }
    }
    const report = [
      `search relevance on ${TEST_ENGINE}: ${queries.length} judged queries`,
      `  all variants       ${fmt(total)}`,
      ...[...byKind].map(([kind, tally]) => `  ${kind.padEnd(18)} ${fmt(tally)}`),
      '  lowest nDCG@10: ' +
        worst
          .sort((a, b) => a[0] - b[0])
          .slice(0, 12)
          .map(([n, q]) => `${q} ${n.toFixed(2)}`)
          .join('; '),
    ].join('\n');
    console.log(report);
    expect(total.ndcg / total.n).toBeGreaterThanOrEqual(0.85);
    expect(total.zero / total.n).toBeLessThanOrEqual(0.02);
  }, 120_000);
});
