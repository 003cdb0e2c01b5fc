/**
 * Benchmark of the public website (issue 6) over a 20,000-product demo: server time of product pages and of the
 * catalogue with a query (sequential requests on one connection, page cache off, so every page is rendered), then
 * the product page's throughput at 50 connections (page cache on, the default) beside a bare Fastify route
 * measured in the same run. Prints its numbers; not a test.
 *
 *   npm run bench:website
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database.js';
import { CLI, ROOT, machine, startServer, stop, waitReady } from './support.js';

const QUERIES = [
  'gom bat trang',
  'lua van phuc',
  'sua ba vi',
  'mien',
  'tra shan tuyet',
  'nuoc mam',
  'gao',
  'may tre dan',
];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function timeAll(urls: string[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${String(res.status)}`);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function throughput(urls: string[], headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({
    url: urls[0] ?? '',
    connections: 50,
    duration: 10,
    headers,
    requests: urls.map((u) => ({ method: 'GET' as const, path: new URL(u).pathname + new URL(u).search })),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`errors under load: ${JSON.stringify(result.errors)}`);
  return result.requests.average;
}

async function main(): Promise<void> {
  console.log(`# website benchmark — ${new Date().toISOString()}\nmachine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-web-'));
  const path = join(dir, 'ocop.sqlite');
  const servers: ChildProcess[] = [];
  try {
    const loader = startServer({ DATABASE_URL: `sqlite:${path}` }, [
      CLI,
      'demo',
      'load',
      '--products',
      '20000',
    ]);
    const code = await new Promise<number | null>((resolve) => loader.once('exit', resolve));
    if (code !== 0) throw new Error(`demo load exited with ${String(code)}`);
    const database = openDatabase({ engine: 'sqlite', path });
    const ids = (await database.db.selectFrom('products').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    await database.close();
    const sample = ids.filter((_, i) => i % Math.floor(ids.length / 400) === 0).slice(0, 400);

    const uncached = startServer({
      DATABASE_URL: `sqlite:${path}`,
      PORT: '3121',
      DEMO: 'off',
      API_CACHE: 'off',
    });
    servers.push(uncached);
    await waitReady('http://127.0.0.1:3121/readyz', 60_000);
    const u = 'http://127.0.0.1:3121';
    await timeAll([`${u}/vi/search?q=gom`]); // waits for the search index
    await timeAll(sample.slice(0, 50).map((id) => `${u}/vi/products/${id}`)); // warm-up
    const product = await timeAll(sample.map((id) => `${u}/vi/products/${id}`));
    const catalogue = await timeAll(
      Array.from(
        { length: 200 },
        (_, i) =>
          `${u}/vi/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length] ?? '')}&page=${String(1 + (i % 3))}`,
      ),
    );
    await stop(uncached);
    servers.length = 0;

    const app = startServer({ DATABASE_URL: `sqlite:${path}`, PORT: '3122', DEMO: 'off' });
    servers.push(app);
    await waitReady('http://127.0.0.1:3122/readyz', 60_000);
    const pageFile = join(dir, 'page.html');
    writeFileSync(
      pageFile,
      await (await fetch(`http://127.0.0.1:3122/vi/products/${sample[0] ?? ''}`)).text(),
    );
    const base = startServer({ PORT: '3998', BASELINE_HTML: pageFile }, [
      '--import',
      'tsx',
      join(ROOT, 'bench/baseline-server.ts'),
    ]);
    servers.push(base);
    await waitReady('http://127.0.0.1:3998/fixed', 20_000);
    const pages = sample.slice(0, 100).map((id) => `http://127.0.0.1:3122/vi/products/${id}`);
    await throughput(pages); // warm-up: fills the page cache
    const ours = await throughput(pages);
    // As browsers ask for it: every browser accepts brotli, and the page cache keeps the compressed page.
    const oursBrotli = await throughput(pages, { 'accept-encoding': 'br, gzip' });
    const bare = await throughput(['http://127.0.0.1:3998/fixed']);
    const barePage = await throughput(['http://127.0.0.1:3998/fixed-page']);

    console.log('\n| measure | p50 ms | p99 ms | target |');
    console.log('|---|---|---|---|');
    console.log(
      `| product page, 400 products, rendered each time | ${product.p50.toFixed(1)} | ${product.p99.toFixed(1)} | p99 ≤ 30 |`,
    );
    console.log(
      `| catalogue with a query, 200 searches | ${catalogue.p50.toFixed(1)} | ${catalogue.p99.toFixed(1)} | ≤ 50 |`,
    );
    console.log('\n| route, 50 connections, 10 s | req/s |');
    console.log('|---|---|');
    console.log(`| bare Fastify, tiny JSON (baseline) | ${bare.toFixed(0)} |`);
    console.log(`| product pages (100 products, page cache on), uncompressed | ${ours.toFixed(0)} |`);
    console.log(
      `| product pages (100 products, page cache on), brotli as browsers ask | ${oursBrotli.toFixed(0)} |`,
    );
    const kb = Math.round(statSync(pageFile).size / 1024);
    console.log(
      `| bare Fastify, a fixed copy of one product page (${String(kb)} kB) | ${barePage.toFixed(0)} |`,
    );
    console.log(
      `product page throughput: ${((100 * ours) / bare).toFixed(1)} % of the tiny route uncompressed, ` +
        `${((100 * oursBrotli) / bare).toFixed(1)} % with brotli; ` +
        `${((100 * ours) / barePage).toFixed(1)} % of the same-size page route (target ≥ 30 %)`,
    );
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
