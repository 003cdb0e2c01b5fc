import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { fixedClock, type Clock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { migrateToLatest, openDatabase, type Database, type Engine } from '../../src/db/database.js';

export const TEST_ENGINE: Engine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when this run's engine can be used (PostgreSQL may be away; see pg-global-setup.ts). */
export async function engineAvailable(): Promise<boolean> {
  if (TEST_ENGINE === 'sqlite') return true;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  database: Database;
  ctx: Ctx;
  close(): Promise<void>;
}

/** A fresh, migrated database: a temp SQLite file, or a private schema in the PostgreSQL test database. */
export async function createTestDatabase(
  clock: Clock = fixedClock('2026-11-26T03:00:00Z'),
): Promise<TestDatabase> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (TEST_ENGINE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
    database = openDatabase({ engine: 'sqlite', path: join(dir, 'test.sqlite') });
    cleanup = () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase({ engine: 'postgres', url: PG_URL });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    database = openDatabase({ engine: 'postgres', url: PG_URL }, { schema });
    cleanup = async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    };
  }
  await migrateToLatest(database.db);
  const ctx: Ctx = { db: database.db, clock, locale: 'vi', actor: { kind: 'system', id: 'test' } };
  return {
    database,
    ctx,
    close: async () => {
      await database.close();
      await cleanup();
    },
  };
}
