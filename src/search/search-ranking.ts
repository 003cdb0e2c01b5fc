import { certificateStatus, type CertificateStatus } from '../certificates/certificate.js';
import { SEARCH_TYPES, type IndexedDoc, type SearchType } from './search-doc.js';

/**
 * A product whose certificate is in force ranks above one whose certificate lapsed, was revoked or was never
 * issued; among equals, more stars rank a little higher. Other record types are not certified.
 */
const STATUS_FACTOR: Record<CertificateStatus, number> = {
  valid: 1,
  expiring: 0.95,
  expired: 0.6,
  superseded: 0.55,
  revoked: 0.4,
};

/** A revoked certificate no longer gives its stars. */
export function starsOf(doc: IndexedDoc, status: CertificateStatus | null): number | null {
  return status === 'revoked' ? null : doc.stars;
}

export function scoreFactor(doc: IndexedDoc, status: CertificateStatus | null): number {
  if (doc.type !== 'product') return 1;
  if (status === null) return 0.5;
  return STATUS_FACTOR[status] * (1 + 0.03 * (starsOf(doc, status) ?? 0));
}

export interface FacetValue {
  value: string;
  label?: string;
  count: number;
}

export interface Facets {
  type: FacetValue[];
  stars: FacetValue[];
  sector: FacetValue[];
  commune: FacetValue[];
}

const MAX_COMMUNES = 20;

/** Bits of the filters a record fails. */
export const NONE = 0;
export const FILTER = { type: 1, stars: 2, sector: 4, commune: 8, certificate: 16 } as const;

/**
 * Facet values interned as small integers, one entry per index slot, so that counting a match set is typed-array
 * increments rather than map look-ups by string.
 */
export class FacetCodes {
  /** Per slot: index in SEARCH_TYPES, sector code (-1: none), commune code. */
  readonly type: number[] = [];
  readonly sector: number[] = [];
  readonly commune: number[] = [];
  readonly sectorValues: string[] = [];
  readonly communeValues: string[] = [];
  private readonly sectorCodes = new Map<string, number>();
  private readonly communeCodes = new Map<string, number>();

  communeCode(id: string): number | undefined {
    return this.communeCodes.get(id);
  }

  /** Codes `doc` in the next slot. */
  push(doc: IndexedDoc): void {
    this.type.push(SEARCH_TYPES.indexOf(doc.type));
    this.sector.push(doc.sector === null ? -1 : code(this.sectorCodes, this.sectorValues, doc.sector));
    this.commune.push(code(this.communeCodes, this.communeValues, doc.commune.id));
  }
}

function code(codes: Map<string, number>, values: string[], value: string): number {
  let c = codes.get(value);
  if (c === undefined) {
    c = values.length;
    codes.set(value, c);
    values.push(value);
  }
  return c;
}

/**
 * Counts the match set per facet, exactly. Each dimension is counted as if its own filter were off (so a buyer
 * sees how many 4★ there are while 5★ is selected), with every other filter on.
 */
export class FacetCounter {
  private readonly type = new Int32Array(SEARCH_TYPES.length);
  private readonly stars = new Int32Array(6);
  private readonly sector: Int32Array;
  private readonly commune: Int32Array;
  /** A commune's name as the first record counted under it gives it. */
  private readonly communeNames: string[] = [];

  constructor(private readonly codes: FacetCodes) {
    this.sector = new Int32Array(codes.sectorValues.length);
    this.commune = new Int32Array(codes.communeValues.length);
  }

  add(slot: number, doc: IndexedDoc, status: CertificateStatus | null, failed: number): void {
    const codes = this.codes;
    if (failed === NONE || failed === FILTER.type) bump(this.type, codes.type[slot] ?? 0);
    const stars = starsOf(doc, status);
    if (stars !== null && (failed === NONE || failed === FILTER.stars)) bump(this.stars, stars);
    const sector = codes.sector[slot] ?? -1;
    if (sector >= 0 && (failed === NONE || failed === FILTER.sector)) bump(this.sector, sector);
    if (failed === NONE || failed === FILTER.commune) {
      const c = codes.commune[slot] ?? 0;
      if (bump(this.commune, c) === 1) this.communeNames[c] = doc.commune.name;
    }
  }

