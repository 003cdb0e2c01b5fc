import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/demo.loader.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** The website over a demonstration Hà Nội big enough for thousands separators. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    await loadDemo(ctx, { products: 1500 });
  });
}, 180_000);
afterAll(() => t.close());

const grouped = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

describe('home page figures', () => {
  it('are the live statistics, in Vietnamese and English number formats', async () => {
    const stats = (await t.app.inject({ method: 'GET', url: '/api/v1/stats' })).json<{
      products: { total: number };
      craftVillages: { total: number };
    }>();
    expect(stats.products.total).toBeGreaterThan(999);
    const vi = (await t.app.inject({ method: 'GET', url: '/vi/' })).body.replace(/\s+/g, ' ');
    expect(vi).toContain(`<strong>${grouped(stats.products.total, '.')}</strong> sản phẩm OCOP`);
    expect(vi).toContain(`<strong>${grouped(stats.craftVillages.total, '.')}</strong> làng nghề`);
    const en = (await t.app.inject({ method: 'GET', url: '/en/' })).body.replace(/\s+/g, ' ');
    expect(en).toContain(`<strong>${grouped(stats.products.total, ',')}</strong> OCOP products`);
  });

  it('the catalogue counts and pages in Vietnamese format', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/vi/search' })).body.replace(/\s+/g, ' ');
    expect(body).toMatch(/\d\.\d{3} sản phẩm · Trang 1\/\d+/);
    expect(body).toContain('rel="next"');
  });
});
