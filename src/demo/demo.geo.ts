import type { Rng } from './random.js';

/** A ring is a closed list of [lon, lat]; a polygon is an outer ring followed by its holes. */
export type Ring = Array<[number, number]>;
export type Polygon = Ring[];

/** Even-odd rule over every ring, so holes count as outside. */
export function pointInPolygon(lon: number, lat: number, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function bbox(polygons: readonly Polygon[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * A deterministic point inside the commune: the data has no village coordinates, so a sales point is shown
 * somewhere inside its commune. Approximate by design; null when no polygon is known or sampling fails.
 */
export function pointInside(
  polygons: readonly Polygon[] | undefined,
  rng: Rng,
): { lat: number; lon: number } | null {
  if (!polygons || polygons.length === 0) return null;
  const [minX, minY, maxX, maxY] = bbox(polygons);
  if (!Number.isFinite(minX)) return null;
  for (let attempt = 0; attempt < 500; attempt++) {
    const lon = minX + rng.next() * (maxX - minX);
    const lat = minY + rng.next() * (maxY - minY);
    if (polygons.some((p) => pointInPolygon(lon, lat, p))) {
      return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
    }
  }
  return null;
}
