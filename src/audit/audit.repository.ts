import type { Ctx } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import { noteChange } from '../db/change-tracker.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/** Writes an audit record on the context's transaction, so it commits or rolls back with the change. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({
      id: newSortableId('aud'),
      at: ctx.clock.now().toISOString(),
      actor: `${ctx.actor.kind}:${ctx.actor.id}`,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      changes: JSON.stringify(entry.changes),
      request_id: ctx.requestId ?? null,
    })
    .execute();
  noteChange();
}

export async function auditTrail(ctx: Ctx, entityType: string, entityId: string) {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> }));
}

/** Only the fields whose value changed, as { field: [before, after] }. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (after[key] !== undefined && before[key] !== after[key]) out[String(key)] = [before[key], after[key]];
  }
  return out;
}
