import type { Ctx } from '../core/context.js';

/**
 * Checkouts that collide are run again rather than failed: on SQLite another connection holding the write lock
 * (`SQLITE_BUSY`, or a read snapshot gone stale, `SQLITE_BUSY_SNAPSHOT`), on PostgreSQL a deadlock or a
 * serialization failure, and on both a unique key taken meanwhile (the same Idempotency-Key sent twice at once,
 * whose second run then finds and returns the first order; or an order number drawn twice). The new run sees what
 * the other transaction committed, so a sold-out product is then refused as such.
 */
const RETRYABLE_SQLITE = /^SQLITE_(BUSY|LOCKED|CONSTRAINT_UNIQUE|CONSTRAINT_PRIMARYKEY)/;
const RETRYABLE_PG = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 5;

export function isContention(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  if (typeof code !== 'string') return false;
  return RETRYABLE_SQLITE.test(code) || RETRYABLE_PG.has(code);
}

/** Runs `fn` up to five times while it fails on contention; inside a caller's transaction it runs once. */
export async function retryOnContention<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isContention(error)) throw error;
      // A short random pause lets the other transaction finish and keeps two retries from meeting again.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
