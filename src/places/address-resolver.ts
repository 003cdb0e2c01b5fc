import type { Ctx } from '../core/context.js';
import {
  toUnitRef,
  type AdminUnitLinkRow,
  type AdminUnitRow,
  type LinkKind,
  type UnitRef,
} from './admin-unit.js';
import { allAdminUnits } from './admin-unit.repository.js';
import {
  editDistance,
  markedKey,
  parseUnitName,
  splitAddress,
  type ParsedName,
  type PrefixLevel,
} from './address-parse.js';

export type Candidate = UnitRef & { kind: LinkKind };

export type Resolution =
  | { status: 'resolved'; commune: UnitRef; via: UnitRef[] }
  | { status: 'split'; candidates: Candidate[]; via: UnitRef[] }
  | { status: 'ambiguous'; matches: UnitRef[] }
  | { status: 'not_found'; suggestions: UnitRef[] };

export interface ResolveInput {
  commune: string;
  district?: string;
  province?: string;
}

interface Outcome {
  start: AdminUnitRow;
  /** Current communes reached, with 'partial' when any link on the way was partial. */
  targets: Map<string, LinkKind>;
  /** The units passed through, the matched one first. */
  via: AdminUnitRow[];
}

const MAX_SUGGESTIONS = 5;
const PARSE_CACHE = 10_000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Open-ended units outrank closed ones; later ends outrank earlier ones. */
function recency(u: AdminUnitRow): string {
  return u.valid_to ?? '9999-12-31';
}

/**
 * Resolves an address as people wrote it, before or after the 2025 reforms, to the commune in force
 * today: following 2024 → 2025-01 → 2025-07 links, or listing the candidates when the old commune was
 * split. Works on an in-memory index built once; each call is a few map look-ups.
 *
 * Without a district the text is read as a 2-level (current) address first: "Xã Bát Tràng" is today's
 * Bát Tràng. With a district, old communes of that district come first: "Xã Bát Tràng, Huyện Gia Lâm" is
 * the old commune, split in three. A link the official text does not confirm is followed only when the
 * old commune has no confirmed one (e.g. the mapping's stray Sơn Đồng → Đoài Phương is not offered).
 */
export class AddressResolver {
  private readonly byId = new Map<string, AdminUnitRow>();
  private readonly marked = new Map<string, string>();
  private readonly communes = new Map<string, AdminUnitRow[]>();
  private readonly districts = new Map<string, AdminUnitRow[]>();
  private readonly provinces = new Map<string, AdminUnitRow[]>();
  private readonly successors = new Map<string, AdminUnitLinkRow[]>();
  /** Import files repeat the same district and commune names thousands of times. */
  private readonly parsed = new Map<string, ParsedName>();
  private readonly similar = new Map<string, UnitRef[]>();

  private constructor(units: AdminUnitRow[], links: AdminUnitLinkRow[]) {
    const index = { commune: this.communes, district: this.districts, province: this.provinces };
    for (const u of units) {
      this.byId.set(u.id, u);
      this.marked.set(u.id, markedKey(u.name));
      push(index[u.level], u.name_folded, u);
    }
    const all = new Map<string, AdminUnitLinkRow[]>();
    for (const l of links) if (this.byId.has(l.new_id)) push(all, l.old_id, l);
    for (const [oldId, list] of all) {
      const confirmed = list.filter((l) => l.confirmed === 1);
      this.successors.set(oldId, confirmed.length > 0 ? confirmed : list);
    }
  }

  static async fromDatabase(ctx: Ctx): Promise<AddressResolver> {
    const { units, links } = await allAdminUnits(ctx);
    return AddressResolver.fromUnits(units, links);
  }

  static fromUnits(units: AdminUnitRow[], links: AdminUnitLinkRow[]): AddressResolver {
    return new AddressResolver(units, links);
  }

