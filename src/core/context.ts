import type { Kysely } from 'kysely';
import type { Role } from '../accounts/roles.js';
import type { Clock } from './clock.js';
import { commitChanges, noteChange } from '../db/change-tracker.js';
import type { DB } from '../db/schema.js';

export type Locale = 'vi' | 'en';

/** A role held by a user, within a scope (a commune, a producer, a sales point) or none. */
export interface Grant {
  role: Role;
  scopeId: string | null;
}

/** Who acts: the system (jobs, boot), the CLI, a signed-in user with their grants, or an anonymous visitor. */
export interface Actor {
  kind: 'system' | 'cli' | 'user' | 'anonymous';
  id: string;
  email?: string;
  grants?: readonly Grant[];
}

export const ANONYMOUS: Actor = { kind: 'anonymous', id: 'anonymous', grants: [] };

/** Travels first into every operation: who acts, in which language, at what time, on which transaction. */
export interface Ctx {
  db: Kysely<DB>;
  clock: Clock;
  locale: Locale;
  actor: Actor;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };

/** Runs `fn` in one transaction; nested calls reuse the transaction already on the context. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  let handle: Kysely<DB> | undefined;
  const result = await ctx.db.transaction().execute((trx) => {
    handle = trx;
    return fn({ ...ctx, db: trx });
  });
  // A read between a change and the commit saw the old data under the new version: bump again, unless every
  // audited write of the transaction was a private record (db/change-tracker.ts).
  if (handle === undefined || commitChanges(handle)) noteChange();
  return result;
}
