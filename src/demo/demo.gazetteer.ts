import { DomainError } from '../core/errors.js';
import { foldVi } from '../core/vi-text.js';
import type { PlaceHint } from './demo.families.js';
import { lowerKind } from './demo.people.js';
import type { CommuneRef, OldUnitRef } from './demo.types.js';
import { type Rng, weightedPicker } from './random.js';

/** Where is what: communes by code, and by the old units they took over. */
export class Gazetteer {
  private readonly byId = new Map<string, CommuneRef>();
  /** "district|commune" and "district|" (folded) → communes; folding is slow, so it is done once here. */
  private readonly byOldUnit = new Map<string, CommuneRef[]>();
  private readonly pickWeighted: (rng: Rng) => CommuneRef;

  constructor(readonly communes: readonly CommuneRef[]) {
    if (communes.length === 0) throw missingReference('no 2025 communes', 'không có xã/phường nào');
    for (const c of communes) {
      this.byId.set(c.id, c);
      for (const o of c.old) {
        const district = foldVi(o.districtFullName);
        for (const key of [`${district}|${foldVi(o.fullName)}`, `${district}|`]) {
          const list = this.byOldUnit.get(key) ?? [];
          if (!list.includes(c)) list.push(c);
          this.byOldUnit.set(key, list);
        }
      }
    }
    // Craft villages and producers are mostly rural: a commune (xã) weighs three times a ward (phường).
    this.pickWeighted = weightedPicker(communes, (c) => (c.kind === 'Xã' ? 3 : 1));
  }

  get(id: string): CommuneRef | undefined {
    return this.byId.get(id);
  }

  /** A commune the demonstration must place something on; its absence means the reference data is wrong. */
  require(id: string, what: string): CommuneRef {
    const commune = this.byId.get(id);
    if (!commune) throw missingReference(`commune ${id} (${what})`, `xã/phường ${id} (${what})`);
    return commune;
  }

  /** The 2025 communes that took over (part of) an old commune, or any commune of an old district. */
  communesOf(oldDistrict: string, oldCommune?: string): CommuneRef[] {
    const key = `${foldVi(oldDistrict)}|${oldCommune === undefined ? '' : foldVi(oldCommune)}`;
    return this.byOldUnit.get(key) ?? [];
  }

  /** Resolves a family's place; undefined when the reference data does not know it. */
  resolve(hint: PlaceHint, rng: Rng): CommuneRef | undefined {
    if (hint.commune !== undefined) return this.require(hint.commune, hint.hamlet ?? hint.oldCommune ?? '');
    const candidates = this.communesOf(hint.oldDistrict, hint.oldCommune);
    return candidates.length ? rng.pick(candidates) : undefined;
  }

  /** True when the commune is where the hint points (famous villages fall back elsewhere when it is not known). */
  matches(commune: CommuneRef, hint: PlaceHint): boolean {
    if (hint.commune !== undefined) return hint.commune === commune.id;
    return this.communesOf(hint.oldDistrict, hint.oldCommune).includes(commune);
  }

  weighted(rng: Rng): CommuneRef {
    return this.pickWeighted(rng);
  }

  /** The old unit a commune took over, to write an address in its pre-2025 form; null when none is known. */
  oldUnit(commune: CommuneRef, rng: Rng, hint?: PlaceHint): OldUnitRef | null {
    if (hint?.oldCommune !== undefined)
      return { fullName: hint.oldCommune, districtFullName: hint.oldDistrict };
    return commune.old.length ? rng.pick(commune.old) : null;
  }
}

/** "Thôn Ước Lễ" + old unit → "thôn Ước Lễ, xã Tân Ước, huyện Thanh Oai, Hà Nội". */
export function oldAddress(line: string, old: OldUnitRef | null): string | null {
  if (!old) return null;
  const first = line.charAt(0).toLowerCase() + line.slice(1);
  return `${first}, ${lowerKind(old.fullName)}, ${lowerKind(old.districtFullName)}, Hà Nội`;
}

export function newAddress(line: string, commune: CommuneRef): string {
  return `${line}, ${commune.fullName}, Hà Nội`;
}

export function missingReference(en: string, vi: string): DomainError {
  return new DomainError(
    'invalid_reference_data',
    `Thiếu dữ liệu tham chiếu cho dữ liệu minh họa: ${vi}. Hãy nạp dữ liệu tham chiếu trước (ocop reference load).`,
    `Reference data needed by the demonstration is missing: ${en}. Load reference data first (ocop reference load).`,
  );
}
