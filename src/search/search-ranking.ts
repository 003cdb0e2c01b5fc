import type { CertificateStatus } from '../certificates/certificate.js';
import type { IndexedDoc } from './search-doc.js';

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
 * Counts the match set per facet. Each dimension is counted as if its own filter were off (so a buyer sees how
 * many 4★ there are while 5★ is selected), with every other filter on.
 */
export class FacetCounter {
  private readonly type = new Map<string, number>();
  private readonly stars = [0, 0, 0, 0, 0, 0];
  private readonly sector = new Map<string, number>();
  private readonly commune = new Map<string, number>();
  private readonly communeNames = new Map<string, string>();

  add(doc: IndexedDoc, status: CertificateStatus | null, failed: number): void {
    if (failed === NONE || failed === FILTER.type) bump(this.type, doc.type);
    const stars = starsOf(doc, status);
    if (stars !== null && (failed === NONE || failed === FILTER.stars))
      this.stars[stars] = (this.stars[stars] ?? 0) + 1;
    if (doc.sector !== null && (failed === NONE || failed === FILTER.sector)) bump(this.sector, doc.sector);
    if (failed === NONE || failed === FILTER.commune) {
      if (bump(this.commune, doc.commune.id) === 1) this.communeNames.set(doc.commune.id, doc.commune.name);
    }
  }

  result(): Facets {
    return {
      type: values(this.type),
      stars: this.stars
        .map((count, stars) => ({ value: String(stars), count }))
        .filter((v) => v.count > 0)
        .reverse(),
      sector: values(this.sector).sort(
        (a, b) => a.value.length - b.value.length || (a.value < b.value ? -1 : 1),
      ),
      commune: values(this.commune)
        .slice(0, MAX_COMMUNES)
        .map((v) => ({ ...v, label: this.communeNames.get(v.value) ?? v.value })),
    };
  }
}

function bump(map: Map<string, number>, key: string): number {
  const n = (map.get(key) ?? 0) + 1;
  map.set(key, n);
  return n;
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
