import { newId } from '../core/ids.js';
import { foldVi } from '../core/vi-text.js';
import type { SalesPointProductTable, SalesPointTable } from '../db/schema.js';
import type { LocationTypeCode } from '../sales-points/location-types.js';
import { type Gazetteer, newAddress } from './demo.gazetteer.js';
import { pointInside } from './demo.geo.js';
import { addressLine, brandName, hamletName, phoneNumber } from './demo.people.js';
import { REAL_SALES_POINTS, type RealSalesPoint } from './demo.places.js';
import type { ProductDraft } from './demo.products.js';
import type { Villages } from './demo.villages.js';
import type { CommuneRef } from './demo.types.js';
import { type Rng, weightedPicker } from './random.js';

export interface SalesPointContext {
  rng: Rng;
  gazetteer: Gazetteer;
  villages: Villages;
  /** Products a sales point may stock (tourism services are not stocked). */
  products: readonly ProductDraft[];
  stamp: string;
}

export interface SalesPointCounts {
  total: number;
  /** Tied to tourism or a craft village, the real ones included. */
  linked: number;
}

/** Products grouped for stocking, built once (filtering per point would be quadratic at 100,000 products). */
interface StockIndex {
  byFamily: Map<string, ProductDraft[]>;
  byCommune: Map<string, ProductDraft[]>;
  byVillage: Map<string, ProductDraft[]>;
  recognizedVillages: Villages['rows'];
}

interface PointSpec {
  name: string;
  commune: CommuneRef;
  line: string;
  type: LocationTypeCode;
  tourism: boolean;
  villageId: string | null;
  operator: string;
  /** Products to stock first. */
  preferred: ProductDraft[];
}

/** Ordinary points (not tied to tourism or a village) by location type, as Decision 950 lists them. */
const ORDINARY_TYPES: ReadonlyArray<readonly [LocationTypeCode, number]> = [
  ['retail', 45],
  ['post_office', 14],
  ['commercial_centre', 12],
  ['transport_hub', 10],
  ['rest_stop', 6],
  ['exhibition', 5],
];
const pickOrdinary = weightedPicker(ORDINARY_TYPES, ([, w]) => w);

export function generateSalesPoints(
  cx: SalesPointContext,
  counts: SalesPointCounts,
): { salesPoints: SalesPointTable[]; stock: SalesPointProductTable[] } {
  const index = stockIndex(cx);
  const specs: PointSpec[] = REAL_SALES_POINTS.map((r) => realSpec(cx, index, r));
  const linkedGeneric = Math.max(0, counts.linked - specs.length);
  const names = new Set(specs.map((s) => s.name));
  for (let i = 0; specs.length < counts.total; i++) {
    specs.push(
      i < linkedGeneric ? linkedSpec(cx, index, i % 2 === 0, names) : ordinarySpec(cx, index, names),
    );
  }
  const salesPoints: SalesPointTable[] = [];
  const stock: SalesPointProductTable[] = [];
  for (const spec of specs) {
    const row = pointRow(cx, spec);
    salesPoints.push(row);
    for (const productId of stockFor(cx, spec)) stock.push({ sales_point_id: row.id, product_id: productId });
  }
  return { salesPoints, stock };
}

function stockIndex(cx: SalesPointContext): StockIndex {
  const group = (key: (p: ProductDraft) => string | null) => {
    const out = new Map<string, ProductDraft[]>();
    for (const p of cx.products) {
      const k = key(p);
      if (k === null) continue;
      const list = out.get(k);
      if (list) list.push(p);
      else out.set(k, [p]);
    }
    return out;
  };
  return {
    byFamily: group((p) => p.familyKey),
    byCommune: group((p) => p.row.commune_id),
    byVillage: group((p) => p.row.craft_village_id),
    recognizedVillages: cx.villages.rows.filter((v) => v.recognized === 1),
  };
}

function realSpec(cx: SalesPointContext, index: StockIndex, r: RealSalesPoint): PointSpec {
  const commune = cx.gazetteer.require(r.commune, r.name);
  const village = r.families[0] ? cx.villages.byFamily.get(r.families[0]) : undefined;
  return {
    name: r.name,
    commune,
    line: r.note ? `${r.line} (${r.note})` : r.line,
    type: r.locationType,
    tourism: r.tourism,
    villageId: village?.id ?? null,
    operator: r.operator,
    preferred: r.families.flatMap((f) => index.byFamily.get(f) ?? []),
  };
}

