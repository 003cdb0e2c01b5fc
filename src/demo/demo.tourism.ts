import { newId } from '../core/ids.js';
import { foldVi } from '../core/vi-text.js';
import type { ProducerTable, ProductTable } from '../db/schema.js';
import { type Gazetteer, missingReference, newAddress, oldAddress } from './demo.gazetteer.js';
import { personName, phoneNumber } from './demo.people.js';
import { TOURISM_PRODUCTS, type TourismProduct } from './demo.places.js';
import { DEMO_LABEL_EN, DEMO_LABEL_VI, type CommuneRef } from './demo.types.js';
import type { Rng } from './random.js';

export const TOURISM_SCORECARD = 26;

/**
 * The two community-tourism OCOP products and their producers. Phù Đổng Green Park is placed through the
 * old→new mapping (old Xã Phù Đổng, Huyện Gia Lâm) rather than a guessed 2025 code.
 */
export function generateTourism(
  rng: Rng,
  gazetteer: Gazetteer,
  stamp: string,
): Array<{ producer: ProducerTable; product: ProductTable }> {
  return TOURISM_PRODUCTS.map((t, i) => {
    const commune = communeOf(gazetteer, t);
    const old = t.old
      ? { fullName: t.old.commune, districtFullName: t.old.district }
      : commune.old.length
        ? rng.pick(commune.old)
        : null;
    const person = personName(rng, rng.chance(0.5));
    const producer: ProducerTable = {
      id: newId('pdc', (n) => rng.bytes(n)),
      name: t.producer.name,
      name_folded: foldVi(t.producer.name),
      legal_form: t.producer.legalForm,
      registration_number: `01${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      representative: person.full,
      representative_is_woman: person.woman ? 1 : 0,
      phone: phoneNumber(rng),
      email: `dulich${i + 1}@example.vn`,
      website: null,
      address: newAddress(t.line, commune),
      old_address: oldAddress(t.line, old),
      commune_id: commune.id,
      demo: 1,
      created_at: stamp,
      updated_at: stamp,
    };
    return { producer, product: productRow(rng, t, commune, producer, stamp) };
  });
}

function communeOf(gazetteer: Gazetteer, t: TourismProduct): CommuneRef {
  if (t.commune !== undefined) return gazetteer.require(t.commune, t.name[0]);
  if (!t.old) throw missingReference(t.name[1], t.name[0]);
  const candidates = gazetteer.communesOf(t.old.district, t.old.commune);
  const found = candidates[0];
  if (!found) {
    throw missingReference(
      `the 2025 commune of ${t.old.commune}, ${t.old.district} (${t.name[1]})`,
      `xã/phường mới của ${t.old.commune}, ${t.old.district} (${t.name[0]})`,
    );
  }
  return found;
}

function productRow(
  rng: Rng,
  t: TourismProduct,
  commune: CommuneRef,
  producer: ProducerTable,
  stamp: string,
): ProductTable {
  const where = `${commune.fullName}, Hà Nội`;
  return {
    id: newId('prd', (n) => rng.bytes(n)),
    name_vi: t.name[0],
    name_en: t.name[1],
    name_folded: foldVi(t.name[0]),
    description_vi: `${t.blurb[0]} Đơn vị cung cấp: ${producer.name}, ${where}.${DEMO_LABEL_VI}`,
    description_en: `${t.blurb[1]} Operated by ${producer.name}, ${where}.${DEMO_LABEL_EN}`,
    scorecard_id: TOURISM_SCORECARD,
    producer_id: producer.id,
    commune_id: commune.id,
    craft_village_id: null,
    images: '[]',
    unit: t.unit,
    price_vnd: t.price,
    current_certificate_id: null,
    demo: 1,
    created_at: stamp,
    updated_at: stamp,
  };
}
