/// <reference lib="dom" />
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './islands.css';
import { dataJson, say } from './i18n.js';
import { getJson, popup } from './map-data.js';

/**
 * A small map for product, producer, village and sales point pages: the points given by the page in
 * `data-points`, over the ward outlines. Loaded only when the hook comes near the viewport (islands.ts).
 */
interface MiniPoint {
  lat: number;
  /** `lng` as in Leaflet, or `lon` as the API's presenters write it. */
  lng?: number;
  lon?: number;
  name: string;
  url?: string;
}

export const WARDS_URL = '/geo/hanoi-wards-2025.geojson';

export function mount(root: HTMLElement): void {
  const points = dataJson<MiniPoint[]>(root, 'points', [])
    .map((p) => ({ ...p, lng: p.lng ?? p.lon ?? Number.NaN }))
    .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
  if (!points.length) return;
  const canvas = document.createElement('div');
  canvas.className = 'mini-map-canvas';
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', say({ vi: 'Bản đồ vị trí', en: 'Location map' }));
  root.append(canvas);
  const map = L.map(canvas, { scrollWheelZoom: false, minZoom: 8, maxZoom: 17 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('© sapnhap.bando.com.vn, thanglequoc (MIT)');
  const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng] as L.LatLngTuple));
  map.fitBounds(bounds.pad(0.5), { maxZoom: 12 });
  for (const p of points) {
    const marker = L.marker([p.lat, p.lng], {
      icon: L.divIcon({ className: 'pin pin-sp', iconSize: [18, 18], html: '' }),
      title: p.name,
      alt: p.name,
    }).addTo(map);
    if (p.url) marker.bindPopup(popup(p.name, [], p.url, say({ vi: 'Xem', en: 'View' })));
  }
  void getJson<GeoJSON.FeatureCollection>(root.dataset.wardsUrl ?? WARDS_URL).then((wards) => {
    L.geoJSON(wards, {
      style: { color: '#8c857a', weight: 0.8, fillColor: '#f5f3ee', fillOpacity: 1 },
      interactive: false,
    })
      .addTo(map)
      .bringToBack();
  });
}
