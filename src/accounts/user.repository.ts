import type { Ctx, Grant } from '../core/context.js';
import { offsetOf, type PageRequest } from '../db/paging.js';
import type { UserTable } from '../db/schema.js';
import { isRole } from './roles.js';

export async function findUserByEmail(ctx: Ctx, email: string) {
  return ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type UserRow = UserTable;

export async function insertUser(ctx: Ctx, row: UserTable): Promise<void> {
  await ctx.db.insertInto('users').values(row).execute();
}

export async function updateUserRow(ctx: Ctx, id: string, patch: Partial<UserTable>): Promise<void> {
  await ctx.db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function grantsOf(ctx: Ctx, userId: string): Promise<Grant[]> {
  const rows = await ctx.db
    .selectFrom('user_roles')
    .select(['role', 'scope_id'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('scope_id')
    .execute();
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, scopeId: r.scope_id }] : []));
}

export async function insertGrant(ctx: Ctx, id: string, userId: string, grant: Grant): Promise<void> {
  await ctx.db
    .insertInto('user_roles')
    .values({ id, user_id: userId, role: grant.role, scope_id: grant.scopeId })
    .execute();
}

export async function deleteGrants(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
}

/** Users holding `role` within `scopeId` (or any scope when null), active only: who to notify. */
export async function usersWithRole(ctx: Ctx, role: string, scopeId: string | null) {
  let q = ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.name', 'users.locale'])
    .where('user_roles.role', '=', role)
    .where('users.status', '=', 'active');
  if (scopeId !== null) q = q.where('user_roles.scope_id', '=', scopeId);
  return q.distinct().execute();
}

export interface UserFilters {
  q?: string;
  role?: string;
}

export async function listUsers(ctx: Ctx, f: UserFilters, page: PageRequest) {
  let q = ctx.db.selectFrom('users');
  if (f.q) q = q.where('email', 'like', `%${f.q.toLowerCase().replace(/[%_]/g, '')}%`);
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    );
  }
  const [items, total] = await Promise.all([
    q
      .select(['id', 'email', 'name', 'status', 'locale', 'locked_until', 'created_at'])
      .orderBy('email')
      .limit(page.limit)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const grants = items.length
    ? await ctx.db
        .selectFrom('user_roles')
        .select(['user_id', 'role', 'scope_id'])
        .where(
          'user_id',
          'in',
          items.map((u) => u.id),
        )
        .execute()
    : [];
  return {
    items: items.map((u) => ({
      ...u,
      grants: grants.filter((g) => g.user_id === u.id).map((g) => ({ role: g.role, scopeId: g.scope_id })),
    })),
    total: total.n,
  };
}
