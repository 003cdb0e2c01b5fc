import { newId } from '../core/ids.js';
import type { ProductTable } from '../db/schema.js';
import type { Pair } from './demo.families.js';
import type { ProducerDraft } from './demo.producers.js';
import { foldParts } from './demo.text.js';
import { DEMO_LABEL_EN, DEMO_LABEL_VI } from './demo.types.js';
import { type Rng, weightedPicker } from './random.js';

/** A product row with the family it was drawn from (the sales points stock by family). */
export interface ProductDraft {
  row: ProductTable;
  familyKey: string;
}

/** How many products each producer makes: at least one each, the rest shared out by producer size. */
export function shareProducts(rng: Rng, producers: readonly ProducerDraft[], total: number): number[] {
  const counts = producers.map(() => 1);
  const pick = weightedPicker([...counts.keys()], (i) => (producers[i] as ProducerDraft).size);
  for (let left = total - producers.length; left > 0; left--) {
    const i = pick(rng);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

export function generateProducts(
  rng: Rng,
  producers: readonly ProducerDraft[],
  counts: readonly number[],
  stamp: string,
  names: Set<string>,
): ProductDraft[] {
  const out: ProductDraft[] = [];
  producers.forEach((p, i) => {
    const first = rng.int(0, p.family.items.length - 1);
    for (let k = 0; k < (counts[i] as number); k++) {
      const item = p.family.items[(first + k) % p.family.items.length] as Pair;
      out.push({ row: productRow(rng, p, item, stamp, names), familyKey: p.family.key });
    }
  });
  return out;
}

function productRow(rng: Rng, p: ProducerDraft, item: Pair, stamp: string, names: Set<string>): ProductTable {
  const variant = rng.pick(p.family.variants);
  const name = uniqueName(names, item[0].replace('{place}', p.label), variant[0], p.brand);
  // The English name tells duplicates apart the same way as the Vietnamese one.
  const itemEn = `${item[1].replace('{place}', p.label)}${name.withBrand ? ` ${p.brand}` : ''}`;
  const where = `${p.commune.fullName}, Hà Nội`;
  return {
    id: newId('prd', (n) => rng.bytes(n)),
    name_vi: name.text,
    name_en: `${itemEn}, ${variant[1]}${name.n > 1 ? ` (${name.n})` : ''}`,
    name_folded: name.folded,
    description_vi: `${p.family.blurb[0]} Sản phẩm của ${p.row.name}, ${where}.${DEMO_LABEL_VI}`,
    description_en: `${p.family.blurb[1]} Made by ${p.row.name}, ${where}.${DEMO_LABEL_EN}`,
    scorecard_id: p.family.scorecard,
    producer_id: p.row.id,
    commune_id: p.commune.id,
    craft_village_id: craftVillageOf(rng, p),
    images: '[]',
    unit: unitOf(variant[0], p.family.unit),
    price_vnd: price(rng, p.family.price),
    current_certificate_id: null,
    demo: 1,
    created_at: stamp,
    updated_at: stamp,
  };
}

/** Packaging words that are also the unit of sale: "túi 500 g" sells by the bag, "cỡ lớn" by the family's unit. */
const PACKAGING_UNITS = new Set(
  'túi hộp chai lọ bình thùng lốc cây bó chậu khay cặp bịch gói bộ giỏ'.split(' '),
);

function unitOf(variant: string, fallback: string): string {
  const first = variant.split(' ')[0] ?? '';
  return PACKAGING_UNITS.has(first) ? first : fallback;
}

/** Famous-village products always name their village; generic food products only sometimes come from one. */
function craftVillageOf(rng: Rng, p: ProducerDraft): string | null {
  if (!p.village) return null;
  if (p.family.village || p.family.craft !== 'food') return p.village.id;
  return rng.chance(0.4) ? p.village.id : null;
}

/**
 * "Bưởi Diễn loại 1"; several producers make Bưởi Diễn, so the brand, then a number, tells them apart:
 * "Bưởi Diễn Minh Hải loại 1", "Bưởi Diễn Minh Hải loại 1 (2)". Items with a dash take the variant after
 * a comma: "Gốm Bát Tràng — bình hút lộc men lam, cỡ lớn".
 */
function uniqueName(
  names: Set<string>,
  item: string,
  variant: string,
  brand: string,
): { text: string; folded: string; withBrand: boolean; n: number } {
  const separator = item.includes('—') ? ', ' : ' ';
  const render = (withBrand: boolean, n: number) =>
    `${item}${withBrand ? ` ${brand}` : ''}${separator}${variant}${n > 1 ? ` (${n})` : ''}`;
  let withBrand = false;
  let n = 1;
  let text = render(withBrand, n);
  if (names.has(text)) text = render((withBrand = true), n);
  while (names.has(text)) text = render(withBrand, ++n);
  names.add(text);
  const folded = foldParts([item, withBrand ? brand : '', variant, n > 1 ? String(n) : '']);
  return { text, folded, withBrand, n };
}

/** Prices as shops write them: round thousands, round 5,000s above 100,000, round 50,000s above 2 million. */
function price(rng: Rng, [min, max]: readonly [number, number]): number {
  const raw = rng.int(min, max);
  const step = raw >= 2_000_000 ? 50_000 : raw >= 100_000 ? 5_000 : 1_000;
  return Math.max(step, Math.round(raw / step) * step);
}
