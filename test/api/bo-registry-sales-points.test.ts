import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aProduct, aSalesPoint } from '../support/factories.js';

let t: TestApp;
const ids: Record<string, string> = {};
const who = { admin: '', commune: '', manager: '', otherCommune: '' };

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.vase = await aProduct(ctx, { nameVi: 'Bình gốm men lam' });
    ids.rice = await aProduct(ctx, { nameVi: 'Gạo nếp cái hoa vàng', scorecardId: 3 });
    ids.market = await aSalesPoint(ctx, {
      name: 'Điểm OCOP chợ Bát Tràng',
      locationType: 'craft_village',
      latitude: 20.975,
      longitude: 105.913,
      productIds: [ids.vase],
    });
    ids.airport = await aSalesPoint(ctx, {
      name: 'Quầy OCOP sân bay Nội Bài',
      locationType: 'transport_hub',
    });
    ids.far = await aSalesPoint(ctx, { name: 'Siêu thị OCOP Kim Anh', communeId: '10273' });
    for (let i = 0; i < 20; i++)
      await aSalesPoint(ctx, { name: `Cửa hàng OCOP số ${String(i).padStart(2, '0')}` });
    who.admin = await anAccount(ctx, 'admin');
    who.commune = await anAccount(ctx, 'commune', '00577');
    who.otherCommune = await anAccount(ctx, 'commune', '10273');
    who.manager = await anAccount(ctx, 'salespoint', ids.market);
  });
});
afterAll(() => t.close());

/** One browser per e-mail, signed in through the form (test/support/accounts.ts). */
let bo: ReturnType<typeof backOfficeClient> | undefined;
const client = () => (bo ??= backOfficeClient(t.app));
const page = (email: string, url: string) => client().page(email, url);
const post = (email: string, url: string, fields: Record<string, string | string[]>) =>
  client().post(email, url, fields);

