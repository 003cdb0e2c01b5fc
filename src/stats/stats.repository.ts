import { sql } from 'kysely';
import { addDays, CERTIFICATE_STATUSES } from '../certificates/certificate.js';
import { certificateStatusIs } from '../certificates/certificate-status.sql.js';
import type { Ctx } from '../core/context.js';

const n = (v: unknown) => Number(v);

/**
 * Certified products: those whose current certificate has 3★ or more and is not revoked, whether or not it has
 * expired since (the city's figures count products certified so far).
 */
function certifiedProducts(ctx: Ctx, demo?: boolean, includeRevoked = false) {
  let q = ctx.db
    .selectFrom('products as p')
    .innerJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .where('c.stars', '>=', 3);
  if (!includeRevoked) q = q.where('c.revoked_on', 'is', null);
  if (demo !== undefined) q = q.where('p.demo', '=', demo ? 1 : 0);
  return q;
}

export async function productStats(ctx: Ctx, today: string, demo?: boolean) {
  const byStars = await certifiedProducts(ctx, demo)
    .select(['c.stars', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('c.stars')
    .execute();
  const bySector = await certifiedProducts(ctx, demo)
    .innerJoin('scorecards as sc', 'sc.id', 'p.scorecard_id')
    .innerJoin('sectors as se', 'se.code', 'sc.sector_code')
    .select(['se.code', 'se.name_vi', 'se.name_en', 'se.position', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['se.code', 'se.name_vi', 'se.name_en', 'se.position'])
    .orderBy('se.position')
    .execute();
  const byCommune = await certifiedProducts(ctx, demo)
    .innerJoin('admin_units as cm', 'cm.id', 'p.commune_id')
    .select(['cm.id', 'cm.full_name', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['cm.id', 'cm.full_name'])
    .orderBy('n', 'desc')
    .orderBy('cm.id')
    .execute();
  const byStatus = await Promise.all(
    CERTIFICATE_STATUSES.map(async (status) => {
      const row = await certifiedProducts(ctx, demo, true)
        .where(certificateStatusIs('c', status, today))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return [status, n(row.n)] as const;
    }),
  );
  return {
    byStars: byStars.map((r) => ({ stars: r.stars, count: n(r.n) })).sort((a, b) => a.stars - b.stars),
    bySector: bySector.map((r) => ({ code: r.code, nameVi: r.name_vi, nameEn: r.name_en, count: n(r.n) })),
    byCommune: byCommune.map((r) => ({ id: r.id, name: r.full_name, count: n(r.n) })),
    byStatus: Object.fromEntries(byStatus),
  };
}

export async function placeStats(ctx: Ctx, demo?: boolean) {
  const cv = await ctx.db
    .selectFrom('craft_villages')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`coalesce(sum(recognized), 0)`.as('recognized'),
    ])
    .$if(demo !== undefined, (q) => q.where('demo', '=', demo ? 1 : 0))
    .executeTakeFirstOrThrow();
  const sp = await ctx.db
    .selectFrom('sales_points')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`coalesce(sum(case when tourism_linked = 1 or craft_village_id is not null then 1 else 0 end), 0)`.as(
        'linked',
      ),
    ])
    .$if(demo !== undefined, (q) => q.where('demo', '=', demo ? 1 : 0))
    .executeTakeFirstOrThrow();
  return {
    craftVillages: { total: n(cv.total), recognized: n(cv.recognized) },
    salesPoints: { total: n(sp.total), tourismOrCraftVillageLinked: n(sp.linked) },
  };
}

/** Current certificates of products that expire within `days` (still live), and those already expired. */
export async function expiryStats(ctx: Ctx, today: string, days: number, demo?: boolean) {
  const live = (q: ReturnType<typeof certifiedProducts>) =>
    q.where('c.revoked_on', 'is', null).where('c.superseded_by_id', 'is', null);
  const [soon, expired] = await Promise.all([
    live(certifiedProducts(ctx, demo))
      .where('c.expires_on', '>', today)
      .where('c.expires_on', '<=', addDays(today, days))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    live(certifiedProducts(ctx, demo))
      .where('c.expires_on', '<=', today)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { expiringWithin: n(soon.n), expired: n(expired.n) };
}
