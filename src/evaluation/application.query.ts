import { authorize } from '../accounts/policy.js';
import type { Ctx } from '../core/context.js';
import { NotFoundError } from '../core/errors.js';
import * as repo from './application.repository.js';
import { presentApplication, presentSummary, type ApplicationDto } from './application.presenter.js';
import { applicationResource, listApplications, type ApplicationListQuery } from './application.service.js';

/** Reads of applications, presented: one with its dossier and history, or a page of the actor's list. */
export async function getApplication(ctx: Ctx, id: string, apiBase = '/api/v1'): Promise<ApplicationDto> {
  const row = await repo.findApplicationRow(ctx, id);
  if (!row) throw new NotFoundError('application', id);
  authorize(ctx.actor, 'read', applicationResource(row));
  const [documents, events] = await Promise.all([repo.documentsOf(ctx, id), repo.eventsOf(ctx, id)]);
  return presentApplication(ctx, row, documents, events, apiBase);
}

export async function applicationPage(ctx: Ctx, q: ApplicationListQuery) {
  const { rows, total } = await listApplications(ctx, q);
  return { items: rows.map((r) => presentSummary(r, ctx.locale)), total, page: q.page, limit: q.limit };
}
