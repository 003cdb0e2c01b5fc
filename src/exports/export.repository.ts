import type { Ctx } from '../core/context.js';

/** What an export row needs beyond the product list: the producer's address and the decision of the certificate. */
export async function exportDetails(ctx: Ctx, productIds: string[]) {
  if (productIds.length === 0) return [];
  return ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select([
      'p.id',
      'pr.address as producer_address',
      'pr.commune_id as producer_commune_id',
      'pr.registration_number',
      'c.decision_number',
      'c.decision_date',
    ])
    .where('p.id', 'in', productIds)
    .execute();
}

/** What a certificates export row needs beyond the certificate list: the scorecard and the producer's record. */
export async function certificateExportDetails(ctx: Ctx, certificateIds: string[]) {
  if (certificateIds.length === 0) return [];
  return ctx.db
    .selectFrom('certificates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .select([
      'c.id',
      'p.scorecard_id',
      'pr.address as producer_address',
      'pr.commune_id as producer_commune_id',
      'pr.registration_number',
    ])
    .where('c.id', 'in', certificateIds)
    .execute();
}