  resolve(input: ResolveInput): Resolution {
    const parts =
      input.district === undefined && input.province === undefined && /[,;]/.test(input.commune)
        ? splitAddress(
            input.commune,
            (p) => this.lookup(this.provinces, this.parse(p, 'province')).length > 0,
          )
        : input;
    const name = this.parse(parts.commune, 'commune');
    const named = this.lookup(this.communes, name);
    let found = named;
    if (parts.province !== undefined && parts.province.trim() !== '') {
      const provinces = this.lookup(this.provinces, this.parse(parts.province, 'province'));
      if (provinces.length === 0) return this.notFound(name, named);
      const codes = new Set(provinces.map((p) => p.code));
      found = found.filter((u) => codes.has(u.province_code));
    }
    const district = parts.district?.trim() ? this.districtIds(parts.district) : 'none';
    if (district === 'unknown') return this.notFound(name, found);
    if (district !== 'none') {
      const inDistrict = found.filter((u) => u.parent_id !== null && district.has(u.parent_id));
      // A current commune written with its old district ("Phường Hà Đông, Quận Hà Đông") still counts.
      found = inDistrict.length > 0 ? inDistrict : found.filter((u) => u.valid_to === null);
    } else {
      const current = found.filter((u) => u.valid_to === null);
      if (current.length > 0) found = current;
    }
    return found.length > 0 ? this.decide(found) : this.notFound(name, named);
  }

  /**
   * The districts a text names; 'none' when it names the province instead ("Xã Bát Tràng, Hà Nội" is a
   * 2-level address), 'unknown' when it names nothing.
   */
  private districtIds(text: string): Set<string> | 'none' | 'unknown' {
    const districts = this.lookup(this.districts, this.parse(text, 'district'));
    if (districts.length > 0) return new Set(districts.map((d) => d.id));
    return this.lookup(this.provinces, this.parse(text, 'province')).length > 0 ? 'none' : 'unknown';
  }

  private parse(text: string, level: PrefixLevel): ParsedName {
    const key = `${level}:${text}`;
    let name = this.parsed.get(key);
    if (name) return name;
    if (this.parsed.size >= PARSE_CACHE) this.parsed.clear();
    name = parseUnitName(text, level);
    this.parsed.set(key, name);
    return name;
  }

  /**
   * Units whose folded name is the key (or the whole text). Marks, when written, and a kind prefix
   * narrow the hits when they leave any: "Vạn Phúc" is not "Vân Phúc", "Phường Vạn Phúc" not the xã.
   */
  private lookup(index: Map<string, AdminUnitRow[]>, name: ParsedName): AdminUnitRow[] {
    let hits = index.get(name.key) ?? [];
    if (name.marked !== name.key) hits = narrow(hits, (u) => this.marked.get(u.id) === name.marked);
    if (name.kind !== undefined) hits = narrow(hits, (u) => u.kind === name.kind);
    const whole = name.whole !== name.key ? (index.get(name.whole) ?? []) : [];
    return whole.length > 0 ? [...new Set([...hits, ...whole])] : hits;
  }

  /** Matches that lead to the same current communes are one answer; otherwise the text is ambiguous. */
  private decide(found: AdminUnitRow[]): Resolution {
    const outcomes = new Map<string, Outcome>();
    for (const unit of found) {
      const outcome = this.follow(unit);
      const key = [...outcome.targets.keys()].sort().join(',');
      const seen = outcomes.get(key);
      if (!seen || recency(unit) > recency(seen.start)) outcomes.set(key, outcome);
    }
    // An old commune with no known successor should not make a live one ambiguous.
    const live = [...outcomes.values()].filter((o) => o.targets.size > 0);
    const [only, ...others] = live.length > 0 ? live : [...outcomes.values()];
    if (only && others.length === 0) return this.present(only);
    return { status: 'ambiguous', matches: this.sorted(found).map(toUnitRef) };
  }

  /** Walks the links from `start` to the communes in force (those with no end date). */
  private follow(start: AdminUnitRow): Outcome {
    const outcome: Outcome = { start, targets: new Map(), via: [] };
    if (start.valid_to === null) {
      outcome.targets.set(start.id, 'full');
      return outcome;
    }
    outcome.via.push(start);
    const queue: Array<{ unit: AdminUnitRow; kind: LinkKind }> = [{ unit: start, kind: 'full' }];
    const seen = new Set([start.id]);
    for (let step = queue.shift(); step; step = queue.shift()) {
      for (const link of this.successors.get(step.unit.id) ?? []) {
        const next = this.byId.get(link.new_id);
        if (!next || seen.has(next.id)) continue;
        seen.add(next.id);
        const kind: LinkKind = step.kind === 'partial' || link.kind === 'partial' ? 'partial' : 'full';
        if (next.valid_to === null) outcome.targets.set(next.id, kind);
        else {
          outcome.via.push(next);
          queue.push({ unit: next, kind });
        }
      }
    }
    return outcome;
  }

