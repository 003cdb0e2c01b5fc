/**
 * Search benchmark (issue 3): the built server over a 20,000-product demonstration database. Prints the
 * server-side time of search and suggest (tookMs percentiles), HTTP throughput at 50 connections beside a bare
 * Fastify route measured in the same run, how soon a write made by another process is found, and the server's
 * resident memory. Not a test: nothing here passes or fails.
 *
 *   npm run bench:search                 20,000 products
 *   npm run bench:search -- 100000       another size
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { updateProduct } from '../src/catalog/product.service.js';
import { systemClock } from '../src/core/clock.js';
import { openDatabase } from '../src/db/database.js';
import { CLI, ROOT, machine, startServer, stop, waitReady } from './support.js';

const PRODUCTS = Number(process.argv[2] ?? 20_000);

/** What buyers, tourists and officials type: with and without accents, typos, half words, English, old names. */
const QUERIES = [
  'gom bat trang',
  'gốm bát tràng',
  'lua van phuc',
  'lụa vạn ph',
  'sua ba vi',
  'gio cha uoc le',
  'may tre dan phu vinh',
  'son mai ha thai',
  'bat trnag',
  'silk',
  'ceramics',
  'honey',
  'phú xuyên',
  'huyen thuong tin',
  'đường lâm',
  'keo doi duong lam',
  'banh chung tranh khuc',
  'tra sen',
  'mat ong',
  'ruou',
  'nem chua uoc le',
  'hoa dao nhat tan',
  'bưu điện',
  'htx sua ba vi',
  'làng nghề',
  'gom&stars=5',
  'mat ong&stars=4&certificate=valid',
  'lua&type=product&sector=IV',
  'tra&commune=271%402025-06-30',
  'gao nep cai hoa vang',
];

