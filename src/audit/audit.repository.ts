import type { Ctx } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import type { CompiledQuery } from 'kysely';
import { noteChange } from '../db/change-tracker.js';
import type { AuditLogTable } from '../db/schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/**
 * Writes an audit record on the context's transaction, so it commits or rolls back with the change. Every audited
 * write pays for this insert (issue 5: under 10 % of a write), so its SQL is compiled once per database and only
 * the parameters change.
 */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const row: AuditLogTable = {
    id: newSortableId('aud'),
    at: ctx.clock.now().toISOString(),
    actor: `${ctx.actor.kind}:${ctx.actor.id}`,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    changes: JSON.stringify(entry.changes),
    request_id: ctx.requestId ?? null,
  };
  let compiled = compiledInserts.get(ctx.db.getExecutor().adapter);
  if (!compiled) {
    // Every column a parameter (a null would compile as a literal and shift the rest).
    compiled = ctx.db
      .insertInto('audit_log')
      .values({ ...row, request_id: '' })
      .compile();
    compiledInserts.set(ctx.db.getExecutor().adapter, compiled);
  }
  await ctx.db.executeQuery({ ...compiled, parameters: AUDIT_COLUMNS.map((c) => row[c]) });
  noteChange();
}

/** The column order of the compiled insert: the order of the row's keys above. */
const AUDIT_COLUMNS: ReadonlyArray<keyof AuditLogTable> = [
  'id',
  'at',
  'actor',
  'action',
  'entity_type',
  'entity_id',
  'changes',
  'request_id',
];
const compiledInserts = new WeakMap<object, CompiledQuery>();

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
