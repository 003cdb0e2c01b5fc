/**
 * Benchmarks of the foundation (issue 2). Prints each figure beside its target and, for throughput, beside a
 * bare Fastify baseline measured in the same run. Not a test: nothing here passes or fails.
 *
 *   npm run bench                 all
 *   npm run bench -- start        first and later starts only
 *   npm run bench -- api          products API under load only
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CLI, ROOT, machine, startServer, stop, waitReady } from './support.js';

async function timeStart(dbPath: string, port: number): Promise<number> {
  const t0 = performance.now();
  const server = startServer({ DATABASE_URL: `sqlite:${dbPath}`, PORT: String(port) });
  await waitReady(`http://127.0.0.1:${port}/readyz`, 120_000);
  const ms = performance.now() - t0;
  await stop(server);
  return ms;
}

async function benchStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-'));
  try {
    const first = await timeStart(join(dir, 'ocop.sqlite'), 3101);
    const later: number[] = [];
    for (let i = 0; i < 3; i++) later.push(await timeStart(join(dir, 'ocop.sqlite'), 3101));
    console.log('\n## Start-up (SQLite, demo included)');
    console.log(`first start on an empty database: ${(first / 1000).toFixed(2)} s   (target < 15 s)`);
    console.log(`later starts: ${later.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s   (target < 2 s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Browsers and HTTP libraries send this; autocannon sends nothing unless told. */
const COMPRESSED = { 'accept-encoding': 'gzip, deflate, br' };

async function load(url: string | string[], seconds: number, headers: Record<string, string> = {}) {
  const urls = Array.isArray(url) ? url : [url];
  const result = await autocannon({
    url: urls[0] ?? '',
    connections: 50,
    duration: seconds,
    headers,
    requests: urls.map((u) => ({ path: new URL(u).pathname + new URL(u).search })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function benchApi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-'));
  const db = `sqlite:${join(dir, 'ocop.sqlite')}`;
  const servers: ChildProcess[] = [];
  try {
    const t0 = performance.now();
    const loader = startServer({ DATABASE_URL: db }, [CLI, 'demo', 'load', '--products', '20000']);
    const code = await new Promise<number | null>((resolve) => loader.once('exit', resolve));
    if (code !== 0) throw new Error(`demo load exited with ${String(code)}`);
    console.log(`\n(20,000-product demo loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const app = startServer({ DATABASE_URL: db, PORT: '3102', DEMO: 'off' });
    servers.push(app);
    await waitReady('http://127.0.0.1:3102/readyz', 60_000);
    const api = 'http://127.0.0.1:3102/api/v1/products';
    const sample = join(dir, 'sample.json');
    writeFileSync(sample, await (await fetch(`${api}?limit=20`)).text());
    const base = startServer({ PORT: '3998', BASELINE_BODY: sample }, [
      '--import',
      'tsx',
      join(ROOT, 'bench/baseline-server.ts'),
    ]);
    servers.push(base);
    await waitReady('http://127.0.0.1:3998/fixed', 20_000);

    const queries = [
      `${api}?limit=20`,
      `${api}?limit=20&stars=4`,
      `${api}?limit=20&sector=I&certificate=valid`,
      `${api}?limit=20&stars=3&sort=-score`,
      `${api}?limit=20&commune=00577`,
      `${api}?limit=20&certificate=expiring&page=2`,
    ];
    await load(queries, 3); // warm-up
    const baseline = await load('http://127.0.0.1:3998/fixed', 10);
    const baselineLarge = await load('http://127.0.0.1:3998/fixed-large', 10);
    const baselineBytes = await load('http://127.0.0.1:3998/fixed-bytes', 10);
    const ours = await load(queries, 10);
    const oursCompressed = await load(queries, 10, COMPRESSED);
    const uncachedApp = startServer({ DATABASE_URL: db, PORT: '3103', DEMO: 'off', API_CACHE: 'off' });
    servers.push(uncachedApp);
    await waitReady('http://127.0.0.1:3103/readyz', 60_000);
    const uncached = await load(
      queries.map((q) => q.replace(':3102', ':3103')),
      10,
    );
    console.log(
      '\n## GET /api/v1/products?limit=20 with filters, 20,000 products, 50 connections, 10 s (SQLite)',
    );
    console.log('| route | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|');
    const row = (name: string, r: Awaited<ReturnType<typeof load>>) => {
      console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
    };
    row('bare Fastify, tiny fixed JSON (baseline)', baseline);
    const kb = Math.round(statSync(sample).size / 1024);
    row(`bare Fastify, fixed copy of a real ${kb} kB answer, serialized each time (baseline)`, baselineLarge);
    row(`bare Fastify, the same ${kb} kB answer as ready bytes (the ceiling for its size)`, baselineBytes);
    row('products list, 6 filter mixes, read cache on (default), client without compression', ours);
    row('products list, 6 filter mixes, read cache on (default), client accepting br/gzip', oursCompressed);
    row('products list, 6 filter mixes, API_CACHE=off', uncached);
    const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
    console.log(
      `throughput vs tiny baseline: ${ratio(oursCompressed.rps, baseline.rps)} with a client accepting ` +
        `compression, ${ratio(ours.rps, baseline.rps)} without (the ${kb} kB as ready bytes reach ` +
        `${ratio(baselineBytes.rps, baseline.rps)}); vs same-size baseline ${ratio(ours.rps, baselineLarge.rps)} ` +
        '(target ≥ 40 %); p99 target < 20 ms',
    );
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

const which = process.argv[2] ?? 'all';
console.log(`# OCOP benchmarks — ${new Date().toISOString()}\nmachine: ${machine()}`);
if (which === 'all' || which === 'start') await benchStart();
if (which === 'all' || which === 'api') await benchApi();