function rssMb(p: ChildProcess): number {
  const status = readFileSync(`/proc/${String(p.pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => x.toFixed(2);

/** Sequential requests: the server-side time (tookMs) and the client-side time of each. */
async function timings(urls: string[]) {
  const server: number[] = [];
  const client: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { tookMs?: number };
    client.push(performance.now() - t0);
    if (!res.ok || body.tookMs === undefined) throw new Error(`${url}: ${res.status}`);
    server.push(body.tookMs);
  }
  return { server, client };
}

async function load(urls: string[], seconds: number) {
  let next = 0;
  const result = await autocannon({
    url: urls[0] ?? '',
    connections: 50,
    duration: seconds,
    // One shared sequence across the 50 connections (each would otherwise walk the same list in step).
    requests: [
      {
        setupRequest: (req) => {
          const u = new URL(urls[next++ % urls.length] ?? '');
          return { ...req, path: u.pathname + u.search };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** A write made by another process (this one), and how soon the server's search finds it. */
async function writeToFound(dbPath: string, api: string): Promise<number[]> {
  const database = openDatabase({ engine: 'sqlite', path: dbPath });
  const ctx = {
    db: database.db,
    clock: systemClock,
    locale: 'vi' as const,
    actor: { kind: 'cli' as const, id: 'bench' },
  };
  const out: number[] = [];
  try {
    const rows = await database.db.selectFrom('products').select('id').orderBy('id').limit(5).execute();
    for (const [i, { id }] of rows.entries()) {
      const word = `benchword${String(Date.now())}x${String(i)}`;
      await updateProduct(ctx, id, { nameVi: `Sản phẩm ${word}` });
      const t0 = performance.now();
      for (;;) {
        const body = (await (await fetch(`${api}/search?q=${word}`)).json()) as {
          items: Array<{ id: string }>;
        };
        if (body.items[0]?.id === id) break;
        if (performance.now() - t0 > 10_000) throw new Error('write not found in 10 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      out.push(performance.now() - t0);
    }
  } finally {
    await database.close();
  }
  return out;
}

async function main(): Promise<void> {
  console.log(
    `# Search benchmark — ${new Date().toISOString()}\nmachine: ${machine()}, load ${loadavg()[0]?.toFixed(1)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-search-'));
  const dbPath = join(dir, 'ocop.sqlite');
  const servers: ChildProcess[] = [];
  try {
    let t0 = performance.now();
    const loader = startServer({ DATABASE_URL: `sqlite:${dbPath}` }, [
      CLI,
      'demo',
      'load',
      '--products',
      String(PRODUCTS),
    ]);
    if ((await new Promise<number | null>((r) => loader.once('exit', r))) !== 0)
      throw new Error('demo load failed');
    console.log(`(${PRODUCTS}-product demo loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const serve = (port: number, env: Record<string, string> = {}) => {
      const p = startServer({ DATABASE_URL: `sqlite:${dbPath}`, PORT: String(port), DEMO: 'off', ...env });
      servers.push(p);
      return p;
    };
    const server = serve(3202);
    const base = startServer({ PORT: '3999' }, ['--import', 'tsx', join(ROOT, 'bench/baseline-server.ts')]);
    servers.push(base);
    t0 = performance.now();
    await waitReady('http://127.0.0.1:3202/readyz', 120_000);
    const ready = performance.now() - t0;
    await waitReady('http://127.0.0.1:3202/api/v1/search?q=warm', 120_000);
    console.log(
      `(server ready ${(ready / 1000).toFixed(1)} s after spawn, index built ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s after spawn)`,
    );
    await waitReady('http://127.0.0.1:3999/fixed', 20_000);
    const rssIndexed = rssMb(server);
    const phases: Array<[string, number]> = [['indexed', rssIndexed]];

    const api = 'http://127.0.0.1:3202/api/v1';
    const searchUrls = QUERIES.map((q) => `${api}/search?q=${q.includes('&') ? q : encodeURIComponent(q)}`);
    // The read cache keys answers by URL: 100 page/limit pairs per query give 3,000 URLs that cycle through its
    // 2,000 entries, so every request below is computed, never a cache hit.
    const uncachedUrls = Array.from({ length: 100 }, (_, i) =>
      searchUrls.map((u) => `${u}&page=${String(1 + (i % 5))}&limit=${String(11 + Math.floor(i / 5))}`),
    ).flat();
    await timings(searchUrls); // warm-up
    const search = await timings(uncachedUrls.slice(0, 600));
    // As-you-type: every prefix of every query, from two characters.
    const prefixes = QUERIES.map((q) => q.split('&')[0] ?? q).flatMap((q) =>
      Array.from({ length: q.length - 1 }, (_, i) => q.slice(0, i + 2)).filter((p) => p.trim().length > 0),
    );
    const suggest = await timings(prefixes.map((p) => `${api}/search/suggest?q=${encodeURIComponent(p)}`));
    phases.push(['after the sequential searches', rssMb(server)]);
    const found = await writeToFound(dbPath, api);
    phases.push(['after the writes', rssMb(server)]);

    await load(searchUrls, 3);
    const baseline = await load(['http://127.0.0.1:3999/fixed'], 10);
    const withCache = await load(searchUrls, 10);
    phases.push(['after the cached load', rssMb(server)]);
    const noCache = await load(uncachedUrls, 10);
    const rssAfter = rssMb(server);
    phases.push(['after the uncached load', rssAfter]);
    await new Promise((r) => setTimeout(r, 10_000));
    phases.push(['10 s later, idle', rssMb(server)]);

    console.log(`\n## Search, ${PRODUCTS.toLocaleString('en')} products (SQLite)`);
    console.log('| measure | p50 ms | p99 ms | max ms | target |');
    console.log('|---|---|---|---|---|');
    const line = (name: string, xs: number[], target: string) => {
      console.log(
        `| ${name} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 99))} | ${ms(Math.max(...xs))} | ${target} |`,
      );
    };
    line(
      `search, server-side (tookMs), ${search.server.length} requests`,
      search.server,
      'p50 ≤ 5, p99 ≤ 25',
    );
    line('search, client-side, sequential', search.client, '');
    line(`suggest, server-side (tookMs), ${suggest.server.length} prefixes`, suggest.server, 'p99 ≤ 15');
    line('suggest, client-side, sequential', suggest.client, '');
    line('write by another process → found by search', found, '≤ 1000');
    console.log('\n| HTTP, 50 connections, 10 s | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|');
    const row = (name: string, r: Awaited<ReturnType<typeof load>>) => {
      console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
    };
    row('bare Fastify, fixed JSON (baseline)', baseline);
    row(`/api/v1/search, ${QUERIES.length} queries, read cache on (default)`, withCache);
    row(`/api/v1/search, ${uncachedUrls.length} distinct URLs (every answer computed)`, noCache);
    const ratio = (a: number) => `${((100 * a) / baseline.rps).toFixed(1)} %`;
    console.log(
      `throughput vs baseline: ${ratio(withCache.rps)} answered from the read cache, ${ratio(noCache.rps)} computed ` +
        '(target ≥ 40 %)',
    );
    console.log(
      `resident memory (VmRSS) of a server: ${rssIndexed.toFixed(0)} MB indexed, ${rssAfter.toFixed(0)} MB after the load (target < 300 MB)`,
    );
    console.log(`by phase: ${phases.map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`).join('; ')}`);
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
