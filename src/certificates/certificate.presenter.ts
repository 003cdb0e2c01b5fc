import { Type, type Static } from 'typebox';
import type { Locale } from '../core/context.js';
import type { PublicUrls } from '../core/public-urls.js';
import { Nullable } from '../http/schemas.js';
import { certificateStatus } from './certificate.js';
import type { CertificateRow } from './certificate.repository.js';

export const CertificateSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    verifyUrl: Type.String(),
    status: Type.String(),
    stars: Type.Integer(),
    score: Nullable(Type.Number()),
    level: Type.String(),
    decisionNumber: Type.String(),
    decisionDate: Type.String(),
    issuedOn: Type.String(),
    expiresOn: Type.String(),
    revokedOn: Nullable(Type.String()),
    revocationReason: Nullable(Type.String()),
    supersededBy: Nullable(Type.String()),
    product: Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() }),
    producer: Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() }),
    demo: Type.Boolean(),
  },
  { $id: 'Certificate' },
);
export type CertificateDto = Static<typeof CertificateSchema>;

export function presentCertificate(
  row: CertificateRow,
  today: string,
  urls: PublicUrls,
  locale: Locale,
): CertificateDto {
  return {
    id: row.id,
    number: row.number,
    verifyUrl: urls.verify(row.number),
    status: certificateStatus(
      { expiresOn: row.expires_on, revokedOn: row.revoked_on, supersededById: row.superseded_by_id },
      today,
    ),
    stars: row.stars,
    score: row.score,
    level: row.level,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    revokedOn: row.revoked_on,
    revocationReason: row.revocation_reason,
    supersededBy: row.superseded_by_id,
    product: {
      id: row.product_id,
      name: locale === 'en' && row.product_name_en ? row.product_name_en : row.product_name_vi,
      url: urls.product(row.product_id),
    },
    producer: { id: row.producer_id, name: row.producer_name, url: urls.producer(row.producer_id) },
    demo: row.demo === 1,
  };
}
