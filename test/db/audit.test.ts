import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/audit.repository.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';

const available = await engineAvailable();
let t: TestDatabase;

describe.runIf(available)(`the audit log on ${TEST_ENGINE}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
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
});
