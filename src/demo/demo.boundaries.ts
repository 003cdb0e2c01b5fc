import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../core/errors.js';
import type { Polygon } from './demo.geo.js';

/** src/demo/ and dist/demo/ both sit two levels below the package root. */
export const BOUNDARIES_FILE = fileURLToPath(
  new URL('../../reference/boundaries/hanoi_wards_2025_simplified.geojson', import.meta.url),
);

interface Feature {
  properties?: { code?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown };
}

/** The 2025 commune polygons by commune code, to place sales points inside their commune. */
export async function readCommunePolygons(file: string = BOUNDARIES_FILE): Promise<Map<string, Polygon[]>> {
  const json = JSON.parse(await readFile(file, 'utf8')) as { features?: unknown };
  if (!Array.isArray(json.features)) throw badShape(file);
  const out = new Map<string, Polygon[]>();
  for (const feature of json.features as Feature[]) {
    const code = feature.properties?.code;
    const geometry = feature.geometry;
    if (typeof code !== 'string' || !geometry || !Array.isArray(geometry.coordinates)) throw badShape(file);
    if (geometry.type === 'Polygon') out.set(code, [geometry.coordinates as Polygon]);
    else if (geometry.type === 'MultiPolygon') out.set(code, geometry.coordinates as Polygon[]);
    else throw badShape(file);
  }
  return out;
}

function badShape(file: string): DomainError {
  return new DomainError(
    'invalid_reference_data',
    `Tệp ranh giới xã/phường sai cấu trúc: ${file}.`,
    `The commune boundary file has the wrong shape: ${file}.`,
  );
}
