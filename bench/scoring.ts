/**
 * Benchmarks of the scoring engine and the self-assessment endpoint (issue 7). Prints each figure beside its
 * target; the endpoint beside a bare Fastify POST route measured in the same run. Not a test.
 *
 *   npm run bench:scoring              both
 *   npm run bench:scoring -- engine    scoring one sheet only
 *   npm run bench:scoring -- endpoint  POST /api/v1/self-assessment under load only
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { randomAnswers, referenceSets, seededRandom } from '../src/scoring/sample-sheets.js';
import { scoreSheet } from '../src/scoring/scoring.js';
import { CLI, ROOT, machine, startServer, stop, waitReady } from './support.js';

const SHEETS = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function sampleSheets(count: number, seed: number) {
  const sets = referenceSets();
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const set = sets[i % sets.length];
    if (!set) throw new Error('no criteria sets');
    return { set, answers: randomAnswers(set, random, 0.5 + random() / 2) };
  });
}

function benchEngine(): void {
  const sheets = sampleSheets(SHEETS, 7);
  for (const { set, answers } of sheets.slice(0, 2000)) scoreSheet(set, answers); // warm-up, compiles the sets
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const { set, answers } of sheets) {
    const t0 = performance.now();
    scoreSheet(set, answers);
    times.push((performance.now() - t0) * 1000);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  console.log(`\n## Scoring one sheet (${SHEETS.toLocaleString('en')} random sheets over the 26 scorecards)`);
  console.log('| measure | µs |');
  console.log('|---|---|');
  console.log(`| median | ${percentile(times, 50).toFixed(1)} |`);
  console.log(`| p99 | ${percentile(times, 99).toFixed(1)} |`);
  console.log(`| max | ${percentile(times, 100).toFixed(1)} |`);
  console.log(`| CPU per sheet | ${((cpu.user + cpu.system) / SHEETS).toFixed(1)} |`);
  console.log(
    'target: < 1,000 µs per sheet (total, band, cap, unmet requirements and the cheapest next-star plan)',
  );
}

async function load(url: string, bodies: string[], seconds: number) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: bodies.map((body) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body,
    })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function benchEndpoint(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-scoring-'));
  const servers: ChildProcess[] = [];
  try {
    const base = startServer({ PORT: '3997' }, [
      '--import',
      'tsx',
      join(ROOT, 'bench/scoring.ts'),
      'baseline',
    ]);
    servers.push(base);
    const app = startServer(
      { DATABASE_URL: `sqlite:${join(dir, 'ocop.sqlite')}`, PORT: '3103', DEMO: 'off' },
      [CLI, 'serve'],
    );
    servers.push(app);
    await waitReady('http://127.0.0.1:3997/fixed', 20_000, { method: 'POST', body: '{}', headers: json });
    await waitReady('http://127.0.0.1:3103/readyz', 120_000);

    const bodies = sampleSheets(260, 11).map(({ set, answers }) =>
      JSON.stringify({ scorecard: set.scorecardId, answers }),
    );
    const url = 'http://127.0.0.1:3103/api/v1/self-assessment';
    const check = await fetch(url, { method: 'POST', body: bodies[0] ?? '', headers: json });
    if (!check.ok) throw new Error(`self-assessment answered ${check.status}: ${await check.text()}`);
    await load(url, bodies, 3); // warm-up
    const baseline = await load('http://127.0.0.1:3997/fixed', bodies, 10);
    const ours = await load(url, bodies, 10);
    console.log(
      '\n## POST /api/v1/self-assessment, 260 random sheets over the 26 scorecards, 50 connections, 10 s',
    );
    console.log('| route | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| bare Fastify POST, parses the body, fixed JSON (baseline) | ${baseline.rps.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | ${baseline.errors} |`,
    );
    console.log(
      `| self-assessment (SQLite) | ${ours.rps.toFixed(0)} | ${ours.p50} | ${ours.p99} | ${ours.errors} |`,
    );
    console.log(
      `throughput ratio: ${((100 * ours.rps) / baseline.rps).toFixed(1)} % of baseline; p99 target < 20 ms`,
    );
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = { 'content-type': 'application/json' };

/** The baseline server: a bare Fastify POST route that parses the JSON body and returns fixed JSON. */
async function baselineServer(): Promise<void> {
  const app = Fastify({ logger: false });
  const body = { total: 72, parts: { A: 30, B: 17, C: 25 }, band: 4, cap: 4, stars: 4, unmet: [] };
  app.post('/fixed', () => body);
  await app.listen({ port: Number(process.env.PORT ?? 3997), host: '127.0.0.1' });
}

const which = process.argv[2] ?? 'all';
if (which === 'baseline') {
  await baselineServer();
} else {
  console.log(`# OCOP scoring benchmarks — ${new Date().toISOString()}\nmachine: ${machine()}`);
  if (which === 'all' || which === 'engine') benchEngine();
  if (which === 'all' || which === 'endpoint') await benchEndpoint();
}
