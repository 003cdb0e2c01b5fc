import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../core/errors.js';

/**
 * The 2025 ward outlines of Hà Nội (reference/boundaries, 126 features) in the two forms the website needs:
 * a map background for Leaflet (coordinates rounded to ~11 m, properties trimmed) and a coarser one for the
 * statistics choropleth drawn at a few hundred pixels. Read once per process; the bytes never change.
 */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface Ward {
  code: string;
  name: string;
  nameEn: string;
  fullName: string;
  fullNameEn: string;
  /** Every polygon of the ward: an outer ring followed by its holes. */
  polygons: PolygonCoords[];
}

export interface WardFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; nameEn: string };
  geometry: { type: 'MultiPolygon'; coordinates: PolygonCoords[] };
}

export interface WardCollection {
  type: 'FeatureCollection';
  features: WardFeature[];
}

export const WARDS_FILE = fileURLToPath(
  new URL('../../reference/boundaries/hanoi_wards_2025_simplified.geojson', import.meta.url),
);

interface RawFeature {
  properties?: Record<string, unknown>;
  geometry?: { type?: unknown; coordinates?: unknown };
}

function badShape(file: string): DomainError {
  return new DomainError(
    'invalid_reference_data',
    `Tệp ranh giới xã/phường sai cấu trúc: ${file}.`,
    `The ward boundary file has the wrong shape: ${file}.`,
  );
}

function text(value: unknown, file: string): string {
  if (typeof value !== 'string') throw badShape(file);
  return value;
}

export function readWards(file: string = WARDS_FILE): Ward[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { features?: unknown };
  if (!Array.isArray(json.features)) throw badShape(file);
  return (json.features as RawFeature[]).map((f) => {
    const p = f.properties ?? {};
    const g = f.geometry;
    if (!g || !Array.isArray(g.coordinates)) throw badShape(file);
    let polygons: PolygonCoords[];
    if (g.type === 'Polygon') polygons = [g.coordinates as PolygonCoords];
    else if (g.type === 'MultiPolygon') polygons = g.coordinates as PolygonCoords[];
    else throw badShape(file);
    return {
      code: text(p.code, file),
      name: text(p.name, file),
      nameEn: text(p.nameEn, file),
      fullName: text(p.fullName, file),
      fullNameEn: text(p.fullNameEn, file),
      polygons,
    };
  });
}

/** Rounds every vertex to a grid and drops the repeats; shared borders stay shared (same input, same output). */
export function quantizeRing(ring: Ring, step: number): Ring {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: Position = [Math.round(x / step) * step, Math.round(y / step) * step];
    p[0] = Number(p[0].toFixed(6));
    p[1] = Number(p[1].toFixed(6));
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return Math.sqrt(x * x + y * y);
}

/** Douglas–Peucker on a closed ring; keeps at least 4 positions so the ring stays a polygon. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, ring.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(ring[i] as Position, ring[from] as Position, ring[to] as Position);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance && at > 0) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  return out.length >= 4 ? out : ring;
}

function collection(wards: readonly Ward[], ring: (r: Ring) => Ring): WardCollection {
  return {
    type: 'FeatureCollection',
    features: wards.map((w) => ({
      type: 'Feature',
      id: w.code,
      properties: { code: w.code, name: w.fullName, nameEn: w.fullNameEn },
      geometry: {
        type: 'MultiPolygon',
        coordinates: w.polygons.map((poly) => poly.map(ring).filter((r) => r.length >= 4)),
      },
    })),
  };
}

/**
 * The Leaflet background: an ~11 m grid, then no deviation over ~22 m (12,900 of 20,300 vertices, 37 KB with
 * brotli). Neighbouring outlines may part by that much at the closest zoom, never at city scale.
 */
export function mapBackground(wards: readonly Ward[]): WardCollection {
  return collection(wards, (r) => simplifyRing(quantizeRing(r, 0.0001), 0.0002));
}

/** The choropleth outline: a ~600 px wide drawing of the city needs no detail under ~150 m. */
export function choroplethOutline(wards: readonly Ward[]): WardCollection {
  return collection(wards, (r) => simplifyRing(quantizeRing(r, 0.0005), 0.0012));
}

/** Even-odd rule over every ring of a polygon, so holes count as outside. */
export function pointInPolygon(lng: number, lat: number, polygon: PolygonCoords): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Position;
      const [xj, yj] = ring[j] as Position;
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A small, stable hash of a string to [0, 1): the same village always lands on the same spot. */
function unitHash(key: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/**
 * A point inside the ward for a record that has no coordinates of its own (craft villages: no public source
 * of village points exists, see reference/README.md). Deterministic per key, spread over the ward so that the
 * villages of one commune do not pile up on a single pin. Null when the ward is unknown.
 */
export function pointInWard(ward: Ward | undefined, key: string): { lat: number; lng: number } | null {
  if (!ward) return null;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of ward.polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  if (!Number.isFinite(minX)) return null;
  for (let attempt = 0; attempt < 200; attempt++) {
    const lng = minX + unitHash(key, attempt * 2) * (maxX - minX);
    const lat = minY + unitHash(key, attempt * 2 + 1) * (maxY - minY);
    if (ward.polygons.some((p) => pointInPolygon(lng, lat, p))) {
      return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 };
    }
  }
  return null;
}
