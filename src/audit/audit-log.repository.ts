import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';

export interface AuditFilters {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** YYYY-MM-DD, inclusive, in UTC. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The global audit log, newest first; every filter is an index-friendly equality or range. */
export async function searchAuditLog(ctx: Ctx, f: AuditFilters, page: PageRequest) {
  let q = ctx.db.selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '')}%`);
  if (f.from) q = q.where('at', '>=', `${f.from}T00:00:00`);
  if (f.to) q = q.where('at', '<=', `${f.to}T23:59:59.999Z`);
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> })),
    total: count.n,
  };
}