  private present(outcome: Outcome): Resolution {
    const via = outcome.via.map(toUnitRef);
    const targets = [...outcome.targets].flatMap(([id, kind]) => {
      const unit = this.byId.get(id);
      return unit ? [{ unit, kind }] : [];
    });
    const [first, ...rest] = targets;
    if (!first) return this.deadEnd(outcome.start);
    if (rest.length === 0) return { status: 'resolved', commune: toUnitRef(first.unit), via };
    const candidates = targets
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'full' ? -1 : 1) || compareUnits(a.unit, b.unit))
      .map(({ unit, kind }) => ({ ...toUnitRef(unit), kind }));
    return { status: 'split', candidates, via };
  }

  /**
   * An old commune the data gives no successor for (about forty merged on 2025-01-01): suggest today's
   * communes that took over its district.
   */
  private deadEnd(start: AdminUnitRow): Resolution {
    const heirs = new Map<string, AdminUnitRow>();
    for (const sibling of this.communes.values()) {
      for (const u of sibling) {
        if (u.parent_id !== start.parent_id || u.id === start.id) continue;
        for (const id of this.follow(u).targets.keys()) {
          const heir = this.byId.get(id);
          if (heir) heirs.set(id, heir);
        }
      }
    }
    // A current commune that took the old name is the likeliest heir: list it first.
    const sameName = (u: AdminUnitRow) => (u.name_folded === start.name_folded ? 0 : 1);
    const suggestions = this.sorted([...heirs.values()]).sort((a, b) => sameName(a) - sameName(b));
    return { status: 'not_found', suggestions: suggestions.map(toUnitRef) };
  }

  /** Nothing matched: the communes `near` (same name, elsewhere) or else the closest names. */
  private notFound(name: ParsedName, near: AdminUnitRow[]): Resolution {
    if (near.length > 0) return { status: 'not_found', suggestions: this.sorted(near).map(toUnitRef) };
    let suggestions = this.similar.get(name.key);
    if (!suggestions) {
      if (this.similar.size >= PARSE_CACHE) this.similar.clear();
      suggestions = this.closest(name.key);
      this.similar.set(name.key, suggestions);
    }
    return { status: 'not_found', suggestions: [...suggestions] };
  }

  /** Names within a few edits (or containing the text), current communes first among equals. */
  private closest(key: string): UnitRef[] {
    const limit = Math.max(2, Math.floor(key.length / 4));
    const scored: Array<{ unit: AdminUnitRow; score: number }> = [];
    for (const [folded, units] of this.communes) {
      const contains = folded.includes(key) || key.includes(folded);
      // The length gap is a lower bound of the distance: skip the costly comparison when it is too wide.
      if (!contains && Math.abs(folded.length - key.length) > limit) continue;
      const score = contains ? 0.5 : editDistance(key, folded);
      if (score > limit) continue;
      for (const unit of units) scored.push({ unit, score: score + (unit.valid_to === null ? 0 : 0.25) });
    }
    scored.sort((a, b) => a.score - b.score || compareUnits(a.unit, b.unit));
    return scored.slice(0, MAX_SUGGESTIONS).map((s) => toUnitRef(s.unit));
  }

  private sorted(units: AdminUnitRow[]): AdminUnitRow[] {
    return [...units].sort(compareUnits);
  }
}

function narrow<T>(list: T[], keep: (item: T) => boolean): T[] {
  const kept = list.filter(keep);
  return kept.length > 0 ? kept : list;
}

/** Current first, then by name, then by id: stable output for the same data. */
function compareUnits(a: AdminUnitRow, b: AdminUnitRow): number {
  return (
    recency(b).localeCompare(recency(a)) ||
    a.name_folded.localeCompare(b.name_folded) ||
    a.id.localeCompare(b.id)
  );
}
