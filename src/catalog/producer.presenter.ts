import { Type, type Static } from 'typebox';
import type { Locale } from '../core/context.js';
import type { PublicUrls } from '../core/public-urls.js';
import { Nullable } from '../http/schemas.js';
import { LEGAL_FORMS } from './legal-forms.js';
import type { ProducerRow } from './producer.repository.js';

export const ProducerSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    name: Type.String(),
    legalForm: Type.Object({ code: Type.String(), name: Type.String() }),
    registrationNumber: Nullable(Type.String()),
    representative: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    website: Nullable(Type.String()),
    address: Type.String(),
    oldAddress: Nullable(Type.String()),
    commune: Type.Object({ id: Type.String(), name: Type.String() }),
    productCount: Type.Integer(),
    demo: Type.Boolean(),
  },
  { $id: 'Producer' },
);
export type ProducerDto = Static<typeof ProducerSchema>;

export function presentProducer(row: ProducerRow, urls: PublicUrls, locale: Locale): ProducerDto {
  const form = LEGAL_FORMS.find((f) => f.code === row.legal_form);
  return {
    id: row.id,
    url: urls.producer(row.id),
    name: row.name,
    legalForm: { code: row.legal_form, name: form ? form[locale === 'en' ? 'en' : 'vi'] : row.legal_form },
    registrationNumber: row.registration_number,
    representative: row.representative,
    phone: row.phone,
    email: row.email,
    website: row.website,
    address: row.address,
    oldAddress: row.old_address,
    commune: { id: row.commune_id, name: row.commune_name },
    productCount: row.product_count,
    demo: row.demo === 1,
  };
}
