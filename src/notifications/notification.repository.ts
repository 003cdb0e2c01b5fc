import type { Ctx } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { NotificationTable } from '../db/schema.js';

/**
 * In-app notifications: written by jobs and services in their own transaction (so a rolled-back change notifies
 * nobody), read by their user only. Every read and mark is narrowed to one user id: a user never sees or marks
 * another's notifications, whatever ids they send.
 */

/** Rows per insert statement: 8 columns each, far below either engine's limit on bound parameters. */
const INSERT_CHUNK = 500;

export async function insertNotifications(ctx: Ctx, rows: readonly NotificationTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await ctx.db
      .insertInto('notifications')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** A user's notifications, newest first, with the total for paging. */
export async function listNotifications(
  ctx: Ctx,
  userId: string,
  filters: { unreadOnly?: boolean },
  page: PageRequest,
) {
  let q = ctx.db.selectFrom('notifications').where('user_id', '=', userId);
  if (filters.unreadOnly) q = q.where('read_at', 'is', null);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function unreadCount(ctx: Ctx, userId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks the given notifications of `userId` read (or all of them with 'all'); ids of other users' notifications
 * are ignored. Returns how many were unread and are now read.
 */
export async function markNotificationsRead(
  ctx: Ctx,
  userId: string,
  ids: readonly string[] | 'all',
): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  let q = ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock.now().toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
