import type { Ctx } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import { noteChange } from '../db/change-tracker.js';
import type {
  AuditLogTable,
  CertificateTable,
  ImportRunTable,
  ProducerTable,
  ProductTable,
} from '../db/schema.js';

/** The only SQL of the importer: bulk look-ups of what a file may match, bulk writes, the run log. */

/** Look-ups and inserts go by chunks so that no statement exceeds either engine's parameter limit. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type ExistingProducer = Pick<
  ProducerTable,
  'id' | 'name_folded' | 'commune_id' | 'registration_number'
> & {
  created_at: string;
};

export async function producersNamed(
  ctx: Ctx,
  folded: string[],
  registrations: string[],
): Promise<ExistingProducer[]> {
  const out = new Map<string, ExistingProducer>();
  const cols = ['id', 'name_folded', 'commune_id', 'registration_number', 'created_at'] as const;
  for (const part of chunks(folded)) {
    for (const r of await ctx.db
      .selectFrom('producers')
      .select(cols)
      .where('name_folded', 'in', part)
      .execute())
      out.set(r.id, r);
  }
  for (const part of chunks(registrations)) {
    const rows = await ctx.db
      .selectFrom('producers')
      .select(cols)
      .where('registration_number', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()];
}

export type ExistingProduct = Pick<
  ProductTable,
  'id' | 'producer_id' | 'name_vi' | 'name_folded' | 'scorecard_id' | 'current_certificate_id' | 'created_at'
> & { current_issued_on: string | null };

export async function productsOf(ctx: Ctx, producerIds: string[]): Promise<ExistingProduct[]> {
  const out: ExistingProduct[] = [];
  for (const part of chunks(producerIds)) {
    const rows = await ctx.db
      .selectFrom('products as p')
      .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
      .select([
        'p.id',
        'p.producer_id',
        'p.name_vi',
        'p.name_folded',
        'p.scorecard_id',
        'p.current_certificate_id',
        'p.created_at',
        'c.issued_on as current_issued_on',
      ])
      .where('p.producer_id', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function certificatesNumbered(ctx: Ctx, numbers: string[]): Promise<CertificateTable[]> {
  const out: CertificateTable[] = [];
  for (const part of chunks(numbers)) {
    out.push(...(await ctx.db.selectFrom('certificates').selectAll().where('number', 'in', part).execute()));
  }
  return out;
}

export async function insertProducers(ctx: Ctx, rows: ProducerTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) await ctx.db.insertInto('producers').values(part).execute();
}

export async function insertProducts(ctx: Ctx, rows: ProductTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) await ctx.db.insertInto('products').values(part).execute();
}

export async function insertCertificates(ctx: Ctx, rows: CertificateTable[]): Promise<void> {
  for (const part of chunks(rows, 200)) await ctx.db.insertInto('certificates').values(part).execute();
}

export async function updateRow(
  ctx: Ctx,
  table: 'producers' | 'products' | 'certificates',
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await ctx.db
    .updateTable(table)
    .set(patch as never)
    .where('id', '=', id)
    .execute();
}

export interface AuditDraft {
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

/** Audit records of an import, written in bulk on the import's transaction (audit/audit.repository.ts shape). */
export async function insertAudit(ctx: Ctx, drafts: AuditDraft[]): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const actor = `${ctx.actor.kind}:${ctx.actor.id}`;
  // The id carries the same instant as `at` (the audit log is ordered and filtered by id).
  const rows: AuditLogTable[] = drafts.map((d) => ({
    id: newSortableId('aud', now.getTime()),
    at,
    actor,
    action: d.action,
    entity_type: d.entityType,
    entity_id: d.entityId,
    changes: JSON.stringify(d.changes),
    request_id: ctx.requestId ?? null,
  }));
  for (const part of chunks(rows, 500)) await ctx.db.insertInto('audit_log').values(part).execute();
  if (rows.length > 0) noteChange(ctx.db);
}

export async function insertImportRun(ctx: Ctx, row: ImportRunTable): Promise<void> {
  await ctx.db.insertInto('import_runs').values(row).execute();
}

export async function importRuns(ctx: Ctx, limit = 50): Promise<ImportRunTable[]> {
  return ctx.db.selectFrom('import_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}
