import { LEGAL_FORMS, type LegalFormCode } from '../catalog/legal-forms.js';
import { newId } from '../core/ids.js';
import { foldVi } from '../core/vi-text.js';
import type { CraftVillageTable, ProducerTable } from '../db/schema.js';
import type { ProductFamily } from './demo.families.js';
import { type Gazetteer, newAddress, oldAddress } from './demo.gazetteer.js';
import { addressLine, brandName, personName, phoneNumber, type PersonName } from './demo.people.js';
import { foldParts } from './demo.text.js';
import type { Villages } from './demo.villages.js';
import type { CommuneRef } from './demo.types.js';
import { type Rng, weightedPicker } from './random.js';

/** A producer with what the product generator needs to know about it. */
export interface ProducerDraft {
  row: ProducerTable;
  family: ProductFamily;
  commune: CommuneRef;
  village: CraftVillageTable | null;
  /** The place word used in product names ("Bát Tràng", or the commune's name). */
  label: string;
  brand: string;
  /** Relative size, for sharing products out: companies make more products than households. */
  size: number;
}

/** Shares of legal forms among Hà Nội's OCOP producers (cooperatives and households lead). */
const FORM_WEIGHTS: Record<LegalFormCode, number> = {
  htx: 30,
  hokinhdoanh: 25,
  tnhh1: 14,
  tnhh2: 8,
  cophan: 10,
  dntn: 5,
  tohoptac: 8,
};
const FORM_SIZE: Record<LegalFormCode, number> = {
  htx: 3,
  hokinhdoanh: 1,
  tnhh1: 3,
  tnhh2: 3.5,
  cophan: 4,
  dntn: 2,
  tohoptac: 1.5,
};
const FORM_CODES = LEGAL_FORMS.map((f) => f.code);
const pickForm = weightedPicker(FORM_CODES, (c) => FORM_WEIGHTS[c]);

export interface ProducerContext {
  rng: Rng;
  gazetteer: Gazetteer;
  villages: Villages;
  stamp: string;
  names: Set<string>;
  registrations: Set<string>;
}

/**
 * `count` producers. The first ones cover every legal form and every family that has a fixed place or
 * village (so each famous village and each real sales point has products); the rest are drawn by weight.
 */
export function generateProducers(
  cx: ProducerContext,
  families: readonly ProductFamily[],
  count: number,
): ProducerDraft[] {
  const pickFamily = weightedPicker(families, (f) => f.weight);
  const required = families.filter((f) => f.place !== undefined);
  const out: ProducerDraft[] = [];
  for (let i = 0; i < count; i++) {
    const form = i < FORM_CODES.length ? (FORM_CODES[i] as LegalFormCode) : pickForm(cx.rng);
    const family = i < required.length ? (required[i] as ProductFamily) : pickFamily(cx.rng);
    out.push(producer(cx, form, family, i));
  }
  return out;
}

function producer(
  cx: ProducerContext,
  form: LegalFormCode,
  family: ProductFamily,
  index: number,
): ProducerDraft {
  const { rng } = cx;
  const { commune, village, atHint } = placeOf(cx, family);
  // When the reference data cannot place a famous family, its hamlet and old address would be wrong.
  const hint = atHint ? family.place : undefined;
  const label = family.label ?? commune.name;
  const brand = brandName(rng);
  const person = representative(cx, form);
  const nameParts = uniqueName(cx.names, baseName(form, family, label, brand, person, rng), brand, index);
  const name = nameParts.join(' ');
  const old = cx.gazetteer.oldUnit(commune, rng, hint);
  // Hamlets (thôn) in what were rural communes, residential groups in old wards and townships.
  const urban = old ? /^(Phường|Thị trấn) /u.test(old.fullName) : commune.kind === 'Phường';
  const line = hint?.hamlet ? `Thôn ${hint.hamlet}` : addressLine(rng, urban ? 'Phường' : 'Xã');
  const slug = foldVi(brand).replace(/ /g, '');
  const row: ProducerTable = {
    id: newId('pdc', (n) => rng.bytes(n)),
    name,
    name_folded: foldParts(nameParts),
    legal_form: form,
    registration_number: registration(cx, form),
    representative: person.full,
    representative_is_woman: person.woman ? 1 : 0,
    phone: phoneNumber(rng),
    email: form === 'hokinhdoanh' && rng.chance(0.5) ? null : `${slug}.${index + 1}@example.vn`,
    website: isCompany(form) && rng.chance(0.3) ? `https://${slug}${index + 1}.example.vn` : null,
    address: newAddress(line, commune),
    old_address: oldAddress(line, old),
    commune_id: commune.id,
    demo: 1,
    created_at: cx.stamp,
    updated_at: cx.stamp,
  };
  return { row, family, commune, village, label, brand, size: FORM_SIZE[form] };
}

