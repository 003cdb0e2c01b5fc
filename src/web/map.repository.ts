import type { Ctx } from '../core/context.js';

/** The only SQL of the map: every sales point and craft village with its commune, in a stable order. */
export async function salesPointPlaces(ctx: Ctx) {
  return ctx.db
    .selectFrom('sales_points as sp')
    .innerJoin('admin_units as cm', 'cm.id', 'sp.commune_id')
    .select([
      'sp.id',
      'sp.name',
      'sp.location_type',
      'sp.address',
      'sp.latitude',
      'sp.longitude',
      'sp.commune_id',
      'cm.full_name as commune_name',
    ])
    .orderBy('sp.name_folded')
    .orderBy('sp.id')
    .execute();
}

export async function craftVillagePlaces(ctx: Ctx) {
  return ctx.db
    .selectFrom('craft_villages as cv')
    .innerJoin('admin_units as cm', 'cm.id', 'cv.commune_id')
    .select([
      'cv.id',
      'cv.name',
      'cv.craft',
      'cv.recognized',
      'cv.commune_id',
      'cm.full_name as commune_name',
    ])
    .orderBy('cv.name_folded')
    .orderBy('cv.id')
    .execute();
}
