import type { CompiledQuery, Kysely } from 'kysely';
import type { Ctx } from '../core/context.js';
import { newSortableId, sortableIdFloor } from '../core/ids.js';
import { noteChange, notePrivateChange, PRIVATE_ENTITIES } from '../db/change-tracker.js';
import type { AuditLogTable, DB } from '../db/schema.js';

/** Audit ids are sortable ids carrying their record's `at` (see `recordAudit`). */
const PREFIX = 'aud';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/**
 * Writes an audit record on the context's transaction, so it commits or rolls back with the change. Every audited
 * write pays for this insert (issue 5: under 10 % of a write), so its SQL is compiled once per database and only
 * the parameters change, and the log keeps no index on `at`: the id is made from the same instant as `at`, so the
 * primary key orders the log by time and serves every time range (`auditIdRange`).
 */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const now = ctx.clock.now();
  const row: AuditLogTable = {
    id: newSortableId(PREFIX, now.getTime()),
    at: now.toISOString(),
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
  if (PRIVATE_ENTITIES.includes(entry.entityType)) notePrivateChange(ctx.db);
  else noteChange(ctx.db);
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

/**
 * Id bounds of the records whose `at` lies in [fromMs, toMs) (either open when absent or not a time): `id >= lower`
 * and `id < upper` over the primary key, instead of a second index on `at` that every write would pay for.
 */
export function auditIdRange(fromMs?: number, toMs?: number): { lower?: string; upper?: string } {
  const range: { lower?: string; upper?: string } = {};
  if (fromMs !== undefined && Number.isFinite(fromMs)) range.lower = sortableIdFloor(PREFIX, fromMs);
  if (toMs !== undefined && Number.isFinite(toMs)) range.upper = sortableIdFloor(PREFIX, toMs);
  return range;
}

/** The newest audit record by id (the log's time order), read through the primary key. */
export async function latestAudit(db: Kysely<DB>): Promise<{ id: string; at: string } | undefined> {
  return db.selectFrom('audit_log').select(['id', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
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
