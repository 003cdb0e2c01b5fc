import type { Kysely } from 'kysely';

/**
 * The audit log loses its index on `at` (issue 5: the audit trail adds under 10 % to a write, and every index is
 * paid on every audited write). Audit ids are made from the same instant as `at` and sort by it
 * (audit/audit.repository.ts), so the primary key now serves what the index served: the global log newest first
 * and by date, the change tracker's newest record, the search refresher's recent records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}
