/**
 * Lighthouse 12 (mobile, the default form factor and simulated throttling) on the pages the issue names: home,
 * catalogue, product, map and verification, over the demonstration Hà Nội, in Debian's Chromium. Prints the four
 * category scores per page and exits 1 below 95 performance / 95 accessibility / 95 best practices / 100 SEO.
 *
 *   npm run lighthouse                 # the median of three runs per page (about three minutes)
 *   npm run lighthouse -- --runs 1     # one run per page (about a minute), noisier performance scores
 *   npm run lighthouse -- --verbose    # also list every audit that cost points
 *
 * Chromium: /usr/bin/chromium (`apt-get install -y chromium`), or CHROMIUM_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/browser.js';
import { startDemoSite } from '../test/e2e/demo-site.js';

const THRESHOLDS = { performance: 95, accessibility: 95, 'best-practices': 95, seo: 100 } as const;
type Category = keyof typeof THRESHOLDS;
const CATEGORIES = Object.keys(THRESHOLDS) as Category[];
/**
 * Known shortfalls, each a floor below the threshold with its record: a score between the floor and the threshold is
 * printed as below target but does not fail; below the floor it fails. docs/decisions/0010-map-lighthouse-floor.md:
 * the map's performance is 73–80 under Chromium 156.0.8078.108 for code that scored 97 under the previous build.
 */
const FLOORS: Partial<Record<string, Partial<Record<Category, number>>>> = { map: { performance: 70 } };
const floorOf = (page: string, c: Category): number => FLOORS[page]?.[c] ?? THRESHOLDS[c];

interface Scores {
  page: string;
  scores: Record<Category, number>;
  /** Audits that cost points, per category below its threshold. */
  losses: string[];
}

async function waitForDevtools(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${String(port)}/json/version`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Chromium did not open its debugging port ${String(port)}`);
}

function startChromium(port: number, profile: string): ChildProcess {
  return spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      `--remote-debugging-port=${String(port)}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function lossesOf(lhr: Lhr, category: Category): string[] {
  const cat = lhr.categories[category];
  if (!cat) return [];
  return cat.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a !== undefined && a.score !== null && a.score < 1)
    .map((a) => `${category}: ${a?.id ?? ''} (${String(a?.score)}) ${a?.displayValue ?? ''}`.trim());
}

async function audit(url: string, port: number): Promise<Lhr> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: CATEGORIES,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  return result.lhr;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function scorePage(
  name: string,
  url: string,
  port: number,
  runs: number,
  verbose: boolean,
): Promise<Scores> {
  const lhrs: Lhr[] = [];
  for (let i = 0; i < runs; i++) lhrs.push(await audit(url, port));
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round(median(lhrs.map((l) => (l.categories[c]?.score ?? 0) * 100)))]),
  ) as Record<Category, number>;
  const last = lhrs[lhrs.length - 1] as Lhr;
  const losses = CATEGORIES.filter((c) => verbose || scores[c] < THRESHOLDS[c]).flatMap((c) =>
    lossesOf(last, c),
  );
  return { page: name, scores, losses };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, verbose: { type: 'boolean', default: false } },
  });
  const runs = Math.max(1, Number(values.runs));
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\`.`);
    return 2;
  }
  const started = performance.now();
  await build({ configFile: 'scripts/vite.config.ts', logLevel: 'warn' });
  const { site, known } = await startDemoSite();
  const profile = mkdtempSync(join(tmpdir(), 'ocop-lighthouse-'));
  const port = 9222 + Math.floor(Math.random() * 500);
  const chromium = startChromium(port, profile);
  try {
    await waitForDevtools(port);
    const product = await site.app.inject({ method: 'GET', url: `/vi/products/${known.validProduct}` });
    const verify = /href="(\/vi\/verify\/[^"]+)"/.exec(product.body)?.[1]?.replace(/&amp;/g, '&');
    if (verify === undefined) throw new Error('the product page links to no verification address');
    const pages: Array<[string, string]> = [
      ['home', '/vi/'],
      ['catalogue', '/vi/search?q=gom+bat+trang'],
      ['product', `/vi/products/${known.validProduct}`],
      ['map', '/vi/map'],
      ['verification', verify],
    ];
    const results: Scores[] = [];
    for (const [name, path] of pages) {
      const r = await scorePage(name, `${site.url}${path}`, port, runs, values.verbose);
      results.push(r);
      const line = CATEGORIES.map((c) => `${c} ${String(r.scores[c])}`).join('  ');
      console.log(`${name.padEnd(13)} ${line}`);
    }
    const failed = results.filter((r) => CATEGORIES.some((c) => r.scores[c] < floorOf(r.page, c)));
    const short = results.filter((r) => CATEGORIES.some((c) => r.scores[c] < THRESHOLDS[c]));
    for (const r of values.verbose ? results : short)
      for (const loss of r.losses) console.log(`  ${r.page}: ${loss}`);
    for (const r of short.filter((x) => !failed.includes(x))) {
      console.log(
        `  ${r.page}: BELOW TARGET, above its recorded floor (docs/decisions/0010-map-lighthouse-floor.md)`,
      );
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const bar = CATEGORIES.map((c) => `${c} ≥ ${String(THRESHOLDS[c])}`).join(', ');
    console.log(failed.length ? `FAILED (${bar}) in ${seconds} s` : `passed (${bar}) in ${seconds} s`);
    return failed.length ? 1 : 0;
  } finally {
    const exited = once(chromium, 'exit');
    chromium.kill();
    await exited;
    await site.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

process.exitCode = await main();
