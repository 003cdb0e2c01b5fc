import { newId } from '../core/ids.js';
import type { CraftVillageTable } from '../db/schema.js';
import { CRAFTS, type CraftCode, type ProductFamily } from './demo.families.js';
import type { Gazetteer } from './demo.gazetteer.js';
import { hamletName } from './demo.people.js';
import { HA_THAI_COMMUNE, HA_THAI_NOTE } from './demo.places.js';
import { DEMO_LABEL_VI, type CommuneRef } from './demo.types.js';
import { foldParts } from './demo.text.js';
import { type Rng, weightedPicker } from './random.js';

export interface Villages {
  rows: CraftVillageTable[];
  /** The famous village of a family, by family key. */
  byFamily: Map<string, CraftVillageTable>;
  /** Every village of a craft, for linking generic products. */
  byCraft: Map<CraftCode, CraftVillageTable[]>;
}

interface VillageSpec {
  name: string;
  /** The name in recurring pieces, for fast folding (demo.text.ts). */
  parts: string[];
  commune: CommuneRef;
  craft: CraftCode;
  recognized: boolean;
  traditional: boolean;
  year: number | null;
  note?: string;
}

const CRAFT_CODES = Object.keys(CRAFTS) as CraftCode[];
const pickCraft = weightedPicker(CRAFT_CODES, (c) => CRAFTS[c].weight);

/**
 * Craft villages: first the famous ones of the product families, on their real communes, recognized and
 * traditional; then generic "Làng nghề <craft> thôn <X>" villages spread over the communes, with `recognized`
 * among them recognized by a (demonstration) city decision.
 */
export function generateVillages(
  rng: Rng,
  gazetteer: Gazetteer,
  families: readonly ProductFamily[],
  counts: { total: number; recognized: number },
  stamp: string,
): Villages {
  const specs = famousSpecs(rng, gazetteer, families);
  const famousCount = specs.length;
  const usedNames = new Map<string, Set<string>>();
  const recognizedSlots = new Set(
    rng.sampleIndexes(Math.max(0, counts.total - famousCount), counts.recognized - famousCount),
  );
  for (let i = 0; specs.length < counts.total; i++) {
    const commune = gazetteer.weighted(rng);
    const craft = pickCraft(rng);
    const recognized = recognizedSlots.has(i);
    specs.push({
      ...uniqueName(rng, commune, craft, usedNames),
      commune,
      craft,
      recognized,
      traditional: rng.chance(recognized ? 0.7 : 0.15),
      year: recognized ? rng.int(2001, 2024) : null,
    });
  }
  const decisions = decisionNumbers(rng);
  const rows = specs.map((s) => villageRow(rng, s, decisions, stamp));
  return index(rows, specs, families);
}

function famousSpecs(rng: Rng, gazetteer: Gazetteer, families: readonly ProductFamily[]): VillageSpec[] {
  const specs: VillageSpec[] = [];
  const seen = new Set<string>();
  for (const family of families) {
    if (!family.village || !family.place || seen.has(family.village.name[0])) continue;
    const commune = gazetteer.resolve(family.place, rng) ?? gazetteer.weighted(rng);
    seen.add(family.village.name[0]);
    specs.push({
      name: family.village.name[0],
      parts: [family.village.name[0]],
      commune,
      craft: family.village.craft,
      recognized: true,
      traditional: true,
      year: family.village.since,
      ...(commune.id === HA_THAI_COMMUNE && family.key === 'son-mai-ha-thai'
        ? { note: HA_THAI_NOTE.vi }
        : {}),
    });
  }
  return specs;
}

function uniqueName(
  rng: Rng,
  commune: CommuneRef,
  craft: CraftCode,
  used: Map<string, Set<string>>,
): { name: string; parts: string[] } {
  const names = used.get(commune.id) ?? new Set<string>();
  used.set(commune.id, names);
  const base = [`Làng nghề ${CRAFTS[craft].vi}`, `thôn ${hamletName(rng)}`];
  let parts = base;
  for (let n = 2; names.has(parts.join(' ')); n++) parts = [...base, String(n)];
  const name = parts.join(' ');
  names.add(name);
  return { name, parts };
}

/** Villages are recognized in yearly batches: one city decision number per year. */
function decisionNumbers(rng: Rng): Map<number, string> {
  const out = new Map<number, string>();
  for (let year = 2000; year <= 2026; year++) out.set(year, `${rng.int(1200, 7200)}/QĐ-UBND`);
  return out;
}

function villageRow(
  rng: Rng,
  s: VillageSpec,
  decisions: Map<number, string>,
  stamp: string,
): CraftVillageTable {
  const craft = CRAFTS[s.craft];
  const recognizedVi = s.recognized && s.year !== null ? `, được Thành phố công nhận năm ${s.year}` : '';
  const traditionalVi = s.traditional ? 'Làng nghề truyền thống' : 'Làng nghề';
  const note = s.note ? ` (${s.note})` : '';
  return {
    id: newId('cv', (n) => rng.bytes(n)),
    name: s.name,
    name_folded: foldParts(s.parts),
    commune_id: s.commune.id,
    craft: craft.vi,
    recognized: s.recognized ? 1 : 0,
    traditional: s.traditional ? 1 : 0,
    recognition_decision: s.recognized && s.year !== null ? (decisions.get(s.year) ?? null) : null,
    recognition_year: s.recognized ? s.year : null,
    // One description column: Vietnamese, the default language.
    description: `${traditionalVi} ${craft.vi} tại ${s.commune.fullName}, Hà Nội${recognizedVi}${note}.${DEMO_LABEL_VI}`,
    demo: 1,
    created_at: stamp,
    updated_at: stamp,
  };
}

function index(
  rows: CraftVillageTable[],
  specs: VillageSpec[],
  families: readonly ProductFamily[],
): Villages {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const byFamily = new Map<string, CraftVillageTable>();
  for (const f of families) {
    const row = f.village ? byName.get(f.village.name[0]) : undefined;
    if (row) byFamily.set(f.key, row);
  }
  const byCraft = new Map<CraftCode, CraftVillageTable[]>();
  rows.forEach((row, i) => {
    const craft = (specs[i] as VillageSpec).craft;
    const list = byCraft.get(craft);
    if (list) list.push(row);
    else byCraft.set(craft, [row]);
  });
  return { rows, byFamily, byCraft };
}
