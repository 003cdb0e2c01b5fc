/// <reference lib="dom" />
/** The shapes of GET /api/v1/map/points (src/web/map.routes.ts) as the islands read them. */
export interface SalesPointPin {
  id: string;
  name: string;
  lat: number;
  lng: number;
  locationType: string;
  locationTypeName: string;
  address: string;
  communeId: string;
  communeName: string;
  url: string;
}

export interface CraftVillagePin {
  id: string;
  name: string;
  lat: number;
  lng: number;
  craft: string;
  recognized: boolean;
  communeId: string;
  communeName: string;
  url: string;
}

export interface MapPoints {
  salesPoints: SalesPointPin[];
  craftVillages: CraftVillagePin[];
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${String(response.status)}`);
  return (await response.json()) as T;
}

/** A popup body built from text nodes: names come from the registry and are never parsed as HTML. */
export function popup(title: string, lines: string[], url: string, linkText: string): HTMLElement {
  const box = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = title;
  box.append(strong);
  for (const line of lines) {
    const p = document.createElement('div');
    p.textContent = line;
    box.append(p);
  }
  const a = document.createElement('a');
  a.href = url;
  a.className = 'map-link';
  a.textContent = linkText;
  box.append(a);
  return box;
}
