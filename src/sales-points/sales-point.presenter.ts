import { Type, type Static } from 'typebox';
import type { Locale } from '../core/context.js';
import type { PublicUrls } from '../core/public-urls.js';
import { Nullable } from '../http/schemas.js';
import { LOCATION_TYPES } from './location-types.js';
import type { SalesPointRow } from './sales-point.repository.js';

export const SalesPointSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    name: Type.String(),
    locationType: Type.Object({ code: Type.String(), name: Type.String() }),
    address: Type.String(),
    commune: Type.Object({ id: Type.String(), name: Type.String() }),
    location: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
    operator: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    website: Nullable(Type.String()),
    openingHours: Nullable(Type.String()),
    tourismLinked: Type.Boolean(),
    craftVillage: Nullable(Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() })),
    checklist: Type.Record(Type.String(), Type.Boolean()),
    productCount: Type.Integer(),
    demo: Type.Boolean(),
  },
  { $id: 'SalesPoint' },
);
export type SalesPointDto = Static<typeof SalesPointSchema>;

export function presentSalesPoint(row: SalesPointRow, urls: PublicUrls, locale: Locale): SalesPointDto {
  const type = LOCATION_TYPES.find((t) => t.code === row.location_type);
  return {
    id: row.id,
    url: urls.salesPoint(row.id),
    name: row.name,
    locationType: {
      code: row.location_type,
      name: type ? type[locale === 'en' ? 'en' : 'vi'] : row.location_type,
    },
    address: row.address,
    commune: { id: row.commune_id, name: row.commune_name },
    location:
      row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lon: row.longitude } : null,
    operator: row.operator,
    phone: row.phone,
    email: row.email,
    website: row.website,
    openingHours: row.opening_hours,
    tourismLinked: row.tourism_linked === 1 || row.craft_village_id !== null,
    craftVillage:
      row.craft_village_id === null
        ? null
        : {
            id: row.craft_village_id,
            name: row.craft_village_name ?? '',
            url: urls.craftVillage(row.craft_village_id),
          },
    checklist: JSON.parse(row.checklist) as Record<string, boolean>,
    productCount: row.product_count,
    demo: row.demo === 1,
  };
}
