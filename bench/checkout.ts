/**
 * Checkout benchmark (issue 9): the built server on a fresh SQLite demonstration database whose sellable products
 * get ample stock. Phase 1: 20 buyers at once (closed loop) place orders, beside a bare Fastify route measured in
 * the same run. Phase 2: an open loop of 1,000 orders a minute, evenly spaced, for N minutes. Afterwards, with the
 * server stopped, every product's stock plus the units sold must equal its stock before the run (no drift).
 * Not a test: nothing here passes or fails.
 *
 *   npm run bench:checkout                                    standard demo, 25 s at 20 buyers, 5 minutes
 *   npm run bench:checkout -- --minutes 1 --products 500      a short check
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { systemClock, todayInVietnam } from '../src/core/clock.js';
import type { Ctx } from '../src/core/context.js';
import { openDatabase } from '../src/db/database.js';
import { seedDemoShop } from '../src/demo/demo.shop.js';
import { Rng } from '../src/demo/random.js';
import { CLI, ROOT, machine, startServer, stop, waitReady } from './support.js';

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    products: { type: 'string' },
    seconds: { type: 'string', default: '25' },
  },
});
const MINUTES = Number(flags.minutes);
const SECONDS = Number(flags.seconds);
if (!(MINUTES > 0) || !(SECONDS > 0)) throw new Error('--minutes and --seconds must be positive numbers');

const BUYERS = 20;
const ORDERS_PER_MINUTE = 1000;
/** Units given to every sellable product (for shipping, and at each sales point holding it): never runs out here. */
const STOCK = 100_000;
const PORT = 3302;
const BASE_PORT = 3997;
const API = `http://127.0.0.1:${String(PORT)}`;

/** What the buyers choose from: sellable products by producer, for shipping and at each sales point. */
interface Catalogue {
  shipping: Map<string, string[]>;
  points: Array<{ id: string; byProducer: Map<string, string[]> }>;
  communes: string[];
  /** Units before the run by place (`ship` or a sales point id) and product. */
  initial: Map<string, Map<string, number>>;
}

type Db = ReturnType<typeof openDatabase>['db'];

const ctxOf = (db: Db): Ctx => ({
  db,
  clock: systemClock,
  locale: 'vi',
  actor: { kind: 'cli', id: 'bench' },
});

function groupBy(rows: ReadonlyArray<{ key: string; value: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { key, value } of rows) out.set(key, [...(out.get(key) ?? []), value]);
  return out;
}

/** STOCK units of every product in the demo shop, for shipping and at every sales point holding it. */
async function giveStock(db: Db): Promise<void> {
  await db
    .updateTable('product_stock')
    .set({ quantity: STOCK, updated_at: new Date().toISOString() })
    .execute();
  await db
    .updateTable('sales_point_products')
    .set({ quantity: STOCK })
    .where('product_id', 'in', db.selectFrom('product_stock').select('product_id'))
    .execute();
}

