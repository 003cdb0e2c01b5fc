import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Tells read caches when the registry may have changed. Every audited write is a change
 * (audit/audit.repository.ts), so two signals suffice:
 * - in this process, `noteChange()` runs when an audit record is written and again after a transaction commits
 *   (core/context.ts), so a cache never keeps a result computed before the commit under the new version;
 * - in other processes (the CLI, other nodes), the newest audit id, polled every `intervalMs`: ids carry their
 *   record's `at` and sort by it (audit/audit.repository.ts), so this is the newest timestamp (then, within one
 *   millisecond, the writer's sequence) read off the primary key.
 * A change is therefore visible here at once, and elsewhere within `intervalMs`.
 */
let localVersion = 0;

export function noteChange(): void {
  localVersion++;
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
      const row = await this.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      this.remote = row?.id ?? '';
    } catch {
      // The database is away: keep the last token; readiness reports the outage.
    }
  }
}
