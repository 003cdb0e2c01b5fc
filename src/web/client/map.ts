/// <reference lib="dom" />
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import './islands.css';
import { dataJson, say } from './i18n.js';
import { getJson, popup, type CraftVillagePin, type MapPoints } from './map-data.js';

/**
 * The map of /vi/map: our own 2025 ward outlines as the only background (no tile server, no WebGL), sales
 * points and craft villages clustered, filtered by the form the server already rendered for the list.
 */
interface Filters {
  salesPoints: boolean;
  craftVillages: boolean;
  recognizedOnly: boolean;
  locationType: string;
}

/** The outline of Thành phố Hà Nội (reference/boundaries/hanoi_province_2025.geojson), so the first view is final. */
const HANOI: L.LatLngBoundsLiteral = [
  [20.5647, 105.2869],
  [21.3843, 106.0184],
];

/** Popups fit a 360 px phone and pan clear of the zoom buttons. */
const POPUP: L.PopupOptions = { maxHeight: 220, maxWidth: 220, autoPanPaddingTopLeft: [50, 12] };

const WARD_STYLE: L.PathOptions = { color: '#8c857a', weight: 0.8, fillColor: '#f5f3ee', fillOpacity: 1 };

export function mount(root: HTMLElement): void {
  const canvas = root.querySelector<HTMLElement>('.map-canvas');
  if (!canvas) return;
  canvas.hidden = false;
  const map = L.map(canvas, {
    zoomSnap: 0.5,
    minZoom: 8,
    maxZoom: 17,
    attributionControl: true,
    // One canvas for the 126 ward outlines instead of 126 SVG paths: cheaper to draw and to pan.
    preferCanvas: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('© sapnhap.bando.com.vn, thanglequoc (MIT)');
  map.fitBounds(HANOI);
  const clusters = L.markerClusterGroup({
    // Clustering 1,500 places in slices keeps every task short on a slow phone (no long main-thread block).
    chunkedLoading: true,
    chunkInterval: 40,
    chunkDelay: 10,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => clusterIcon(cluster.getChildCount()),
  }).addTo(map);
  void fill(root, map, clusters);
}

/** Lets the browser paint and handle input between slices of work: no task long enough to block a tap. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function fill(root: HTMLElement, map: L.Map, clusters: L.MarkerClusterGroup): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form');
  const status = root.querySelector<HTMLElement>('[role=status]');
  const wardsPromise = getJson<GeoJSON.FeatureCollection>(root.dataset.wardsUrl ?? '');
  const pointsPromise = getJson<MapPoints>(root.dataset.pointsUrl ?? '');
  const wards = await wardsPromise;
  await nextTask();
  // One canvas draw for all 126 outlines (adding them in slices would redraw the canvas each time).
  const layer = L.geoJSON(wards, { style: WARD_STYLE, interactive: false }).addTo(map);
  layer.bringToBack();
  const points = await pointsPromise;
  await nextTask();
  const markers = buildMarkers(
    points,
    dataJson(root, 'labels', { open: say({ vi: 'Xem', en: 'View' }) }).open,
  );
  const apply = () => {
    const filters = readFilters(form);
    const shown = markers.filter((m) => m.matches(filters));
    clusters.clearLayers();
    clusters.addLayers(shown.map((m) => m.marker));
    if (status) {
      const sp = String(shown.reduce((n, m) => n + m.salesPoints, 0));
      const cv = String(shown.reduce((n, m) => n + m.craftVillages, 0));
      status.textContent = say({
        vi: `Bản đồ đang hiện ${sp} điểm bán và ${cv} làng nghề.`,
        en: `The map shows ${sp} sales points and ${cv} craft villages.`,
      });
    }
  };
  form?.addEventListener('change', apply);
  await nextTask();
  apply();
  focusFromAddress(clusters, markers, points);
  root.dataset.state = 'ready';
}

/**
 * `/vi/map?focus=<id>` (a link from a sales point or craft village page) zooms to that place, or to the marker
 * of the village's commune, and opens it.
 */
function focusFromAddress(clusters: L.MarkerClusterGroup, markers: Pin[], points: MapPoints): void {
  const id = new URLSearchParams(window.location.search).get('focus');
  const village = points.craftVillages.find((v) => v.id === id);
  const key = village ? `commune:${village.communeId}` : id;
  const target = key === null ? undefined : markers.find((m) => m.id === key);
  if (!target) return;
  clusters.zoomToShowLayer(target.marker, () => {
    target.marker.openPopup();
  });
}

function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 34 : count < 100 ? 42 : 50;
  return L.divIcon({
    html: `<span>${String(count)}</span>`,
    className: 'cluster',
    iconSize: [size, size],
  });
}

interface Pin {
  id: string;
  marker: L.Marker;
  /** How many sales points and craft villages the marker stands for. */
  salesPoints: number;
  craftVillages: number;
  matches(filters: Filters): boolean;
}

function buildMarkers(points: MapPoints, open: string): Pin[] {
  const sp = points.salesPoints.map((p): Pin => {
    const marker = pin([p.lat, p.lng], 'pin pin-sp', `${p.name}: ${p.locationTypeName}`);
    marker.bindPopup(() => popup(p.name, [p.locationTypeName, p.address], p.url, open), POPUP);
    return {
      id: p.id,
      marker,
      salesPoints: 1,
      craftVillages: 0,
      matches: (f) => f.salesPoints && (f.locationType === '' || f.locationType === p.locationType),
    };
  });
  return [...sp, ...villageGroups(points.craftVillages)];
}

/**
 * Craft villages have no coordinates, only a commune: one marker per commune says so honestly (a pin per
 * village would invent positions) and keeps the map light. Two markers per commune: every village, and the
 * recognized ones only, shown by the filter.
 */
function villageGroups(villages: CraftVillagePin[]): Pin[] {
  const byCommune = new Map<string, CraftVillagePin[]>();
  for (const v of villages) byCommune.set(v.communeId, [...(byCommune.get(v.communeId) ?? []), v]);
  const pins: Pin[] = [];
  for (const [communeId, all] of byCommune) {
    const recognized = all.filter((v) => v.recognized);
    pins.push({
      id: `commune:${communeId}`,
      marker: villageMarker(all, 'pin pin-cv'),
      salesPoints: 0,
      craftVillages: all.length,
      matches: (f) => f.craftVillages && !f.recognizedOnly,
    });
    if (recognized.length) {
      pins.push({
        id: `commune:${communeId}:recognized`,
        marker: villageMarker(recognized, 'pin pin-cv pin-recognized'),
        salesPoints: 0,
        craftVillages: recognized.length,
        matches: (f) => f.craftVillages && f.recognizedOnly,
      });
    }
  }
  return pins;
}

function villageMarker(villages: CraftVillagePin[], className: string): L.Marker {
  const first = villages[0] as CraftVillagePin;
  const count = say({
    vi: `${String(villages.length)} làng nghề`,
    en: `${String(villages.length)} craft ${villages.length === 1 ? 'village' : 'villages'}`,
  });
  const marker = pin(
    [first.lat, first.lng],
    className,
    `${first.communeName}: ${count}`,
    String(villages.length),
  );
  marker.bindPopup(() => villageList(first.communeName, count, villages), POPUP);
  return marker;
}

function villageList(commune: string, count: string, villages: CraftVillagePin[]): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = `${commune} — ${count}`;
  const note = document.createElement('div');
  note.textContent = say({
    vi: 'Vị trí gần đúng (trong xã, phường).',
    en: 'Approximate position (within the commune).',
  });
  const list = document.createElement('ul');
  list.className = 'map-villages';
  for (const v of villages) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = v.url;
    a.className = 'map-link';
    a.textContent = v.name;
    const recognized = v.recognized ? say({ vi: ', được công nhận', en: ', recognized' }) : '';
    li.append(a, document.createTextNode(` — ${v.craft}${recognized}`));
    list.append(li);
  }
  box.append(title, note, list);
  return box;
}

function pin(at: L.LatLngTuple, className: string, title: string, text = ''): L.Marker {
  const label = document.createElement('span');
  label.textContent = text;
  return L.marker(at, {
    icon: L.divIcon({ className, iconSize: [26, 26], html: label }),
    title,
    alt: title,
    keyboard: true,
  });
}

function readFilters(form: HTMLFormElement | null): Filters {
  if (!form) return { salesPoints: true, craftVillages: true, recognizedOnly: false, locationType: '' };
  const data = new FormData(form);
  const types = data.getAll('show').map((v) => (typeof v === 'string' ? v : ''));
  const locationType = data.get('locationType');
  return {
    salesPoints: types.length === 0 || types.includes('salesPoint'),
    craftVillages: types.length === 0 || types.includes('craftVillage'),
    recognizedOnly: data.get('recognized') === '1',
    locationType: typeof locationType === 'string' ? locationType : '',
  };
}
