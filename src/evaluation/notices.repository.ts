import type { Role } from '../accounts/roles.js';
import type { Ctx, Locale } from '../core/context.js';

/** Recipients of the evaluation's notifications. Portable Kysely only. */
export async function usersWithRole(
  ctx: Ctx,
  role: Role,
  scopeId: string | null,
): Promise<Array<{ id: string; locale: Locale }>> {
  let q = ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.locale'])
    .where('user_roles.role', '=', role)
    .where('users.status', '=', 'active');
  if (scopeId !== null) q = q.where('user_roles.scope_id', '=', scopeId);
  const rows = await q.distinct().orderBy('users.id').execute();
  return rows.map((r) => ({ id: r.id, locale: r.locale === 'en' ? 'en' : 'vi' }));
}

export async function productName(ctx: Ctx, productId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('products')
    .select('name_vi')
    .where('id', '=', productId)
    .executeTakeFirst();
  return row?.name_vi;
}