/** A household business is named after its owner: draw another name rather than number two namesakes. */
function representative(cx: ProducerContext, form: LegalFormCode): PersonName {
  let person = personName(cx.rng, cx.rng.chance(0.42));
  for (let i = 0; form === 'hokinhdoanh' && i < 5 && cx.names.has(`Hộ kinh doanh ${person.full}`); i++) {
    person = personName(cx.rng, person.woman);
  }
  return person;
}

interface Placement {
  commune: CommuneRef;
  village: CraftVillageTable | null;
  /** True when the commune is the one the family's place hint names. */
  atHint: boolean;
}

/** Famous families sit on their place; craft families in a village of their craft; the rest anywhere. */
function placeOf(cx: ProducerContext, family: ProductFamily): Placement {
  const { gazetteer, rng } = cx;
  const famous = cx.villages.byFamily.get(family.key);
  if (famous) {
    const commune = gazetteer.require(famous.commune_id, famous.name);
    return {
      commune,
      village: famous,
      atHint: family.place ? gazetteer.matches(commune, family.place) : false,
    };
  }
  if (family.place) {
    const commune = gazetteer.resolve(family.place, rng);
    return commune
      ? { commune, village: null, atHint: true }
      : { commune: gazetteer.weighted(rng), village: null, atHint: false };
  }
  const candidates = family.craft ? cx.villages.byCraft.get(family.craft) : undefined;
  if (candidates?.length) {
    const village = rng.pick(candidates);
    return { commune: gazetteer.require(village.commune_id, village.name), village, atHint: false };
  }
  return { commune: gazetteer.weighted(rng), village: null, atHint: false };
}

/** The name in recurring parts (joined by spaces), so that folding stays cheap (demo.text.ts). */
function baseName(
  form: LegalFormCode,
  family: ProductFamily,
  label: string,
  brand: string,
  person: PersonName,
  rng: Rng,
): string[] {
  const trade = family.trade[0];
  switch (form) {
    case 'hokinhdoanh':
      return ['Hộ kinh doanh', person.full];
    case 'htx':
      return rng.chance(0.5) ? ['HTX', trade, label, brand] : ['HTX', trade, label];
    case 'tohoptac':
      return ['Tổ hợp tác', trade, label];
    case 'tnhh1':
    case 'tnhh2':
      return ['Công ty TNHH', trade, label, brand];
    case 'cophan':
      return ['Công ty Cổ phần', trade, brand];
    case 'dntn':
      return ['DNTN', trade, brand];
  }
}

function uniqueName(names: Set<string>, base: string[], brand: string, index: number): string[] {
  let parts = base;
  if (names.has(parts.join(' ')) && base[base.length - 1] !== brand) parts = [...base, brand];
  if (names.has(parts.join(' '))) parts = [...parts, String(index + 1)];
  names.add(parts.join(' '));
  return parts;
}

function isCompany(form: LegalFormCode): boolean {
  return form === 'tnhh1' || form === 'tnhh2' || form === 'cophan' || form === 'dntn';
}

/**
 * Enterprise and cooperative codes in Hà Nội are 10 digits starting with 01; household businesses carry a
 * district-issued number like 01E8012345; cooperative groups register by contract and have none.
 */
function registration(cx: ProducerContext, form: LegalFormCode): string | null {
  if (form === 'tohoptac') return null;
  for (;;) {
    const code =
      form === 'hokinhdoanh'
        ? `01${String.fromCharCode(65 + cx.rng.int(0, 25))}8${String(cx.rng.int(0, 999_999)).padStart(6, '0')}`
        : `01${String(cx.rng.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!cx.registrations.has(code)) {
      cx.registrations.add(code);
      return code;
    }
  }
}
