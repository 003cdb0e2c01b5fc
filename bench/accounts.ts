/**
 * Benchmarks of issue 5's accounts figures, in process over a fresh SQLite database. Not a test.
 *
 *   npm run bench:accounts
 *
 * - sign-in: POST /api/v1/auth/sign-in (scrypt N=2^15, r=8) — target under 300 ms; baseline: GET /healthz on the
 *   same app in the same run.
 * - audit: a producer update as the services write it (one transaction: read, diff, update) with and without its
 *   audit record gives the record's own cost; set against a whole write as users make it (PATCH over HTTP with an
 *   API token), it gives the audit trail's share of a write — target: under 10 %. Each is timed twice: on the wall
 *   clock, and in the main thread's time on a CPU (Linux schedstat: no waiting for a core, no GC or compiler
 *   threads), which a busy machine disturbs far less — on a 2-core machine shared with test runs, wall-clock shares
 *   swing by several points.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../src/accounts/account.service.js';
import { diff, recordAudit } from '../src/audit/audit.repository.js';
import { findProducerRaw, updateProducerRow } from '../src/catalog/producer.repository.js';
import { systemClock } from '../src/core/clock.js';
import { inTransaction, type Ctx } from '../src/core/context.js';
import { foldVi } from '../src/core/vi-text.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { loadAdministrativeUnits } from '../src/places/admin-unit.loader.js';
import { aProducer } from '../test/support/factories.js';
import { machine } from './support.js';

const PASSWORD = 'benchmark password 2026';

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

const fmt = (n: number) => n.toFixed(2).padStart(8);
const fmt3 = (n: number) => n.toFixed(3).padStart(8);

/**
 * Milliseconds the calling (main) thread has spent on a CPU: the first field of Linux's schedstat, in ns. Elsewhere,
 * the process's CPU time (all threads, µs resolution) stands in.
 */
function cpuNow(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  }
}

/** An API token for the benchmark's administrator, through the sign-in contract. */
async function firstToken(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: '10.9.9.9',
    payload: { email: 'admin@bench.ocop.vn', password: PASSWORD },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: { cookie, 'x-csrf-token': signIn.json<{ csrfToken: string }>().csrfToken },
    payload: { name: 'bench' },
  });
  return res.json<{ token: string }>().token;
}

async function main(): Promise<void> {
  console.log(`machine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-accounts-'));
  const database = openDatabase({ engine: 'sqlite', path: join(dir, 'bench.sqlite') });
  try {
    await migrateToLatest(database.db);
    const ctx: Ctx = {
      db: database.db,
      clock: systemClock,
      locale: 'vi',
      actor: { kind: 'cli', id: 'bench' },
    };
    await loadAdministrativeUnits(ctx);
    await createUser(
      ctx,
      { email: 'admin@bench.ocop.vn', name: 'Bench', grants: [{ role: 'admin' }] },
      PASSWORD,
    );
    const app = await buildApp({ database, config: { logLevel: 'silent', publicUrl: 'http://bench' } });
    await app.ready();

    const signIns: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < 25; i++) {
      let t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: `10.0.${String(i)}.1`,
        payload: { email: 'admin@bench.ocop.vn', password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in ${String(res.statusCode)}: ${res.body}`);
      if (i >= 5) signIns.push(performance.now() - t0);
      t0 = performance.now();
      await app.inject({ url: '/healthz' });
      if (i >= 5) health.push(performance.now() - t0);
    }
    const s = stats(signIns);
    const h = stats(health);
    console.log('\nsign-in (20 sequential, after 5 warm-up)          p50 ms   p95 ms');
    console.log(
      `  POST /api/v1/auth/sign-in                      ${fmt(s.p50)} ${fmt(s.p95)}   target p95 < 300`,
    );
    console.log(`  baseline GET /healthz (same app)               ${fmt(h.p50)} ${fmt(h.p95)}`);

    // A write as users make it: PATCH /api/v1/producers/:id with an API token (auth, validation, policy, the
    // transaction with its audit record, the response).
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { authorization: `Bearer ${await firstToken(app)}` },
      payload: { name: 'bench' },
    });
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    const target = await aProducer(ctx);
    const patches: number[] = [];
    let cpu0 = 0;
    for (let i = 0; i < 320; i++) {
      if (i === 20) cpu0 = cpuNow();
      const t0 = performance.now();
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/producers/${target}`,
        headers: bearer,
        payload: { name: `HTX Bench HTTP ${String(i)}` },
      });
      if (res.statusCode !== 200) throw new Error(`PATCH ${String(res.statusCode)}: ${res.body}`);
      if (i >= 20) patches.push(performance.now() - t0);
    }
    const httpCpu = (cpuNow() - cpu0) / patches.length;
    const httpWrite = stats(patches).p50;
    await app.close();

    const producer = await aProducer(ctx);
    // Both sides do the write as the services do it — one transaction: read the row, diff, update — and one side
    // adds the audit record, so the difference is what the audit trail costs.
    const write = async (name: string, audited: boolean) => {
      await inTransaction(ctx, async (tx) => {
        const before = await findProducerRaw(tx, producer);
        if (!before) throw new Error('producer missing');
        const columns = { name, name_folded: foldVi(name) };
        const changes = diff(before, columns);
        await updateProducerRow(tx, producer, { ...columns, updated_at: new Date().toISOString() });
        if (audited)
          await recordAudit(tx, {
            action: 'producer.update',
            entityType: 'producer',
            entityId: producer,
            changes,
          });
      });
    };
    const ROUNDS = 9;
    const N = 400;
    const wall = { with: [] as number[], without: [] as number[] };
    const cpu = { with: [] as number[], without: [] as number[] };
    const round = async (side: 'with' | 'without', label: string) => {
      const c0 = cpuNow();
      const t0 = performance.now();
      for (let i = 0; i < N; i++) await write(`HTX ${label}-${String(i)}`, side === 'with');
      wall[side].push((performance.now() - t0) / N);
      cpu[side].push((cpuNow() - c0) / N);
    };
    // Interleaved rounds, so drift in the machine's load hits both sides alike.
    for (let r = 0; r < ROUNDS; r++) {
      await round('with', `Bench ${String(r)}`);
      await round('without', `Bare ${String(r)}`);
    }
    const record = {
      wall: stats(wall.with).p50 - stats(wall.without).p50,
      cpu: stats(cpu.with).p50 - stats(cpu.without).p50,
    };
    const share = (rec: number, whole: number) => ((rec / (whole - rec)) * 100).toFixed(1);
    console.log(
      `\naudited write (median of ${String(ROUNDS)} rounds × ${String(N)} updates)   wall ms    CPU ms`,
    );
    console.log(
      `  read + diff + update + audit record, one transaction  ${fmt3(stats(wall.with).p50)}  ${fmt3(stats(cpu.with).p50)}`,
    );
    console.log(
      `  baseline: the same without the audit record           ${fmt3(stats(wall.without).p50)}  ${fmt3(stats(cpu.without).p50)}`,
    );
    console.log(
      `  the audit record alone                                ${fmt3(record.wall)}  ${fmt3(record.cpu)}`,
    );
    console.log(`\nPATCH /api/v1/producers/:id (300 sequential, API token)  p50 ${fmt(httpWrite)} ms`);
    console.log(`  CPU time per PATCH (mean, main thread)                     ${fmt(httpCpu)} ms`);
    console.log(
      `  the audit record's share of that write: wall ${share(record.wall, httpWrite)} %, CPU ${share(record.cpu, httpCpu)} %   target < 10 %`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
