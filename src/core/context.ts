import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import { noteChange } from '../db/change-tracker.js';
import type { DB } from '../db/schema.js';

export type Locale = 'vi' | 'en';

/** Who acts. Accounts arrive with the back office; until then writes come from the CLI or the system. */
export interface Actor {
  kind: 'system' | 'cli' | 'user';
  id: string;
}

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
  const result = await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
  noteChange();
  return result;
}
