import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { OutboxTable } from '../db/schema.js';

export async function insertMail(ctx: Ctx, row: OutboxTable): Promise<void> {
  await ctx.db.insertInto('outbox').values(row).execute();
}

export async function queuedMail(ctx: Ctx, limit: number) {
  return ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function markMail(
  ctx: Ctx,
  id: string,
  patch: Pick<OutboxTable, 'status' | 'sent_at' | 'error'>,
): Promise<void> {
  await ctx.db.updateTable('outbox').set(patch).where('id', '=', id).execute();
}

export async function listMail(ctx: Ctx, filters: { to?: string }, page: PageRequest) {
  let q = ctx.db.selectFrom('outbox');
  if (filters.to) q = q.where('to_address', '=', filters.to.toLowerCase());
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
