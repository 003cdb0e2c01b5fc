import type { Ctx } from '../core/context.js';

/** The queries of the certificate expiry watch (expiry-watch.ts). */

/** A certificate at stage `from` (null: none announced yet) is due once it expires on or before `by`. */
export interface StageThreshold {
  from: string | null;
  by: string;
}

/**
 * One page (by id, after `after`) of the certificates whose next stage is due on `today` by `thresholds`: the SQL
 * side of `dueStage`, so a run reads only what it may announce. Superseded certificates, and those revoked by
 * `today`, are left out. With the product and producer the notices name.
 */
export async function dueCertificates(
  ctx: Ctx,
  today: string,
  thresholds: readonly StageThreshold[],
  after: string,
  limit: number,
) {
  return ctx.db
    .selectFrom('certificates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .select([
      'c.id',
      'c.number',
      'c.stars',
      'c.expires_on',
      'c.revoked_on',
      'c.superseded_by_id',
      'c.watch_stage',
      'c.product_id',
      'p.name_vi as product_name_vi',
      'p.name_en as product_name_en',
      'p.producer_id',
      'pr.name as producer_name',
    ])
    .where('c.superseded_by_id', 'is', null)
    .where((eb) => eb.or([eb('c.revoked_on', 'is', null), eb('c.revoked_on', '>', today)]))
    .where((eb) =>
      eb.or(
        thresholds.map((t) =>
          eb.and([
            t.from === null ? eb('c.watch_stage', 'is', null) : eb('c.watch_stage', '=', t.from),
            eb('c.expires_on', '<=', t.by),
          ]),
        ),
      ),
    )
    .where('c.id', '>', after)
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export type DueCertificateRow = Awaited<ReturnType<typeof dueCertificates>>[number];

const CLAIM_CHUNK = 500;

/**
 * Moves the certificates `ids` from stage `from` to `to`, only where they still are at `from`, and returns the
 * ids it moved. Two runs at once (the server and the CLI) therefore never announce a stage twice: the second
 * finds the row already moved (PostgreSQL re-checks the condition after waiting for the first one's lock).
 */
export async function claimStage(
  ctx: Ctx,
  ids: readonly string[],
  from: string | null,
  to: string,
): Promise<string[]> {
  const moved: string[] = [];
  for (let i = 0; i < ids.length; i += CLAIM_CHUNK) {
    const rows = await ctx.db
      .updateTable('certificates')
      .set({ watch_stage: to })
      .where('id', 'in', ids.slice(i, i + CLAIM_CHUNK))
      .where((eb) => (from === null ? eb('watch_stage', 'is', null) : eb('watch_stage', '=', from)))
      .returning('id')
      .execute();
    for (const r of rows) moved.push(r.id);
  }
  return moved;
}

/** The active producer accounts of these producers (role 'producer' scoped to the producer id). */
export async function producerAccounts(ctx: Ctx, producerIds: readonly string[]) {
  if (producerIds.length === 0) return [];
  return ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.name', 'users.locale', 'user_roles.scope_id as producer_id'])
    .where('user_roles.role', '=', 'producer')
    .where('user_roles.scope_id', 'in', producerIds)
    .where('users.status', '=', 'active')
    .orderBy('users.id')
    .execute();
}

export type WatchRecipient = Awaited<ReturnType<typeof producerAccounts>>[number];
