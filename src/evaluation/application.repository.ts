import type { Ctx } from '../core/context.js';
import type {
  ApplicationDocumentTable,
  ApplicationEventTable,
  ApplicationTable,
  EvaluationRoundTable,
} from '../db/schema.js';
import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import type { ApplicationState } from './application.workflow.js';

/** Applications, their documents and history, and the evaluation rounds. Portable Kysely only. */

export async function insertRound(ctx: Ctx, row: EvaluationRoundTable): Promise<void> {
  await ctx.db.insertInto('evaluation_rounds').values(row).execute();
}

export async function roundsOfYear(ctx: Ctx, year: number): Promise<EvaluationRoundTable[]> {
  return ctx.db.selectFrom('evaluation_rounds').selectAll().where('year', '=', year).orderBy('seq').execute();
}

export async function listRounds(ctx: Ctx): Promise<EvaluationRoundTable[]> {
  return ctx.db
    .selectFrom('evaluation_rounds')
    .selectAll()
    .orderBy('year', 'desc')
    .orderBy('seq', 'desc')
    .execute();
}

export async function findRound(ctx: Ctx, id: string): Promise<EvaluationRoundTable | undefined> {
  return ctx.db.selectFrom('evaluation_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open round an application filed on `date` joins: the earliest whose cut-off has not passed. */
export async function openRoundOn(ctx: Ctx, date: string): Promise<EvaluationRoundTable | undefined> {
  return ctx.db
    .selectFrom('evaluation_rounds')
    .selectAll()
    .where('status', '=', 'open')
    .where('cutoff', '>=', date)
    .orderBy('cutoff')
    .executeTakeFirst();
}

export async function setRoundStatus(
  ctx: Ctx,
  id: string,
  status: EvaluationRoundTable['status'],
  at: string,
): Promise<void> {
  await ctx.db
    .updateTable('evaluation_rounds')
    .set({ status, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertApplication(ctx: Ctx, row: ApplicationTable): Promise<void> {
  await ctx.db.insertInto('applications').values(row).execute();
}

export async function findApplication(ctx: Ctx, id: string): Promise<ApplicationTable | undefined> {
  return ctx.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateApplication(
  ctx: Ctx,
  id: string,
  changes: Partial<Omit<ApplicationTable, 'id'>>,
): Promise<void> {
  await ctx.db.updateTable('applications').set(changes).where('id', '=', id).execute();
}

const OPEN_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'returned',
  'proposed',
  'accepted',
  'assigned',
  'scored',
  'central_review',
];

/** The product's application still in progress, if any (a product is evaluated once at a time). */
export async function openApplicationOf(ctx: Ctx, productId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('applications')
    .select('id')
    .where('product_id', '=', productId)
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirst();
  return row?.id;
}

export interface ApplicationListRow extends ApplicationTable {
  product_name: string;
  producer_name: string;
  commune_name: string | null;
}

export interface ApplicationFilter {
  state?: string | undefined;
  roundId?: string | undefined;
  sessionId?: string | undefined;
  limit: number;
  offset: number;
}

function listQuery(ctx: Ctx, scope: ListScope, f: ApplicationFilter) {
  let q = ctx.db
    .selectFrom('applications as a')
    .innerJoin('products as p', 'p.id', 'a.product_id')
    .innerJoin('producers as r', 'r.id', 'a.producer_id')
    .leftJoin('admin_units as u', 'u.id', 'a.commune_id');
  q = q.where(inScope(scope, { commune: 'a.commune_id', producer: 'a.producer_id' }));
  if (f.state) q = q.where('a.state', '=', f.state);
  if (f.roundId) q = q.where('a.round_id', '=', f.roundId);
  if (f.sessionId) q = q.where('a.session_id', '=', f.sessionId);
  return q;
}

export async function listApplications(
  ctx: Ctx,
  scope: ListScope,
  f: ApplicationFilter,
): Promise<{ rows: ApplicationListRow[]; total: number }> {
  const rows = await listQuery(ctx, scope, f)
    .selectAll('a')
    .select(['p.name_vi as product_name', 'r.name as producer_name', 'u.name as commune_name'])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = await listQuery(ctx, scope, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function findApplicationRow(ctx: Ctx, id: string): Promise<ApplicationListRow | undefined> {
  return ctx.db
    .selectFrom('applications as a')
    .innerJoin('products as p', 'p.id', 'a.product_id')
    .innerJoin('producers as r', 'r.id', 'a.producer_id')
    .leftJoin('admin_units as u', 'u.id', 'a.commune_id')
    .selectAll('a')
    .select(['p.name_vi as product_name', 'r.name as producer_name', 'u.name as commune_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function applicationsInSession(ctx: Ctx, sessionId: string): Promise<ApplicationTable[]> {
  return ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertEvent(ctx: Ctx, row: ApplicationEventTable): Promise<void> {
  await ctx.db.insertInto('application_events').values(row).execute();
}

export async function eventsOf(ctx: Ctx, applicationId: string): Promise<ApplicationEventTable[]> {
  return ctx.db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export async function insertDocument(ctx: Ctx, row: ApplicationDocumentTable): Promise<void> {
  await ctx.db.insertInto('application_documents').values(row).execute();
}

export async function documentsOf(ctx: Ctx, applicationId: string): Promise<ApplicationDocumentTable[]> {
  return ctx.db
    .selectFrom('application_documents')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function deleteDocument(ctx: Ctx, applicationId: string, documentId: string): Promise<number> {
  const result = await ctx.db
    .deleteFrom('application_documents')
    .where('application_id', '=', applicationId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
