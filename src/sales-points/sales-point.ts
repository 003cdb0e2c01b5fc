import type { ErrorDetail } from '../core/errors.js';

/**
 * Where a sales point may be placed: inside Hà Nội. The box is the extent of the 2025 ward outlines
 * (reference/boundaries, 20.564–21.385 N, 105.285–106.020 E) with about a kilometre of margin; a point outside
 * it is a typing slip (swapped or truncated coordinates), not a sales point of the city.
 */
export const HANOI_BOUNDS = { south: 20.55, north: 21.4, west: 105.27, east: 106.03 } as const;

export interface Coordinates {
  latitude: number | null;
  longitude: number | null;
}

/** Field errors for a point: both coordinates or neither, and inside the city. */
export function coordinateProblems(p: Coordinates): ErrorDetail[] {
  if (p.latitude === null && p.longitude === null) return [];
  if (p.latitude === null || p.longitude === null) {
    const field = p.latitude === null ? 'latitude' : 'longitude';
    return [
      {
        field,
        message: `${field}: cần cả vĩ độ và kinh độ`,
        messageEn: `${field}: give both latitude and longitude`,
      },
    ];
  }
  const b = HANOI_BOUNDS;
  const problems: ErrorDetail[] = [];
  if (p.latitude < b.south || p.latitude > b.north) {
    problems.push({
      field: 'latitude',
      message: `latitude: ${String(p.latitude)} nằm ngoài Hà Nội (${String(b.south)}–${String(b.north)})`,
      messageEn: `latitude: ${String(p.latitude)} is outside Hà Nội (${String(b.south)}–${String(b.north)})`,
    });
  }
  if (p.longitude < b.west || p.longitude > b.east) {
    problems.push({
      field: 'longitude',
      message: `longitude: ${String(p.longitude)} nằm ngoài Hà Nội (${String(b.west)}–${String(b.east)})`,
      messageEn: `longitude: ${String(p.longitude)} is outside Hà Nội (${String(b.west)}–${String(b.east)})`,
    });
  }
  return problems;
}
