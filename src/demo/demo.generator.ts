import { ValidationError } from '../core/errors.js';
import type { CertificateTable, ProductTable } from '../db/schema.js';
import { CertificateFactory } from './demo.certificates.js';
import { parseIsoDate } from './demo.dates.js';
import type { ProductFamily } from './demo.families.js';
import { CRAFT_FAMILIES } from './demo.families-crafts.js';
import { FARM_FAMILIES } from './demo.families-farm.js';
import { FOOD_FAMILIES } from './demo.families-food.js';
import { OTHER_FAMILIES } from './demo.families-other.js';
import { Gazetteer, missingReference } from './demo.gazetteer.js';
import { REAL_SALES_POINTS } from './demo.places.js';
import { generateProducers } from './demo.producers.js';
import { generateProducts, shareProducts } from './demo.products.js';
import { generateSalesPoints } from './demo.sales-points.js';
import { generateTourism } from './demo.tourism.js';
import type { DemoData, DemoInput, ScorecardRef } from './demo.types.js';
import { generateVillages, type Villages } from './demo.villages.js';
import { Rng } from './random.js';

export const FAMILIES: readonly ProductFamily[] = [
  ...FARM_FAMILIES,
  ...FOOD_FAMILIES,
  ...CRAFT_FAMILIES,
  ...OTHER_FAMILIES,
];

/** What Hà Nội reports, for 2,711 certified products; other sizes scale these proportions. */
export const REPORTED = {
  products: 2711,
  fiveStar: 6,
  fourStar: 1400,
  producersPerProduct: 0.37,
  craftVillages: 1350,
  recognizedVillages: 321,
  salesPoints: 112,
  linkedSalesPoints: 24,
  /**
   * Products whose certificate was revoked. They come on top of `products`: the city's figure counts products
   * whose certification stands, so the demo keeps exactly that many certified and adds the revoked ones.
   */
  revokedShare: 0.006,
} as const;

export { MAX_PRODUCTS, MIN_PRODUCTS } from './demo.limits.js';
import { MAX_PRODUCTS, MIN_PRODUCTS } from './demo.limits.js';

export interface DemoCounts {
  /** Extra products whose current certificate is revoked (not counted in `products`). */
  revoked: number;
  products: number;
  fiveStar: number;
  fourStar: number;
  producers: number;
  craftVillages: number;
  recognizedVillages: number;
  salesPoints: number;
  linkedSalesPoints: number;
}

export function demoCounts(products: number): DemoCounts {
  const r = products / REPORTED.products;
  const famousVillages = new Set(FAMILIES.flatMap((f) => (f.village ? [f.village.name[0]] : []))).size;
  const real = REAL_SALES_POINTS.length;
  const salesPoints = Math.max(real, Math.round(REPORTED.salesPoints * r));
  return {
    products,
    revoked: Math.round(products * REPORTED.revokedShare),
    fiveStar: Math.round(REPORTED.fiveStar * r),
    fourStar: Math.round(REPORTED.fourStar * r),
    producers: Math.round(products * REPORTED.producersPerProduct),
    craftVillages: Math.max(famousVillages, Math.round(REPORTED.craftVillages * r)),
    recognizedVillages: Math.max(famousVillages, Math.round(REPORTED.recognizedVillages * r)),
    salesPoints,
    linkedSalesPoints: Math.min(salesPoints, Math.max(real, Math.round(REPORTED.linkedSalesPoints * r))),
  };
}

/**
 * The demonstration Hà Nội: a pure function of its input (same seed, same rows, byte for byte). Each part
 * draws from its own random stream so that changing one part leaves the others as they were.
 */
export function generateDemo(input: DemoInput): DemoData {
  validate(input);
  checkScorecards(input.scorecards);
  const root = new Rng(input.seed);
  const stamp = `${input.today}T00:00:00.000Z`;
  const gazetteer = new Gazetteer(input.communes);
  const counts = demoCounts(input.products);
  const villages = generateVillages(
    root.fork('villages'),
    gazetteer,
    FAMILIES,
    { total: counts.craftVillages, recognized: counts.recognizedVillages },
    stamp,
  );
  const tourism = generateTourism(root.fork('tourism'), gazetteer, stamp);
  const catalogue = generateCatalogue(root, { gazetteer, villages, stamp, counts, tourism });
  const products = [...catalogue.products.map((d) => d.row), ...tourism.map((t) => t.product)];
  const certificates = certify(root.fork('certificates'), input.today, stamp, products, counts);
  const { salesPoints, stock } = generateSalesPoints(
    { rng: root.fork('sales-points'), gazetteer, villages, products: catalogue.products, stamp },
    { total: counts.salesPoints, linked: counts.linkedSalesPoints },
  );
  return {
    producers: [...catalogue.producers.map((p) => p.row), ...tourism.map((t) => t.producer)],
    craftVillages: villages.rows,
    products,
    certificates,
    salesPoints,
    salesPointProducts: stock,
  };
}

