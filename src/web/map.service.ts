import type { Ctx, Locale } from '../core/context.js';
import { publicUrls } from '../core/public-urls.js';
import { foldVi } from '../core/vi-text.js';
import { LOCATION_TYPES } from '../sales-points/location-types.js';
import { pointInWard, readWards, type Ward } from './map.geo.js';
import { craftVillagePlaces, salesPointPlaces } from './map.repository.js';

/**
 * The places of the map, as the API and the list page present them. Sales points have their own coordinates
 * when the registry has them; craft villages never do (no public source of village points), so they, and
 * sales points without coordinates, get a stable point inside their 2025 commune, flagged `approximate` (for
 * villages, one point per commune).
 */
export interface SalesPointPlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
  approximate: boolean;
  locationType: string;
  locationTypeName: string;
  address: string;
  communeId: string;
  communeName: string;
  url: string;
}

export interface CraftVillagePlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
  approximate: true;
  craft: string;
  recognized: boolean;
  communeId: string;
  communeName: string;
  url: string;
}

export interface MapPlaces {
  salesPoints: SalesPointPlace[];
  craftVillages: CraftVillagePlace[];
  /** Records without coordinates whose commune has no 2025 outline: listed, not drawn. */
  unplaced: number;
}

let wardIndex: Map<string, Ward> | undefined;

/** The 2025 wards by code, read from reference/ once per process. */
export function wardsByCode(): Map<string, Ward> {
  wardIndex ??= new Map(readWards().map((w) => [w.code, w]));
  return wardIndex;
}

export function locationTypeName(code: string, locale: Locale): string {
  return LOCATION_TYPES.find((l) => l.code === code)?.[locale] ?? code;
}

export async function mapPlaces(ctx: Ctx, publicUrl: string): Promise<MapPlaces> {
  const urls = publicUrls(publicUrl, ctx.locale);
  const wards = wardsByCode();
  const [sps, cvs] = await Promise.all([salesPointPlaces(ctx), craftVillagePlaces(ctx)]);
  let unplaced = 0;
  const salesPoints: SalesPointPlace[] = [];
  for (const r of sps) {
    const own = r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude } : null;
    const at = own ?? pointInWard(wards.get(r.commune_id), r.id);
    if (!at) {
      unplaced++;
      continue;
    }
    salesPoints.push({
      id: r.id,
      name: r.name,
      ...at,
      approximate: own === null,
      locationType: r.location_type,
      locationTypeName: locationTypeName(r.location_type, ctx.locale),
      address: r.address,
      communeId: r.commune_id,
      communeName: r.commune_name,
      url: urls.salesPoint(r.id),
    });
  }
  const craftVillages: CraftVillagePlace[] = [];
  for (const r of cvs) {
    // The commune's point, the same for all its villages: nothing more precise is known.
    const at = pointInWard(wards.get(r.commune_id), r.commune_id);
    if (!at) {
      unplaced++;
      continue;
    }
    craftVillages.push({
      id: r.id,
      name: r.name,
      ...at,
      approximate: true,
      craft: r.craft,
      recognized: r.recognized === 1,
      communeId: r.commune_id,
      communeName: r.commune_name,
      url: urls.craftVillage(r.id),
    });
  }
  return { salesPoints, craftVillages, unplaced };
}

export interface PlaceFilters {
  salesPoints: boolean;
  craftVillages: boolean;
  recognizedOnly: boolean;
  locationType: string;
}

export interface CommuneGroup {
  communeId: string;
  communeName: string;
  salesPoints: SalesPointPlace[];
  craftVillages: CraftVillagePlace[];
}

/** The list shown without JavaScript: the filtered places grouped by commune, communes in name order. */
export function groupByCommune(places: MapPlaces, f: PlaceFilters): CommuneGroup[] {
  const groups = new Map<string, CommuneGroup>();
  const groupOf = (id: string, name: string) => {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { communeId: id, communeName: name, salesPoints: [], craftVillages: [] }));
    return g;
  };
  if (f.salesPoints) {
    for (const p of places.salesPoints) {
      if (f.locationType === '' || p.locationType === f.locationType) {
        groupOf(p.communeId, p.communeName).salesPoints.push(p);
      }
    }
  }
  if (f.craftVillages) {
    for (const v of places.craftVillages) {
      if (!f.recognizedOnly || v.recognized) groupOf(v.communeId, v.communeName).craftVillages.push(v);
    }
  }
  const key = (g: CommuneGroup) => foldVi(g.communeName.replace(/^(Phường|Xã|Thị trấn|Đặc khu)\s+/u, ''));
  return [...groups.values()].sort(
    (a, b) => key(a).localeCompare(key(b)) || a.communeId.localeCompare(b.communeId),
  );
}