const rowsOf = (body: string) =>
  [...body.matchAll(/<th scope="row"><a href="\/admin\/sales-points\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

const form = (over: Record<string, string | string[]> = {}) => ({
  name: 'Điểm OCOP Văn Miếu',
  locationType: 'tourism',
  address: '58 Quốc Tử Giám',
  communeId: '00577',
  latitude: '21.0276',
  longitude: '105.8355',
  checklist_location: '1',
  checklist_signage: '1',
  openingHours: '8:00–17:00',
  ...over,
});

describe('sales point list', () => {
  it('pages, searches and filters by location type and commune', async () => {
    const first = await page(who.admin, '/admin/sales-points');
    expect(first.body).toContain('23 kết quả');
    expect(rowsOf(first.body)).toHaveLength(20);
    expect(rowsOf((await page(who.admin, '/admin/sales-points?page=2')).body)).toHaveLength(3);
    expect(rowsOf((await page(who.admin, '/admin/sales-points?locationType=transport_hub')).body)).toEqual([
      'Quầy OCOP sân bay Nội Bài',
    ]);
    expect(rowsOf((await page(who.admin, '/admin/sales-points?commune=10273')).body)).toEqual([
      'Siêu thị OCOP Kim Anh',
    ]);
    expect(rowsOf((await page(who.admin, '/admin/sales-points?q=noi%20bai')).body)).toEqual([
      'Quầy OCOP sân bay Nội Bài',
    ]);
    const byType = rowsOf((await page(who.admin, '/admin/sales-points?sort=-locationType')).body);
    expect(byType[0]).toBe('Quầy OCOP sân bay Nội Bài');
  });

  it('shows a manager only their own point, and a commune officer only their commune', async () => {
    expect(rowsOf((await page(who.manager, '/admin/sales-points')).body)).toEqual([
      'Điểm OCOP chợ Bát Tràng',
    ]);
    expect(rowsOf((await page(who.otherCommune, '/admin/sales-points')).body)).toEqual([
      'Siêu thị OCOP Kim Anh',
    ]);
    expect((await page(who.otherCommune, `/admin/sales-points/${ids.market ?? ''}`)).statusCode).toBe(403);
  });
});

describe('sales point forms', () => {
  it('renders coordinates that work without JavaScript, the map hook and the Decision 950 checklist', async () => {
    const res = await page(who.commune, '/admin/sales-points/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<input type="number"\s+id="f-latitude"\s+name="latitude"/);
    expect(res.body).toMatch(
      /data-island="map-picker"\s+data-lat-input="f-latitude"\s+data-lng-input="f-longitude"/,
    );
    expect(res.body).toContain('name="checklist_signage"');
    expect(res.body).toContain('Trạm dừng nghỉ đường cao tốc');
  });

  it('refuses coordinates outside Hà Nội next to the field, keeping the values', async () => {
    const res = await post(
      who.commune,
      '/admin/sales-points/new',
      form({ latitude: '10.7769', longitude: '106.7009' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="f-latitude-error">[^<]*ngoài Hà Nội/);
    expect(res.body).toContain('id="f-longitude-error"');
    expect(res.body).toContain('value="Điểm OCOP Văn Miếu"');
    expect(res.body).toMatch(/id="f-checklist_signage"\s+name="checklist_signage"\s+value="1"\s+checked/);
  });

  it('creates a point with its checklist and location', async () => {
    const res = await post(who.commune, '/admin/sales-points/new', form());
    expect(res.statusCode).toBe(303);
    const detail = await page(who.commune, res.headers.location ?? '');
    expect(detail.body).toContain('<h1>Điểm OCOP Văn Miếu</h1>');
    expect(detail.body).toContain('21.0276, 105.8355');
    expect(detail.body).toContain('✓ Có biển hiệu mang biểu trưng OCOP');
    expect(detail.body).toContain('✗ Tuân thủ quy định về chất lượng');
  });

  it('lets a manager edit their point, with the audit of before and after, but not another point', async () => {
    const edit = await page(who.manager, `/admin/sales-points/${ids.market ?? ''}/edit`);
    expect(edit.statusCode).toBe(200);
    const res = await post(
      who.manager,
      `/admin/sales-points/${ids.market ?? ''}/edit`,
      form({
        name: 'Điểm OCOP chợ Bát Tràng',
        locationType: 'craft_village',
        address: 'Chợ gốm Bát Tràng',
        latitude: '20.976',
        longitude: '105.914',
      }),
    );
    expect(res.statusCode).toBe(303);
    const audit = await auditTrail(t.ctx, 'salesPoint', ids.market ?? '');
    expect(audit.at(-1)?.changes).toMatchObject({
      address: ['Số 1, Hà Nội', 'Chợ gốm Bát Tràng'],
      latitude: [20.975, 20.976],
    });
    expect((await page(who.manager, `/admin/sales-points/${ids.airport ?? ''}/edit`)).statusCode).toBe(403);
    const other = await post(who.manager, `/admin/sales-points/${ids.airport ?? ''}/edit`, form());
    expect(other.statusCode).toBe(403);
  });

  it('clears an optional field emptied on edit', async () => {
    const res = await post(
      who.manager,
      `/admin/sales-points/${ids.market ?? ''}/edit`,
      form({ name: 'Điểm OCOP chợ Bát Tràng', address: 'Chợ gốm Bát Tràng', openingHours: '' }),
    );
    expect(res.statusCode).toBe(303);
    const audit = await auditTrail(t.ctx, 'salesPoint', ids.market ?? '');
    expect(audit.at(-1)?.changes.opening_hours).toEqual(['8:00–17:00', null]);
  });

  it('changes the products stocked: search, tick, save', async () => {
    const picker = await page(who.manager, `/admin/sales-points/${ids.market ?? ''}/products?pq=gao%20nep`);
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain(`value="${ids.rice ?? ''}"`);
    expect(picker.body).toMatch(new RegExp(`value="${ids.vase ?? ''}"\\s+checked`));
    const res = await post(who.manager, `/admin/sales-points/${ids.market ?? ''}/products`, {
      productIds: [ids.rice ?? ''],
    });
    expect(res.statusCode).toBe(303);
    const detail = await page(who.manager, `/admin/sales-points/${ids.market ?? ''}`);
    expect(detail.body).toContain('Gạo nếp cái hoa vàng');
    expect(detail.body).not.toContain('Bình gốm men lam</a>');
    const audit = await auditTrail(t.ctx, 'salesPoint', ids.market ?? '');
    expect(audit.at(-1)).toMatchObject({
      action: 'salesPoint.stock',
      changes: { added: [ids.rice], removed: [ids.vase] },
    });
    expect((await page(who.manager, `/admin/sales-points/${ids.airport ?? ''}/products`)).statusCode).toBe(
      403,
    );
  });
});

describe('sales point bulk action', () => {
  it('records one Decision 950 criterion on the selected points, each audited', async () => {
    const list = await page(who.commune, '/admin/sales-points?q=cua%20hang');
    const chosen = [...list.body.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1] ?? '').slice(0, 2);
    expect(chosen).toHaveLength(2);
    const missing = await post(who.commune, '/admin/sales-points/bulk', {
      ids: chosen,
      action: 'checklist',
      met: '1',
    });
    expect(missing.statusCode).toBe(400);
    const done = await post(who.commune, '/admin/sales-points/bulk', {
      ids: chosen,
      action: 'checklist',
      item: 'quality',
      met: '1',
    });
    expect(done.statusCode).toBe(303);
    const detail = await page(who.commune, `/admin/sales-points/${chosen[0] ?? ''}`);
    expect(detail.body).toContain('✓ Tuân thủ quy định về chất lượng');
    const audit = await auditTrail(t.ctx, 'salesPoint', chosen[1] ?? '');
    expect(audit.at(-1)?.changes.checklist).toEqual(['{}', '{"quality":true}']);
  });

  it('refuses a manager marking a point that is not theirs', async () => {
    const res = await post(who.manager, '/admin/sales-points/bulk', {
      ids: [ids.airport ?? ''],
      action: 'checklist',
      item: 'signage',
      met: '1',
    });
    expect(res.statusCode).toBe(403);
  });
});