/** Sellable for shipping: a price, a payee, a current certificate neither revoked nor expired (it outlives today). */
function sellable(db: Db) {
  return db
    .selectFrom('product_stock as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .innerJoin('producer_payees as y', 'y.producer_id', 'p.producer_id')
    .select(['p.id', 'p.producer_id', 's.quantity'])
    .where('p.price_vnd', 'is not', null)
    .where('c.revoked_on', 'is', null)
    .where('c.superseded_by_id', 'is', null)
    .where('c.expires_on', '>', todayInVietnam(systemClock))
    .orderBy('p.id')
    .execute();
}

/** The same products where sales points hold them for pickup. */
async function heldAtPoints(db: Db, ids: ReadonlySet<string>) {
  const rows = await db
    .selectFrom('sales_point_products as spp')
    .innerJoin('products as p', 'p.id', 'spp.product_id')
    .select(['spp.sales_point_id as pointId', 'spp.product_id as productId', 'p.producer_id as producerId'])
    .select('spp.quantity')
    .where('spp.quantity', '>', 0)
    .orderBy('spp.sales_point_id')
    .orderBy('spp.product_id')
    .execute();
  return rows.filter((r) => ids.has(r.productId));
}

/** The demo's shop (stock and bank accounts) with STOCK units everywhere, and what the buyers will choose from. */
async function prepare(dbPath: string): Promise<Catalogue> {
  const database = openDatabase({ engine: 'sqlite', path: dbPath });
  const db = database.db;
  try {
    console.log(`(${await seedDemoShop(ctxOf(db))})`);
    await giveStock(db);
    const products = await sellable(db);
    const held = await heldAtPoints(db, new Set(products.map((p) => p.id)));
    const communes = await db
      .selectFrom('admin_units')
      .select('id')
      .where('level', '=', 'commune')
      .where('valid_to', 'is', null)
      .orderBy('id')
      .limit(200)
      .execute();
    const initial = new Map([['ship', new Map(products.map((p) => [p.id, p.quantity]))]]);
    for (const h of held)
      initial.set(
        h.pointId,
        (initial.get(h.pointId) ?? new Map<string, number>()).set(h.productId, h.quantity ?? 0),
      );
    return {
      shipping: groupBy(products.map((p) => ({ key: p.producer_id, value: p.id }))),
      points: [...new Set(held.map((h) => h.pointId))].map((id) => ({
        id,
        byProducer: groupBy(
          held.filter((h) => h.pointId === id).map((h) => ({ key: h.producerId, value: h.productId })),
        ),
      })),
      communes: communes.map((c) => c.id),
      initial,
    };
  } finally {
    await database.close();
  }
}

const NAMES = ['Nguyễn Thị Hoa', 'Trần Văn Minh', 'Lê Thu Hà', 'Phạm Quốc Bảo', 'Đỗ Ngọc Anh', 'Vũ Đức Long'];

/** 1–3 products of 1–2 producers, 1–2 units each. */
function pickLines(rng: Rng, byProducer: Map<string, string[]>) {
  const producers = [...byProducer.keys()];
  const chosen = rng.sampleIndexes(producers.length, rng.int(1, 2)).map((i) => producers[i] ?? '');
  const pool = chosen.flatMap((p) => byProducer.get(p) ?? []);
  const count = Math.min(pool.length, Math.max(chosen.length, rng.int(1, 3)));
  // One product of each chosen producer, then others at random: every chosen producer gets a line.
  const firsts = chosen.map((p) => rng.pick(byProducer.get(p) ?? ['']));
  const rest = rng.shuffle(pool.filter((id) => !firsts.includes(id)));
  return [...firsts, ...rest].slice(0, count).map((productId) => ({ productId, quantity: rng.int(1, 2) }));
}

/** A buyer's checkout: delivery to a commune (4 in 5) or pickup at a sales point, cash or VietQR (half each). */
function orderMaker(cat: Catalogue, seed: number): () => string {
  const rng = new Rng(seed);
  return () => {
    const pickup = cat.points.length > 0 && rng.chance(0.2);
    const point = pickup ? rng.pick(cat.points) : null;
    const phone = `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    return JSON.stringify({
      items: pickLines(rng, point ? point.byProducer : cat.shipping),
      customer: {
        name: rng.pick(NAMES),
        phone,
        ...(rng.chance(0.5) ? { email: `buyer${phone}@example.vn` } : {}),
      },
      delivery: point
        ? { method: 'pickup', salesPointId: point.id }
        : { method: 'ship', address: { line: 'Số 12 phố Hàng Bạc', communeId: rng.pick(cat.communes) } },
      payment: rng.chance(0.5) ? 'cod' : 'vietqr',
    });
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Tally {
  /** Requests handed to the client (a closed loop stops with some of them unanswered). */
  sent: number;
  latencies: number[];
  statuses: Map<number, number>;
  /** Connection errors and timeouts: no answer at all. */
  failures: number;
  /** Why requests failed or were refused (error codes), to print beside the counts. */
  reasons: Map<string, number>;
}
const newTally = (): Tally => ({
  sent: 0,
  latencies: [],
  statuses: new Map(),
  failures: 0,
  reasons: new Map(),
});
const note = (t: Tally, reason: string) => t.reasons.set(reason, (t.reasons.get(reason) ?? 0) + 1);
/** The error code of a refusal (`{ error: { code } }`), or of a failed fetch (its cause's code). */
function reasonOf(status: number | null, detail: unknown): string {
  if (status !== null) {
    const code = /"code":"([^"]+)"/.exec(String(detail))?.[1];
    return `${String(status)} ${code ?? ''}`.trim();
  }
  const cause = detail instanceof Error ? (detail.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (detail instanceof Error ? detail.message : 'no answer');
}
const merged = (maps: ReadonlyArray<Map<string, number>>) => {
  const out = new Map<string, number>();
  for (const m of maps) for (const [k, c] of m) out.set(k, (out.get(k) ?? 0) + c);
  return out;
};
const reasons = (m: ReadonlyMap<string, number>) => [...m].map(([r, c]) => `${String(c)}× ${r}`).join(', ');
const count = (t: Tally, status: number) => t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
const created = (t: Tally) => t.statuses.get(201) ?? 0;
const refused = (t: Tally) => [...t.statuses].filter(([s]) => s >= 300).reduce((n, [, c]) => n + c, 0);

function summary(t: Tally, seconds: number) {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  return {
    cells: [50, 95, 99].map((p) => f(percentile(sorted, p))).concat(f(sorted.at(-1) ?? 0)),
    rps: (t.latencies.length / seconds).toFixed(0),
    errors: `${String(t.failures)} / ${String(refused(t))}`,
  };
}

/** Closed loop: `connections` clients, each sending its next request when the last is answered. */
async function closedLoop(
  url: string,
  seconds: number,
  request: autocannon.Request,
  tally = newTally(),
): Promise<Tally> {
  // The callback form hands back the instance, whose 'response' events carry every request's own time.
  await new Promise<void>((resolve, reject) => {
    const options = { url, connections: BUYERS, duration: seconds, requests: [request] };
    const instance = autocannon(options, (error: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
      else resolve();
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      tally.latencies.push(ms);
      count(tally, status);
    });
    instance.on('reqError', (error: unknown) => {
      tally.failures++;
      note(tally, reasonOf(null, error));
    });
  });
  return tally;
}

function checkoutRequest(cat: Catalogue, seed: number, label: string, tally: Tally): autocannon.Request {
  const next = orderMaker(cat, seed);
  return {
    method: 'POST',
    path: '/api/v1/orders',
    onResponse: (status, body) => {
      if (status >= 300) note(tally, reasonOf(status, body));
    },
    setupRequest: (req) => ({
      ...req,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `bench-${label}-${String(++tally.sent)}`,
      },
      body: next(),
    }),
  };
}

/**
 * Open loop: one order every 60 ms whatever the answers, so a slow answer does not slow the buyers down. Latency is
 * counted from the moment a request was due, not from when it left, so a stall is not hidden by waiting for it.
 */
async function openLoop(cat: Catalogue, minutes: number): Promise<Tally[]> {
  const interval = 60_000 / ORDERS_PER_MINUTE;
  const total = Math.round(minutes * ORDERS_PER_MINUTE);
  const perMinute = Array.from({ length: Math.ceil(minutes) }, newTally);
  const next = orderMaker(cat, 2);
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now() + 50;
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const tally = perMinute[Math.floor((i * interval) / 60_000)] ?? newTally();
    tally.sent++;
    const sent = fetch(`${API}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-open-${String(i)}` },
      body: next(),
    })
      .then(async (res) => {
        const text = await res.text();
        tally.latencies.push(performance.now() - due);
        count(tally, res.status);
        if (res.status >= 300) note(tally, reasonOf(res.status, text));
      })
      .catch((error: unknown) => {
        tally.failures++;
        note(tally, reasonOf(null, error));
      });
    const tracked = sent.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  return perMinute;
}

interface Drift {
  products: number;
  places: number;
  /** Per product and place (`ship` or a sales point): units left + units sold − units before, when not 0. */
  drifting: Array<{ place: string; productId: string; drift: number }>;
  orders: number;
}

/** With the server stopped: at every place, units left plus units sold there = units before the run. */
async function checkDrift(dbPath: string, initial: Catalogue['initial']): Promise<Drift> {
  const database = openDatabase({ engine: 'sqlite', path: dbPath });
  const db = database.db;
  try {
    const key = (place: string, productId: string) => `${place} ${productId}`;
    const now = new Map<string, number>();
    for (const r of await db.selectFrom('product_stock').select(['product_id', 'quantity']).execute())
      now.set(key('ship', r.product_id), r.quantity);
    const points = db.selectFrom('sales_point_products').select(['sales_point_id', 'product_id', 'quantity']);
    for (const r of await points.execute()) now.set(key(r.sales_point_id, r.product_id), r.quantity ?? 0);
    const sold = await db
      .selectFrom('order_lines as l')
      .innerJoin('sub_orders as s', 's.id', 'l.sub_order_id')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .select(['o.sales_point_id', 'l.product_id', sql<number>`sum(l.quantity)`.as('units')])
      .where('s.status', '!=', 'cancelled')
      .groupBy(['o.sales_point_id', 'l.product_id'])
      .execute();
    const soldAt = new Map(sold.map((s) => [key(s.sales_point_id ?? 'ship', s.product_id), s.units]));
    const drifting: Drift['drifting'] = [];
    for (const [place, products] of initial) {
      for (const [productId, before] of products) {
        const k = key(place, productId);
        const drift = (now.get(k) ?? 0) + (soldAt.get(k) ?? 0) - before;
        if (drift !== 0) drifting.push({ place, productId, drift });
        soldAt.delete(k);
      }
    }
    // A sale of anything outside the benchmark's set is drift too: it came from stock nobody recorded.
    for (const [k, units] of soldAt) {
      const [place = '', productId = ''] = k.split(' ');
      drifting.push({ place, productId, drift: units });
    }
    const orders = await db
      .selectFrom('orders')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const products = new Set([...initial.values()].flatMap((m) => [...m.keys()]));
    return { products: products.size, places: initial.size, drifting, orders: orders.n };
  } finally {
    await database.close();
  }
}

async function loadDemo(dbPath: string): Promise<void> {
  const t0 = performance.now();
  const size = flags.products === undefined ? [] : ['--products', flags.products];
  const loader = startServer({ DATABASE_URL: `sqlite:${dbPath}` }, [CLI, 'demo', 'load', ...size]);
  if ((await new Promise<number | null>((r) => loader.once('exit', r))) !== 0)
    throw new Error('demo load failed');
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`(${flags.products ?? 'standard'}-product demo loaded in ${seconds} s)`);
}

function describe(cat: Catalogue): string {
  const products = [...cat.shipping.values()].flat().length;
  return (
    `(${String(products)} sellable products of ${String(cat.shipping.size)} producers, ${String(STOCK)} units ` +
    `each for shipping; ${String(cat.points.length)} sales points hold them for pickup)`
  );
}

function printPhase1(baseline: Tally, ours: Tally, seconds: number): void {
  console.log(`\n## Checkout, ${String(BUYERS)} buyers at once (closed loop), ${String(seconds)} s (SQLite)`);
  console.log('| route | req/s | p50 ms | p95 ms | p99 ms | max ms | no answer / refused |');
  console.log('|---|---|---|---|---|---|---|');
  const row = (name: string, t: Tally, s: number) => {
    const { cells, rps, errors } = summary(t, s);
    console.log(`| ${name} | ${rps} | ${cells.join(' | ')} | ${errors} |`);
  };
  row('bare Fastify, GET tiny fixed JSON (baseline)', baseline, 10);
  row('POST /api/v1/orders, 1–3 products of 1–2 producers', ours, seconds);
  const ratio = (100 * ours.latencies.length) / seconds / (baseline.latencies.length / 10);
  console.log(
    `throughput vs baseline ${ratio.toFixed(1)} %; target p99 < 100 ms at ${String(BUYERS)} buyers`,
  );
  if (ours.reasons.size > 0) console.log(`failed or refused: ${reasons(ours.reasons)}`);
}

function printPhase2(perMinute: Tally[]): void {
  console.log(
    `\n## Sustained, ${String(ORDERS_PER_MINUTE)} orders a minute (open loop, evenly spaced), ` +
      `${String(MINUTES)} min (SQLite)`,
  );
  console.log('| minute | sent | created (201) | refused | no answer | p50 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [i, t] of perMinute.entries()) {
    const sorted = [...t.latencies].sort((a, b) => a - b);
    const cells = [percentile(sorted, 50), percentile(sorted, 99), sorted.at(-1) ?? 0].map((x) =>
      x.toFixed(1),
    );
    const sent = t.latencies.length + t.failures;
    console.log(
      `| ${String(i + 1)} | ${String(sent)} | ${String(created(t))} | ${String(refused(t))} | ` +
        `${String(t.failures)} | ${cells.join(' | ')} |`,
    );
  }
  const errors = perMinute.reduce((n, t) => n + refused(t) + t.failures, 0);
  console.log(`errors over the whole run: ${String(errors)} (target 0)`);
  const why = reasons(merged(perMinute.map((t) => t.reasons)));
  if (why) console.log(`failed or refused: ${why}`);
}

function printDrift(d: Drift, tallies: readonly Tally[]): void {
  console.log('\n## Stock after the run (server stopped)');
  console.log(
    `${String(d.products)} products at ${String(d.places)} places (shipping and sales points): ` +
      `${String(d.drifting.length)} with stock + sold ≠ initial (target 0)`,
  );
  for (const x of d.drifting.slice(0, 10))
    console.log(`  drift ${String(x.drift)}: ${x.productId} at ${x.place}`);
  const answered = tallies.reduce((n, t) => n + created(t), 0);
  // A closed loop stops on time with requests in flight: the server may have made those orders.
  const cut = tallies.reduce((n, t) => n + t.sent - t.latencies.length - t.failures, 0);
  const fits = d.orders >= answered && d.orders <= answered + cut;
  console.log(
    `orders in the database: ${String(d.orders)}; answered 201: ${String(answered)}; unanswered when a ` +
      `closed loop stopped: ${String(cut)} — ${fits ? 'consistent' : 'INCONSISTENT'}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `# Checkout benchmark — ${new Date().toISOString()}\nmachine: ${machine()}, load ${loadavg()[0]?.toFixed(1)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-checkout-'));
  const dbPath = join(dir, 'ocop.sqlite');
  const servers: ChildProcess[] = [];
  try {
    await loadDemo(dbPath);
    const cat = await prepare(dbPath);
    console.log(describe(cat));
    const server = startServer({ DATABASE_URL: `sqlite:${dbPath}`, PORT: String(PORT), DEMO: 'off' });
    servers.push(server);
    const base = startServer({ PORT: String(BASE_PORT) }, [
      '--import',
      'tsx',
      join(ROOT, 'bench/baseline-server.ts'),
    ]);
    servers.push(base);
    await waitReady(`${API}/readyz`, 120_000);
    // The search index is built in the background after start: let it finish before measuring.
    await waitReady(`${API}/api/v1/search?q=warm`, 120_000);
    await waitReady(`http://127.0.0.1:${String(BASE_PORT)}/fixed`, 20_000);

    const warm = newTally();
    await closedLoop(API, 3, checkoutRequest(cat, 0, 'warm', warm), warm);
    const baseline = await closedLoop(`http://127.0.0.1:${String(BASE_PORT)}`, 10, {
      method: 'GET',
      path: '/fixed',
    });
    const buyers = newTally();
    await closedLoop(API, SECONDS, checkoutRequest(cat, 1, 'buyers', buyers), buyers);
    printPhase1(baseline, buyers, SECONDS);
    const perMinute = await openLoop(cat, MINUTES);
    printPhase2(perMinute);

    await stop(server);
    const drift = await checkDrift(dbPath, cat.initial);
    printDrift(drift, [warm, buyers, ...perMinute]);
  } finally {
    for (const s of servers) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
