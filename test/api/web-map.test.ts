import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { pointInPolygon, readWards } from '../../src/web/map.geo.js';
import { startSite, type Site } from '../e2e/site.js';
import { aCraftVillage, aSalesPoint } from '../support/factories.js';

interface Points {
  salesPoints: Array<{
    id: string;
    name: string;
    lat: number;
    lng: number;
    approximate: boolean;
    url: string;
  }>;
  craftVillages: Array<{ id: string; lat: number; lng: number; recognized: boolean; url: string }>;
  unplaced: number;
}

const wards = readWards();
const BAT_TRANG = '00577';
const wardOf = (code: string) => wards.find((w) => w.code === code);
const insideWard = (code: string, lat: number, lng: number) =>
  wardOf(code)?.polygons.some((p) => pointInPolygon(lng, lat, p)) ?? false;

let site: Site;
const ids: Record<string, string> = {};

beforeAll(async () => {
  site = await startSite(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.village = await aCraftVillage(ctx, {
      name: 'Làng gốm Bát Tràng',
      craft: 'Gốm sứ',
      recognized: true,
      recognitionDecision: '123/QĐ-UBND',
      recognitionYear: 2010,
    });
    ids.hub = await aSalesPoint(ctx, {
      name: 'Điểm bán OCOP Ga Hà Nội',
      locationType: 'transport_hub',
      latitude: 21.0245,
      longitude: 105.8412,
    });
    ids.shop = await aSalesPoint(ctx, { name: 'Cửa hàng gốm Bát Tràng', locationType: 'craft_village' });
    // Twelve more communes, one village each, so the list needs a second page.
    for (const w of wards.filter((w) => w.code !== BAT_TRANG).slice(0, 12)) {
      await aCraftVillage(ctx, { name: `Làng nghề ${w.name}`, communeId: w.code, craft: 'Mây tre đan' });
    }
  });
});
afterAll(() => site.close());

describe('GET /api/v1/map/points', () => {
  it('places a sales point at its own coordinates, and records without any inside their commune', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/api/v1/map/points' });
    expect(res.statusCode).toBe(200);
    const body = res.json<Points>();
    const hub = body.salesPoints.find((p) => p.id === ids.hub);
    expect(hub).toMatchObject({ lat: 21.0245, lng: 105.8412, approximate: false });
    expect(hub?.url).toBe(`http://ocop.test/vi/sales-points/${String(ids.hub)}`);
    const shop = body.salesPoints.find((p) => p.id === ids.shop);
    expect(shop?.approximate).toBe(true);
    expect(insideWard(BAT_TRANG, shop?.lat ?? 0, shop?.lng ?? 0)).toBe(true);
    const village = body.craftVillages.find((v) => v.id === ids.village);
    expect(village?.recognized).toBe(true);
    expect(insideWard(BAT_TRANG, village?.lat ?? 0, village?.lng ?? 0)).toBe(true);
    expect(body.craftVillages).toHaveLength(13);
    expect(body.unplaced).toBe(0);
  });

  it('answers in the language asked, with the English page addresses', async () => {
    const res = await site.app.inject({
      method: 'GET',
      url: '/api/v1/map/points',
      headers: { 'accept-language': 'en' },
    });
    const hub = res.json<Points & { salesPoints: Array<{ locationTypeName: string }> }>().salesPoints[0];
    expect(hub?.url).toContain('/en/sales-points/');
    expect(res.body).toContain('Railway station, airport, bus terminal or port');
    const page = await site.app.inject({
      method: 'GET',
      url: '/api/v1/map/points?lang=vi',
      headers: { 'accept-language': 'en' },
    });
    expect(page.body).toContain('Nhà ga, sân bay, bến xe, cảng');
  });

  it('is sent compressed with a validator, and a repeat ask costs nothing', async () => {
    const res = await site.app.inject({
      method: 'GET',
      url: '/api/v1/map/points',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8'))).toHaveProperty('salesPoints');
    const etag = String(res.headers.etag);
    const again = await site.app.inject({
      method: 'GET',
      url: '/api/v1/map/points',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty('/api/v1/map/points');
  });
});

describe('the ward outlines', () => {
  it('serves the 126 wards of 2025 as GeoJSON, cached and compressed', async () => {
    const res = await site.app.inject({
      method: 'GET',
      url: '/geo/hanoi-wards-2025.geojson',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json');
    expect(res.headers['cache-control']).toContain('max-age=86400');
    expect(res.rawPayload.length).toBeLessThan(45_000);
    const json = JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8')) as {
      features: Array<{ id: string; properties: { name: string } }>;
    };
    expect(json.features).toHaveLength(126);
    expect(json.features.find((f) => f.id === BAT_TRANG)?.properties.name).toBe('Xã Bát Tràng');
  });
});

describe('/vi/map without JavaScript', () => {
  it('lists the places by commune with links to their pages', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/vi/map' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('<h1>Bản đồ điểm bán và làng nghề OCOP</h1>');
    expect(html).toContain('data-island="map"');
    expect(html).toContain(`href="http://ocop.test/vi/sales-points/${String(ids.hub)}"`);
    expect(html).toContain('Điểm bán OCOP Ga Hà Nội');
    expect(html).toContain('13 xã, phường có địa điểm phù hợp; trang 1/2.');
  });

  it('filters the list with the same form the map uses, and pages keep the filters', async () => {
    const villagesOnly = await site.app.inject({ method: 'GET', url: '/vi/map?show=craftVillage' });
    expect(villagesOnly.body).not.toContain('Điểm bán OCOP Ga Hà Nội');
    expect(villagesOnly.body).toContain('href="/vi/map?show=craftVillage&amp;page=2"');
    const recognized = await site.app.inject({
      method: 'GET',
      url: '/vi/map?show=craftVillage&recognized=1',
    });
    expect(recognized.body).toContain('Làng gốm Bát Tràng');
    expect(recognized.body).not.toContain('Mây tre đan');
    const hubs = await site.app.inject({
      method: 'GET',
      url: '/vi/map?show=salesPoint&locationType=transport_hub',
    });
    expect(hubs.body).toContain('Điểm bán OCOP Ga Hà Nội');
    expect(hubs.body).not.toContain('Cửa hàng gốm Bát Tràng');
  });

  it('speaks English at /en/map, and the language switch keeps the filters', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/en/map?show=salesPoint' });
    expect(res.body).toContain('Map of OCOP sales points and craft villages');
    expect(res.body).toContain('Railway station, airport, bus terminal or port');
    expect(res.body).toContain('href="/vi/map?show=salesPoint"');
  });
});
