import type { Ctx } from '../core/context.js';

/** A signed-in buyer's basket on their account (migration 0010): the lines' compact text, or null when none. */
export async function accountBasket(ctx: Ctx, userId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('baskets')
    .select('lines')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.lines ?? null;
}

/** Replaces the account's basket; an empty one is removed. */
export async function saveAccountBasket(ctx: Ctx, userId: string, lines: string): Promise<void> {
  if (lines === '') {
    await ctx.db.deleteFrom('baskets').where('user_id', '=', userId).execute();
    return;
  }
  const updated_at = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('baskets')
    .values({ user_id: userId, lines, updated_at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ lines, updated_at }))
    .execute();
}
