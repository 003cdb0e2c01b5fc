import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationResultSet,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

export type Engine = DatabaseConfig['engine'];

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: confine this connection pool to a schema (used by tests to isolate files). */
  schema?: string;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Database {
  if (config.engine === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new SQLite(config.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  // COUNT(*) and SUM are bigint/numeric in PostgreSQL; parse them as JS numbers like SQLite does.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew, and preparing costs SQLite about as much as running a small query. The most
 * recently used statements are kept, so a query run again only binds its parameters. Kysely runs one query at a time
 * on the connection, so a kept statement is never busy when it is handed out again.
 */
function withStatementCache(sqlite: SQLite.Database, size = 256) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string): SQLite.Statement {
      let statement = kept.get(query);
      if (statement) kept.delete(query);
      else {
        statement = sqlite.prepare(query);
        if (kept.size >= size) kept.delete(kept.keys().next().value as string);
      }
      kept.set(query, statement);
      return statement;
    },
  };
}

/**
 * Kysely looks for its migration tables among the tables of EVERY schema unless told which one: on a PostgreSQL
 * database shared with another schema that has them (another application, a concurrent test), it would skip creating
 * its own and fail. So on PostgreSQL the migrator is pinned to the connection's current schema.
 */
export async function migrator(db: Kysely<DB>): Promise<Migrator> {
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const result = await (await migrator(db)).migrateToLatest();
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error(`migration failed: ${JSON.stringify(result.error)}`);
  return result;
}

/** True when the database answers and every known migration has run. */
export async function migrationStatus(db: Kysely<DB>): Promise<{ reachable: boolean; pending: string[] }> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    return { reachable: false, pending: [] };
  }
  const list = await (await migrator(db)).getMigrations();
  return { reachable: true, pending: list.filter((m) => !m.executedAt).map((m) => m.name) };
}