  result(): Facets {
    const communes = values(counted(this.commune, this.codes.communeValues)).slice(0, MAX_COMMUNES);
    return {
      type: values(counted(this.type, SEARCH_TYPES)),
      stars: Array.from(this.stars, (count, stars) => ({ value: String(stars), count }))
        .filter((v) => v.count > 0)
        .reverse(),
      sector: values(counted(this.sector, this.codes.sectorValues)).sort(
        (a, b) => a.value.length - b.value.length || (a.value < b.value ? -1 : 1),
      ),
      commune: communes.map((v) => ({
        ...v,
        label: this.communeNames[this.codes.communeCode(v.value) ?? -1] ?? v.value,
      })),
    };
  }
}

function bump(counts: Int32Array, code: number): number {
  const n = (counts[code] ?? 0) + 1;
  counts[code] = n;
  return n;
}

function counted(counts: Int32Array, values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  counts.forEach((n, c) => {
    if (n > 0) out.set(values[c] ?? '', n);
  });
  return out;
}

function values(map: Map<string, number>): FacetValue[] {
  return [...map]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** The best `k` items under `order` (negative: a before b), by a bounded binary heap with the worst on top. */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly order: (a: T, b: T) => number,
  ) {}

  push(item: T): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      this.up(h.length - 1);
    } else if (h.length > 0 && this.order(item, h[0] as T) < 0) {
      h[0] = item;
      this.down(0);
    }
  }

  get full(): boolean {
    return this.heap.length >= this.k;
  }

  /** The worst item kept; only meaningful when `full`. */
  get worst(): T {
    return this.heap[0] as T;
  }

  sorted(): T[] {
    return [...this.heap].sort(this.order);
  }

  /** Worse items go up: the root is the worst kept. */
  private worse(i: number, j: number): boolean {
    return this.order(this.heap[i] as T, this.heap[j] as T) > 0;
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    [h[i], h[j]] = [h[j] as T, h[i] as T];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.worse(l, m)) m = l;
      if (r < this.heap.length && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

export interface SearchFilters {
  type?: SearchType;
  stars?: number[];
  sector?: string;
  /** Communes in force (an old unit already expanded); null or absent: everywhere. */
  communes?: ReadonlySet<string> | null;
  certificate?: CertificateStatus;
}

/** Which filter a record fails: NONE, one filter's bit, or several bits (facets count a dimension without its own filter). */
export function failedFilter(doc: IndexedDoc, status: CertificateStatus | null, f: SearchFilters): number {
  let failed = NONE;
  if (f.type !== undefined && doc.type !== f.type) failed |= FILTER.type;
  if (f.stars?.length && !f.stars.includes(starsOf(doc, status) ?? 0)) failed |= FILTER.stars;
  if (f.sector !== undefined && doc.sector !== f.sector) failed |= FILTER.sector;
  if (f.communes && !f.communes.has(doc.commune.id)) failed |= FILTER.commune;
  if (f.certificate !== undefined && status !== f.certificate) failed |= FILTER.certificate;
  return failed;
}

/** Status codes of the per-day cache; null (no certificate) included. */
const STATUS_CODES: ReadonlyArray<CertificateStatus | null> = [
  'valid',
  'expiring',
  'expired',
  'revoked',
  'superseded',
  null,
];

/** Each record's certificate status, computed once a day per slot (statuses depend on the date). */
export class StatusCache {
  private day = '';
  /** Per slot, for `day`: 0 not yet computed, else 1 + index in STATUS_CODES. */
  private codes = new Int8Array(0);

  of(slot: number, doc: IndexedDoc, today: string, slots: number): CertificateStatus | null {
    if (this.day !== today || this.codes.length < slots) {
      const fresh = new Int8Array(slots + 1024);
      if (this.day === today) fresh.set(this.codes);
      this.codes = fresh;
      this.day = today;
    }
    const code = this.codes[slot] ?? 0;
    if (code > 0) return STATUS_CODES[code - 1] ?? null;
    const s = doc.certificate ? certificateStatus(doc.certificate, today) : null;
    this.codes[slot] = STATUS_CODES.indexOf(s) + 1;
    return s;
  }
}
