import { sql, type Kysely } from 'kysely';

/**
 * The audit log is append-only (issue 5): the database itself refuses to update or delete its rows, whatever
 * code or console asks. SQLite and PostgreSQL spell triggers differently; PostgreSQL is the one whose adapter
 * supports transactional DDL.
 */
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.supportsTransactionalDdl;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    return;
  }
  for (const op of ['update', 'delete'] as const) {
    await sql`create trigger ${sql.id(`audit_log_no_${op}`)} before ${sql.raw(op)} on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    await sql`drop function audit_log_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger audit_log_no_update`.execute(db);
  await sql`drop trigger audit_log_no_delete`.execute(db);
}
