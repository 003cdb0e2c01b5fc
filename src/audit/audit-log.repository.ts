import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import { auditIdRange } from './audit.repository.js';

const DAY_MS = 86_400_000;

export interface AuditFilters {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** YYYY-MM-DD, inclusive, in UTC. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The global audit log, newest first; every filter is an index-friendly equality or range. Ids carry their
 * record's `at` (audit.repository.ts), so newest first is the primary key backwards and a date range is an id range.
 */
export async function searchAuditLog(ctx: Ctx, f: AuditFilters, page: PageRequest) {
  let q = ctx.db.selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '')}%`);
  const { lower, upper } = auditIdRange(
    f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
    f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY_MS : undefined,
  );
  if (lower) q = q.where('id', '>=', lower);
  if (upper) q = q.where('id', '<', upper);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(offsetOf(page)).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> })),
    total: count.n,
  };
}
