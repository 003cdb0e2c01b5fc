import { Type, type Static } from 'typebox';
import { certificateStatus } from '../certificates/certificate.js';
import type { Locale } from '../core/context.js';
import type { PublicUrls } from '../core/public-urls.js';
import { Nullable } from '../http/schemas.js';
import type { ProductRow } from './product.repository.js';

export const CertificateSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  stars: Type.Integer(),
  score: Nullable(Type.Number()),
  level: Type.String(),
  status: Type.String(),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
});

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const LinkedRef = Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() });

export const ProductSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    name: Type.String(),
    nameVi: Type.String(),
    nameEn: Nullable(Type.String()),
    description: Nullable(Type.String()),
    stars: Nullable(Type.Integer()),
    certificate: Nullable(CertificateSummary),
    scorecard: Type.Object({ id: Type.Integer(), name: Type.String() }),
    sector: Type.Object({ code: Type.String(), name: Type.String() }),
    producer: LinkedRef,
    commune: Ref,
    craftVillage: Nullable(LinkedRef),
    unit: Nullable(Type.String()),
    priceVnd: Nullable(Type.Integer()),
    images: Type.Array(Type.String()),
    demo: Type.Boolean(),
  },
  { $id: 'Product' },
);
export type ProductDto = Static<typeof ProductSchema>;

export function presentProduct(row: ProductRow, today: string, urls: PublicUrls, locale: Locale): ProductDto {
  const en = locale === 'en';
  const cert =
    row.cert_id === null
      ? null
      : {
          id: row.cert_id,
          number: row.cert_number ?? '',
          stars: row.cert_stars ?? 0,
          score: row.cert_score,
          level: row.cert_level ?? '',
          status: certificateStatus(
            {
              expiresOn: row.cert_expires_on ?? '',
              revokedOn: row.cert_revoked_on,
              supersededById: row.cert_superseded_by_id,
            },
            today,
          ),
          issuedOn: row.cert_issued_on ?? '',
          expiresOn: row.cert_expires_on ?? '',
        };
  return {
    id: row.id,
    url: urls.product(row.id),
    name: en && row.name_en ? row.name_en : row.name_vi,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    description: en && row.description_en ? row.description_en : row.description_vi,
    stars: cert && cert.status !== 'revoked' ? cert.stars : null,
    certificate: cert,
    scorecard: { id: row.scorecard_id, name: en ? row.scorecard_name_en : row.scorecard_name_vi },
    sector: { code: row.sector_code, name: en ? row.sector_name_en : row.sector_name_vi },
    producer: { id: row.producer_id, name: row.producer_name, url: urls.producer(row.producer_id) },
    commune: { id: row.commune_id, name: row.commune_name },
    craftVillage:
      row.craft_village_id === null
        ? null
        : {
            id: row.craft_village_id,
            name: row.craft_village_name ?? '',
            url: urls.craftVillage(row.craft_village_id),
          },
    unit: row.unit,
    priceVnd: row.price_vnd,
    images: JSON.parse(row.images) as string[],
    demo: row.demo === 1,
  };
}
