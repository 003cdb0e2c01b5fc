import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditLog } from '../../src/audit/audit-log.repository.js';
import { auditTrail, latestAudit, recordAudit } from '../../src/audit/audit.repository.js';
import type { Clock } from '../../src/core/clock.js';
import { inTransaction, type Ctx } from '../../src/core/context.js';
import { newSortableId } from '../../src/core/ids.js';
import { ChangeTracker } from '../../src/db/change-tracker.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';

const available = await engineAvailable();
let t: TestDatabase;
let now = Date.parse('2026-11-26T03:00:00Z');
const movable: Clock = { now: () => new Date(now) };

/** Records one change to `entityId` at `iso` on the movable clock. */
async function recordAt(ctx: Ctx, iso: string, entityId: string, action = 'producer.update'): Promise<void> {
  now = Date.parse(iso);
  await recordAudit(ctx, { action, entityType: 'producer', entityId, changes: { at: iso } });
}

describe.runIf(available)(`the audit log on ${TEST_ENGINE}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase(movable);
    await recordAudit(t.ctx, {
      action: 'producer.update',
      entityType: 'producer',
      entityId: 'pdc_x',
      changes: {},
    });
  });
  afterAll(() => t.close());

  it('is append-only: the database refuses updates and deletes', async () => {
    await expect(t.ctx.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const rows = await t.ctx.db.selectFrom('audit_log').select('action').execute();
    expect(rows.map((r) => r.action)).toContain('producer.update');
    expect(rows.map((r) => r.action)).not.toContain('forged');
  });

  it('lists by the clock of the write, newest first, and filters whole UTC days', async () => {
    // Written out of time order: the order shown is the clock's, not the order of the inserts.
    for (const at of [
      '2026-11-27T00:00:00.000Z',
      '2026-11-25T23:59:59.999Z',
      '2026-11-26T23:59:59.999Z',
      '2026-11-26T00:00:00.000Z',
    ])
      await recordAt(t.ctx, at, 'pdc_days');
    const list = async (from?: string, to?: string) =>
      (await searchAuditLog(t.ctx, { entityId: 'pdc_days', from, to }, { page: 1, limit: 50 })).items.map(
        (e) => e.at,
      );
    expect(await list()).toEqual([
      '2026-11-27T00:00:00.000Z',
      '2026-11-26T23:59:59.999Z',
      '2026-11-26T00:00:00.000Z',
      '2026-11-25T23:59:59.999Z',
    ]);
    expect(await list('2026-11-26', '2026-11-26')).toEqual([
      '2026-11-26T23:59:59.999Z',
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(await list('2026-11-27')).toEqual(['2026-11-27T00:00:00.000Z']);
    expect(await list(undefined, '2026-11-25')).toEqual(['2026-11-25T23:59:59.999Z']);
    const page = await searchAuditLog(
      t.ctx,
      { entityId: 'pdc_days', from: '2026-11-26' },
      { page: 2, limit: 2 },
    );
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.at)).toEqual(['2026-11-26T00:00:00.000Z']);
  });

  it("keeps a record's history in time order, and names the newest record", async () => {
    await recordAt(t.ctx, '2026-12-02T08:00:00.000Z', 'pdc_history', 'producer.update');
    await recordAt(t.ctx, '2026-12-01T08:00:00.000Z', 'pdc_history', 'producer.create');
    await recordAt(t.ctx, '2026-12-01T08:00:00.000Z', 'pdc_other');
    const history = await auditTrail(t.ctx, 'producer', 'pdc_history');
    expect(history.map((e) => e.action)).toEqual(['producer.create', 'producer.update']);
    expect((await latestAudit(t.ctx.db))?.at).toBe('2026-12-02T08:00:00.000Z');
  });

  it('lets the change tracker see a record written by another process', async () => {
    const tracker = new ChangeTracker(t.ctx.db, 20);
    await tracker.start();
    try {
      const before = tracker.version();
      // Another process: its clock a millisecond past the newest record, and no change signal in this one.
      const newest = Date.parse((await latestAudit(t.ctx.db))?.at ?? '');
      await t.ctx.db
        .insertInto('audit_log')
        .values({
          id: newSortableId('aud', newest + 1),
          at: new Date(newest + 1).toISOString(),
          actor: 'cli:other',
          action: 'producer.update',
          entity_type: 'producer',
          entity_id: 'pdc_remote',
          changes: '{}',
          request_id: null,
        })
        .execute();
      await expect.poll(() => tracker.version(), { timeout: 1000, interval: 20 }).not.toBe(before);
    } finally {
      tracker.stop();
    }
  });

  it('stales the read caches for public changes only, and again once their transaction commits', async () => {
    const tracker = new ChangeTracker(t.ctx.db, 10);
    await tracker.start();
    try {
      const record = (ctx: Ctx, entityType: string) =>
        recordAudit(ctx, { action: `${entityType}.update`, entityType, entityId: 'x_cache', changes: {} });
      const stable = tracker.version();
      // An order, a part of one, an account: private records, written however often, keep every cache.
      await inTransaction(t.ctx, async (tx) => {
        await record(tx, 'order');
        await record(tx, 'sub_order');
      });
      await record(t.ctx, 'user');
      await new Promise((r) => setTimeout(r, 60));
      expect(tracker.version()).toBe(stable);
      // A product's change is seen during its transaction and once more after the commit.
      const seen: string[] = [];
      await inTransaction(t.ctx, async (tx) => {
        await record(tx, 'product');
        seen.push(tracker.version());
      });
      seen.push(tracker.version());
      expect(seen[0]).not.toBe(stable);
      expect(seen[1]).not.toBe(seen[0]);
      // A transaction that audits nothing (a reference load, a seed) may have changed anything: its commit counts.
      await inTransaction(t.ctx, () => Promise.resolve());
      expect(tracker.version()).not.toBe(seen[1]);
    } finally {
      tracker.stop();
    }
  });

  it.runIf(TEST_ENGINE === 'sqlite')('reads days and the newest record off the primary key', async () => {
    const plan = async (query: string) =>
      (await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(t.ctx.db)).rows
        .map((r) => r.detail)
        .join('; ');
    const byDay = await plan(
      "select * from audit_log where id >= 'aud_1' and id < 'aud_2' order by id desc limit 50",
    );
    expect(byDay).toMatch(/USING INDEX sqlite_autoindex_audit_log_1 \(id>\? AND id<\?\)/);
    expect(byDay).not.toMatch(/TEMP B-TREE/);
    expect(await plan('select max(id) from audit_log')).toMatch(/sqlite_autoindex_audit_log_1/);
  });
});
