import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Tells read caches when the registry may have changed. Every audited write is a change
 * (audit/audit.repository.ts), except to the private records of `PRIVATE_ENTITIES`, so two signals suffice:
 * - in this process, `noteChange()` runs when an audit record is written and again after a transaction commits
 *   (core/context.ts), so a cache never keeps a result computed before the commit under the new version;
 * - in other processes (the CLI, other nodes), the newest public audit id, polled every `intervalMs`: ids carry their
 *   record's `at` and sort by it (audit/audit.repository.ts), so this is the newest timestamp (then, within one
 *   millisecond, the writer's sequence) read off the primary key.
 * A change is therefore visible here at once, and elsewhere within `intervalMs`.
 */
let localVersion = 0;
/** Transactions (their Kysely handles) that wrote an audited change, public or private. */
const publicWrites = new WeakSet<object>();
const privateWrites = new WeakSet<object>();

/**
 * Records whose writes no public page or API answer shows: orders and their parts, accounts. A checkout or a
 * sign-in must not empty every read cache; what an order changes in public is audited on the product
 * (shop/stock-signals.ts).
 */
export const PRIVATE_ENTITIES: readonly string[] = ['order', 'sub_order', 'user'];

/** A public change now; on a transaction, also once it commits (see `inTransaction`). */
export function noteChange(db?: Kysely<DB>): void {
  localVersion++;
  if (db?.isTransaction) publicWrites.add(db);
}

/** An audited change of a private record: it stales nothing, and its transaction's commit need not either. */
export function notePrivateChange(db: Kysely<DB>): void {
  if (db.isTransaction) privateWrites.add(db);
}

/**
 * Whether the commit of transaction `db` must bump the version. Every transaction does (a reference load or a
 * seed writes public rows without an audit record), except one whose only audited writes were private records.
 */
export function commitChanges(db: Kysely<DB>): boolean {
  return publicWrites.has(db) || !privateWrites.has(db);
}

export class ChangeTracker {
  private remote = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly intervalMs = 500,
  ) {}

  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** An opaque token that changes whenever the data may have changed. */
  version(): string {
    return `${localVersion}|${this.remote}`;
  }

  private async poll(): Promise<void> {
    try {
      // Walks the primary key from the newest record and stops at the first public one.
      const row = await this.db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_type', 'not in', PRIVATE_ENTITIES)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      this.remote = row?.id ?? '';
    } catch {
      // The database is away: keep the last token; readiness reports the outage.
    }
  }
}