/** Producers (beside the two tourism ones) and their products, sharing out the rest of the total. */
function generateCatalogue(
  root: Rng,
  cx: {
    gazetteer: Gazetteer;
    villages: Villages;
    stamp: string;
    counts: DemoCounts;
    tourism: ReturnType<typeof generateTourism>;
  },
) {
  const producers = generateProducers(
    {
      rng: root.fork('producers'),
      gazetteer: cx.gazetteer,
      villages: cx.villages,
      stamp: cx.stamp,
      names: new Set(cx.tourism.map((t) => t.producer.name)),
      registrations: new Set(cx.tourism.flatMap((t) => t.producer.registration_number ?? [])),
    },
    FAMILIES,
    cx.counts.producers - cx.tourism.length,
  );
  const rng = root.fork('products');
  const total = cx.counts.products + cx.counts.revoked - cx.tourism.length;
  const shares = shareProducts(rng, producers, total);
  const names = new Set(cx.tourism.map((t) => t.product.name_vi));
  return { producers, products: generateProducts(rng, producers, shares, cx.stamp, names) };
}

/**
 * Gives each product its certificate history and current certificate. Exactly `revoked` products (3★ or 4★,
 * never tourism) have their current certificate revoked; among the others, exactly `fiveStar` 5★ and `fourStar`
 * 4★ current certificates, the rest 3★; tourism services get 3★ or 4★ (never 5★).
 * Returned with current certificates first, then the ones they superseded, so every reference points back.
 */
function certify(rng: Rng, today: string, stamp: string, products: ProductTable[], counts: DemoCounts) {
  const factory = new CertificateFactory(rng, today, stamp);
  const isTourism = (p: ProductTable) => p.scorecard_id === 26;
  const tourismStars = products.filter(isTourism).map(() => rng.pick([3, 4]));
  const fours = counts.fourStar - tourismStars.filter((s) => s === 4).length;
  const others = products.length - tourismStars.length - counts.revoked;
  const pool = rng.shuffle([
    ...new Array<number>(counts.revoked).fill(-1),
    ...new Array<number>(counts.fiveStar).fill(5),
    ...new Array<number>(fours).fill(4),
    ...new Array<number>(others - counts.fiveStar - fours).fill(3),
  ]);
  let next = 0;
  const chains = products.map((p) => {
    const drawn = isTourism(p) ? (tourismStars.shift() ?? 3) : (pool[next++] ?? 3);
    const revoked = drawn === -1;
    const stars = revoked ? rng.pick([3, 4]) : drawn;
    const chain = factory.history(p.id, stars, revoked);
    p.current_certificate_id = chain[chain.length - 1]?.id ?? null;
    return chain;
  });
  const out: CertificateTable[] = [];
  const depth = Math.max(...chains.map((c) => c.length));
  for (let d = 1; d <= depth; d++) {
    for (const chain of chains) {
      const cert = chain[chain.length - d];
      if (cert) out.push(cert);
    }
  }
  return out;
}

function validate(input: DemoInput): void {
  const problems: Array<{ field: string; message: string; messageEn: string }> = [];
  if (!Number.isInteger(input.seed)) {
    problems.push({ field: 'seed', message: 'seed phải là số nguyên', messageEn: 'seed must be an integer' });
  }
  if (!Number.isInteger(input.products) || input.products < MIN_PRODUCTS || input.products > MAX_PRODUCTS) {
    problems.push({
      field: 'products',
      message: `số sản phẩm phải là số nguyên từ ${MIN_PRODUCTS} đến ${MAX_PRODUCTS}`,
      messageEn: `products must be an integer from ${MIN_PRODUCTS} to ${MAX_PRODUCTS}`,
    });
  }
  let year = 0;
  try {
    year = parseIsoDate(input.today).y;
  } catch {
    year = 0;
  }
  if (year < 2020) {
    problems.push({
      field: 'today',
      message: 'ngày phải có dạng YYYY-MM-DD, từ năm 2020',
      messageEn: 'today must be a YYYY-MM-DD date from 2020 on',
    });
  }
  if (problems.length) throw new ValidationError(problems);
}

function checkScorecards(scorecards: readonly ScorecardRef[]): void {
  const ids = new Set(scorecards.map((s) => s.id));
  const missing = [...new Set([...FAMILIES.map((f) => f.scorecard), 26])].filter((id) => !ids.has(id));
  if (missing.length) {
    throw missingReference(`scorecards ${missing.join(', ')}`, `bộ tiêu chí ${missing.join(', ')}`);
  }
}
