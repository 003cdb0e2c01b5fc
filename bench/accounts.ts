/**
 * Benchmarks of issue 5's accounts figures, in process over a fresh SQLite database. Not a test.
 *
 *   npm run bench:accounts
 *
 * - sign-in: POST /api/v1/auth/sign-in (scrypt N=2^15, r=8) — target under 300 ms; baseline: GET /healthz on the
 *   same app in the same run.
 * - audit: a producer update as the services write it (one transaction: read, diff, update) with and without its
 *   audit record gives the record's own cost; set against a whole write as users make it (PATCH over HTTP with an
 *   API token), it gives the audit trail's share of a write — target: under 10 %.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

let httpWrite = NaN;

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
    for (let i = 0; i < 320; i++) {
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
    httpWrite = stats(patches).p50;
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
    const ROUNDS = 7;
    const N = 300;
    const withAudit: number[] = [];
    const without: number[] = [];
    // Interleaved rounds, so drift in the machine's load hits both sides alike.
    for (let round = 0; round < ROUNDS; round++) {
      let t0 = performance.now();
      for (let i = 0; i < N; i++) await write(`HTX Bench ${String(round)}-${String(i)}`, true);
      withAudit.push((performance.now() - t0) / N);
      t0 = performance.now();
      for (let i = 0; i < N; i++) await write(`HTX Bare ${String(round)}-${String(i)}`, false);
      without.push((performance.now() - t0) / N);
    }
    const a = stats(withAudit).p50;
    const b = stats(without).p50;
    console.log(`\naudited write (median of ${String(ROUNDS)} rounds × ${String(N)} updates)     ms/write`);
    console.log(`  read + diff + update + audit record, one transaction  ${fmt(a)}`);
    console.log(`  baseline: the same without the audit record           ${fmt(b)}`);
    console.log(
      `  the audit record alone: ${fmt(a - b)} ms, ${((a / b - 1) * 100).toFixed(1)} % of a bare database write`,
    );
    console.log(`\nPATCH /api/v1/producers/:id (300 sequential, API token)  p50 ${fmt(httpWrite)} ms`);
    console.log(
      `  the audit record's share of that write: ${(((a - b) / (httpWrite - (a - b))) * 100).toFixed(1)} %   target < 10 %`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
