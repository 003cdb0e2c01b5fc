/**
 * Back-office list benchmark (issue 5): the server over a 20,000-product demonstration database, signed in as the
 * demo administrator (and the demo commune officer). Prints, per list page and filter combination, the time of
 * sequential requests on one local connection (p50/p95; server time plus well under a millisecond of loopback),
 * beside /healthz measured in the same run, then the throughput of one combination at 10 connections.
 * Not a test: nothing here passes or fails.
 *
 *   DATABASE_URL=sqlite:/tmp/bo20k.sqlite node --import tsx src/cli/ocop.ts demo load --products 20000
 *   node --import tsx bench/backoffice.ts /tmp/bo20k.sqlite
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database.js';
import { machine, startServer, stop, waitReady } from './support.js';

const DB = process.argv[2] ?? '/tmp/bo20k.sqlite';
const PORT = 3917;
const BASE = `http://127.0.0.1:${String(PORT)}`;
const PASSWORD = process.env.DEMO_PASSWORD ?? 'bench-demo-password';
const ROUNDS = 120;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${String(res.status)}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function timeOf(path: string, cookie: string): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${BASE}${path}`, { headers: { cookie } });
    const body = await res.text();
    times.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${path}: ${String(res.status)}`);
    bytes = body.length;
  }
  // The first rounds warm the statement cache; keep the rest.
  const kept = times.slice(10);
  return { p50: percentile(kept, 50), p95: percentile(kept, 95), bytes };
}

async function busiestCommune(): Promise<string> {
  const database = openDatabase({ engine: 'sqlite', path: DB });
  try {
    const row = await database.db
      .selectFrom('products')
      .select(['commune_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('commune_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    return row.commune_id;
  } finally {
    await database.close();
  }
}

async function main() {
  const commune = await busiestCommune();
  const server = startServer(
    {
      DATABASE_URL: `sqlite:${DB}`,
      PORT: String(PORT),
      DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      API_CACHE: 'false',
    },
    ['--import', 'tsx', 'src/cli/ocop.ts', 'serve'],
  );
  try {
    await waitReady(`${BASE}/healthz`, 120_000);
    // The search index is built in the background at start: wait for it so that it does not share the CPU.
    await waitReady(`${BASE}/api/v1/search?q=gom`, 300_000);
    const admin = await signIn('admin@demo.ocop.vn');
    const officer = await signIn('commune@demo.ocop.vn');
    const pages: Array<[string, string, string]> = [
      ['baseline /healthz', '/healthz', admin],
      ['products, default (name)', '/admin/products', admin],
      ['products, page 500 (offset 9,980)', '/admin/products?page=500', admin],
      ['products, search "gom"', '/admin/products?q=gom', admin],
      ['products, commune (busiest)', `/admin/products?commune=${commune}`, admin],
      ['products, 4–5★ food, by stars', '/admin/products?stars=4&stars=5&sector=I&sort=-stars', admin],
      ['products, expiring, by expiry', '/admin/products?certificate=expiring&sort=expiresOn', admin],
      ['products, scorecard 21 valid', '/admin/products?scorecard=21&certificate=valid', admin],
      ['products, newest first', '/admin/products?sort=-createdAt', admin],
      ['products, commune officer scope', '/admin/products', officer],
      ['producers, default', '/admin/producers', admin],
      ['producers, search "htx" newest', '/admin/producers?q=htx&sort=-createdAt', admin],
    ];
    console.log(`# Back-office lists — ${machine()}`);
    console.log(
      `database: ${DB}; ${String(ROUNDS - 10)} sequential requests each; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}\n`,
    );
    console.log('| page | p50 ms | p95 ms | HTML bytes |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [label, path, cookie] of pages) {
      const r = await timeOf(path, cookie);
      console.log(`| ${label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${String(r.bytes)} |`);
    }
    const load = await autocannon({
      url: `${BASE}/admin/products?certificate=expiring&sort=expiresOn`,
      headers: { cookie: admin },
      connections: 10,
      duration: 8,
    });
    console.log(
      `\nautocannon, 10 connections, 8 s, expiring list: ${load.requests.average.toFixed(0)} req/s, ` +
        `p50 ${String(load.latency.p50)} ms, p97.5 ${String(load.latency.p97_5)} ms, p99 ${String(load.latency.p99)} ms, ` +
        `errors ${String(load.errors + load.non2xx)}`,
    );
  } finally {
    await stop(server);
  }
}

await main();