/** Generic points tied to a recognized craft village, or to a tourist site, alternately. */
function linkedSpec(cx: SalesPointContext, index: StockIndex, craft: boolean, names: Set<string>): PointSpec {
  const { rng } = cx;
  if (craft && index.recognizedVillages.length) {
    const village = rng.pick(index.recognizedVillages);
    const commune = cx.gazetteer.require(village.commune_id, village.name);
    return {
      name: unique(names, `Điểm giới thiệu sản phẩm OCOP — ${village.name}, ${commune.name}`),
      commune,
      line: village.name.replace(/^Làng nghề .* thôn /u, 'Thôn '),
      type: 'craft_village',
      tourism: rng.chance(0.3),
      villageId: village.id,
      operator: `HTX ${village.craft.charAt(0).toUpperCase()}${village.craft.slice(1)} ${commune.name}`,
      preferred: index.byVillage.get(village.id) ?? [],
    };
  }
  const commune = cx.gazetteer.weighted(rng);
  const site = hamletName(rng);
  return {
    name: unique(names, `Điểm bán sản phẩm OCOP — khu du lịch sinh thái ${site}, ${commune.name}`),
    commune,
    line: `Khu du lịch sinh thái ${site}`,
    type: 'tourism',
    tourism: true,
    villageId: null,
    operator: `Công ty TNHH Du lịch ${brandName(rng)}`,
    preferred: index.byCommune.get(commune.id) ?? [],
  };
}

function ordinarySpec(cx: SalesPointContext, index: StockIndex, names: Set<string>): PointSpec {
  const { rng } = cx;
  const commune = cx.gazetteer.weighted(rng);
  const [type] = pickOrdinary(rng);
  const brand = brandName(rng);
  const titles: Record<string, string> = {
    retail: `Quầy sản phẩm OCOP — siêu thị ${brand}, ${commune.name}`,
    post_office: `Điểm bán sản phẩm OCOP — bưu điện ${commune.name}`,
    commercial_centre: `Điểm giới thiệu sản phẩm OCOP — trung tâm thương mại ${brand}, ${commune.name}`,
    transport_hub: `Điểm giới thiệu sản phẩm OCOP — bến xe ${commune.name}`,
    rest_stop: `Điểm bán sản phẩm OCOP — trạm dừng nghỉ ${commune.name}`,
    exhibition: `Trung tâm giới thiệu sản phẩm OCOP ${commune.name}`,
  };
  return {
    name: unique(names, titles[type] ?? `Điểm bán sản phẩm OCOP ${commune.name}`),
    commune,
    line: addressLine(rng, commune.kind),
    type,
    tourism: false,
    villageId: null,
    operator: type === 'post_office' ? `Bưu điện ${commune.fullName}` : `Công ty TNHH Thương mại ${brand}`,
    preferred: index.byCommune.get(commune.id) ?? [],
  };
}

function pointRow(cx: SalesPointContext, s: PointSpec): SalesPointTable {
  const { rng } = cx;
  // Approximate: no village coordinates exist in the reference data, so the point is somewhere in the commune.
  const at = pointInside(s.commune.polygons, rng);
  const slug = foldVi(s.commune.name).replace(/ /g, '');
  const id = newId('sp', (n) => rng.bytes(n));
  return {
    id,
    name: s.name,
    name_folded: foldVi(s.name),
    location_type: s.type,
    address: newAddress(s.line, s.commune),
    commune_id: s.commune.id,
    latitude: at?.lat ?? null,
    longitude: at?.lon ?? null,
    operator: s.operator,
    phone: phoneNumber(rng),
    email: `ocop.${slug}.${id.slice(-4)}@example.vn`,
    website: rng.chance(0.35) ? `https://ocop-${slug}.example.vn` : null,
    opening_hours: rng.pick(['07:30–18:00', '08:00–17:30', '08:00–20:00, cả tuần', '07:00–21:00']),
    tourism_linked: s.tourism ? 1 : 0,
    craft_village_id: s.villageId,
    checklist: JSON.stringify({
      location: true,
      products: true,
      quality: rng.chance(0.95),
      signage: rng.chance(0.85),
      // A 2025 review found many points without website, social media or QR codes.
      online: rng.chance(0.4),
    }),
    demo: 1,
    created_at: cx.stamp,
    updated_at: cx.stamp,
  };
}

/** 10–60 products: the preferred ones first (the village's own), then any certified product. */
function stockFor(cx: SalesPointContext, s: PointSpec): string[] {
  const { rng, products } = cx;
  const target = rng.int(10, 60);
  const chosen = new Set<string>();
  for (const p of rng.shuffle(s.preferred)) {
    if (chosen.size >= target) break;
    chosen.add(p.row.id);
  }
  for (const i of rng.sampleIndexes(products.length, target * 2)) {
    if (chosen.size >= target) break;
    chosen.add((products[i] as ProductDraft).row.id);
  }
  return [...chosen];
}

function unique(names: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
  names.add(name);
  return name;
}
