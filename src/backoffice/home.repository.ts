import type { ListScope } from '../accounts/policy.js';
import { inScope } from '../accounts/scope.sql.js';
import { certificateStatusIs } from '../certificates/certificate-status.sql.js';
import type { Ctx } from '../core/context.js';

/** Current certificates expiring (within 180 days) or expired, in the actor's scope, soonest first. */
export async function certificatesToWatch(ctx: Ctx, scope: ListScope, today: string, limit: number) {
  const q = ctx.db
    .selectFrom('certificates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .select([
      'c.id',
      'c.number',
      'c.stars',
      'c.expires_on',
      'p.id as product_id',
      'p.name_vi',
      'p.name_en',
      'pr.name as producer_name',
    ])
    .where((eb) =>
      eb.or([certificateStatusIs('c', 'expiring', today), certificateStatusIs('c', 'expired', today)]),
    )
    .whereRef('p.current_certificate_id', '=', 'c.id')
    .where(inScope(scope, { commune: 'p.commune_id', producer: 'p.producer_id' }));
  const [rows, count] = await Promise.all([
    q.orderBy('c.expires_on').orderBy('c.id').limit(limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function scopeCounts(ctx: Ctx, scope: ListScope) {
  const [products, producers, villages, salesPoints] = await Promise.all([
    ctx.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope, { commune: 'commune_id', producer: 'producer_id' }))
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('producers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope, { commune: 'commune_id', producer: 'id' }))
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('craft_villages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope, { commune: 'commune_id' }))
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('sales_points')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope, { commune: 'commune_id', salesPoint: 'id' }))
      .executeTakeFirstOrThrow(),
  ]);
  return { products: products.n, producers: producers.n, villages: villages.n, salesPoints: salesPoints.n };
}

export async function unreadNotifications(ctx: Ctx, userId: string, limit: number) {
  return ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at'])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function lockedAccounts(ctx: Ctx, now: string) {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('locked_until', '>', now)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function outboxCount(ctx: Ctx) {
  const row = await ctx.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['outbox', 'failed'])
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function salesPointsOf(ctx: Ctx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ctx.db
    .selectFrom('sales_points as s')
    .leftJoin('sales_point_products as sp', 'sp.sales_point_id', 's.id')
    .select(['s.id', 's.name', 's.address', (eb) => eb.fn.count<number>('sp.product_id').as('stocked')])
    .where('s.id', 'in', [...ids])
    .groupBy(['s.id', 's.name', 's.address'])
    .execute();
}
