/// <reference lib="dom" />
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './islands.css';
import { say } from './i18n.js';
import { getJson } from './map-data.js';

/**
 * The location picker of the back office's sales-point form. The page works without it: the latitude and longitude
 * are two plain inputs. The island adds a map of the ward outlines (no tile server): a click puts the point there
 * and fills the inputs, typing in the inputs moves the marker, the marker can be dragged, and the chosen commune
 * is drawn darker. Hook: `<div data-island="map-picker" data-lat-input="f-latitude" data-lng-input="f-longitude"
 * data-commune-input="f-communeId">` (ids of the inputs; the commune is optional).
 */
const WARDS_URL = '/geo/hanoi-wards-2025.geojson';
/** Hà Nội's extent, as the service checks it (src/sales-points/sales-point.ts). */
const HANOI = L.latLngBounds([20.55, 105.27], [21.4, 106.03]);

interface WardProps {
  code: string;
  name: string;
}

function inputById(id: string | undefined): HTMLInputElement | HTMLSelectElement | null {
  if (!id) return null;
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el : null;
}

function readPoint(lat: HTMLInputElement, lng: HTMLInputElement): L.LatLng | null {
  const a = Number(lat.value.replace(',', '.'));
  const b = Number(lng.value.replace(',', '.'));
  if (lat.value.trim() === '' || lng.value.trim() === '' || !Number.isFinite(a) || !Number.isFinite(b))
    return null;
  return L.latLng(a, b);
}

function setValue(input: HTMLInputElement, value: number): void {
  input.value = value.toFixed(6);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function mount(root: HTMLElement): void {
  const lat = inputById(root.dataset.latInput);
  const lng = inputById(root.dataset.lngInput);
  if (!(lat instanceof HTMLInputElement) || !(lng instanceof HTMLInputElement)) return;
  const commune = inputById(root.dataset.communeInput);

  const help = document.createElement('p');
  help.className = 'hint';
  help.textContent = say({
    vi: 'Bấm vào bản đồ hoặc kéo điểm đánh dấu để chọn vị trí; ô vĩ độ và kinh độ được điền theo.',
    en: 'Click the map or drag the marker to pick the location; the latitude and longitude fill in.',
  });
  const canvas = document.createElement('div');
  canvas.className = 'mini-map-canvas';
  canvas.style.height = '22rem';
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', say({ vi: 'Bản đồ chọn vị trí', en: 'Map to pick the location' }));
  root.append(help, canvas);

  const map = L.map(canvas, {
    minZoom: 8,
    maxZoom: 18,
    scrollWheelZoom: false,
    maxBounds: HANOI.pad(0.2),
  });
  map.attributionControl.setPrefix(false);
  map.fitBounds(HANOI);
  const marker = L.marker([0, 0], {
    draggable: true,
    keyboard: true,
    icon: L.divIcon({ className: 'pin pin-sp', iconSize: [18, 18], html: '' }),
    title: say({ vi: 'Vị trí điểm bán', en: 'Sales point location' }),
    alt: say({ vi: 'Vị trí điểm bán', en: 'Sales point location' }),
  });

  const place = (point: L.LatLng | null, pan: boolean) => {
    if (!point) {
      marker.remove();
      return;
    }
    marker.setLatLng(point);
    if (!map.hasLayer(marker)) marker.addTo(map);
    if (pan) map.setView(point, Math.max(map.getZoom(), 14));
  };
  const choose = (point: L.LatLng) => {
    setValue(lat, point.lat);
    setValue(lng, point.lng);
    place(point, false);
  };

  map.on('click', (e: L.LeafletMouseEvent) => {
    choose(e.latlng);
  });
  marker.on('dragend', () => {
    choose(marker.getLatLng());
  });
  for (const input of [lat, lng]) {
    input.addEventListener('change', () => {
      place(readPoint(lat, lng), true);
    });
    input.addEventListener('input', () => {
      place(readPoint(lat, lng), false);
    });
  }
  place(readPoint(lat, lng), true);
  void drawWards(map, commune, () => map.hasLayer(marker));
}

/** The ward outlines under the marker, the chosen commune darker; a new commune brings it into view. */
async function drawWards(
  map: L.Map,
  commune: HTMLInputElement | HTMLSelectElement | null,
  hasPoint: () => boolean,
): Promise<void> {
  const wards = await getJson<GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, WardProps>>(WARDS_URL);
  const chosen = () => commune?.value ?? '';
  const layer = L.geoJSON(wards, {
    style: (feature) => {
      const mine = (feature?.properties as WardProps | undefined)?.code === chosen();
      return mine
        ? { color: '#14532d', weight: 2, fillColor: '#d1fae5', fillOpacity: 0.8 }
        : { color: '#8c857a', weight: 0.8, fillColor: '#f5f3ee', fillOpacity: 1 };
    },
    onEachFeature: (feature, ward) => {
      ward.bindTooltip((feature.properties as WardProps).name, { sticky: true });
    },
  }).addTo(map);
  layer.bringToBack();
  const focus = (fit: boolean) => {
    layer.resetStyle();
    if (!fit) return;
    layer.eachLayer((ward) => {
      if (!(ward instanceof L.Polygon)) return;
      const feature = ward.feature as GeoJSON.Feature<GeoJSON.Geometry, WardProps> | undefined;
      if (feature?.properties.code === chosen()) map.fitBounds(ward.getBounds(), { maxZoom: 15 });
    });
  };
  focus(!hasPoint());
  commune?.addEventListener('change', () => {
    focus(!hasPoint());
  });
}
