import type { Ctx } from '../core/context.js';

/** What the evaluation's documents need beyond the certificate and decision rows. Portable Kysely only. */

export async function certificateExtras(
  ctx: Ctx,
  certificateId: string,
): Promise<{ producerAddress: string; scorecardName: string } | undefined> {
  const row = await ctx.db
    .selectFrom('certificates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as r', 'r.id', 'p.producer_id')
    .innerJoin('scorecards as s', 's.id', 'p.scorecard_id')
    .select(['r.address', 's.name_vi'])
    .where('c.id', '=', certificateId)
    .executeTakeFirst();
  return row ? { producerAddress: row.address, scorecardName: row.name_vi } : undefined;
}

export async function findDecision(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('decisions as d')
    .leftJoin('evaluation_rounds as r', 'r.id', 'd.round_id')
    .selectAll('d')
    .select('r.name as round_name')
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** The applications a decision ruled on, in the appendix's order: by commune, then product name. */
export async function decisionRows(ctx: Ctx, decisionId: string) {
  return ctx.db
    .selectFrom('applications as a')
    .innerJoin('products as p', 'p.id', 'a.product_id')
    .innerJoin('producers as r', 'r.id', 'a.producer_id')
    .innerJoin('scorecards as s', 's.id', 'a.scorecard_id')
    .leftJoin('admin_units as u', 'u.id', 'a.commune_id')
    .leftJoin('certificates as c', 'c.id', 'a.certificate_id')
    .select([
      'a.id',
      'a.state',
      'a.score',
      'a.stars',
      'p.name_vi as product_name',
      'r.name as producer_name',
      'u.name as commune_name',
      's.name_vi as scorecard_name',
      'c.number as certificate_number',
    ])
    .where('a.decision_id', '=', decisionId)
    .orderBy('u.name')
    .orderBy('p.name_vi')
    .orderBy('a.id')
    .execute();
}

export async function listDecisions(ctx: Ctx) {
  return ctx.db
    .selectFrom('decisions as d')
    .leftJoin('applications as a', 'a.decision_id', 'd.id')
    .select(['d.id', 'd.number', 'd.date', 'd.level', (eb) => eb.fn.count<string | number>('a.id').as('n')])
    .groupBy(['d.id', 'd.number', 'd.date', 'd.level'])
    .orderBy('d.date', 'desc')
    .orderBy('d.id')
    .execute();
}
