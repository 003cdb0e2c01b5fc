import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { startSite, type Site } from '../e2e/site.js';
import { aCertificate, aProduct } from '../support/factories.js';

let site: Site;

beforeAll(async () => {
  site = await startSite(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const a = await aProduct(ctx);
    await aCertificate(ctx, a, { stars: 4, issuedOn: '2025-09-10' });
    const b = await aProduct(ctx);
    await aCertificate(ctx, b, { stars: 4, issuedOn: '2024-05-02', decisionDate: '2024-05-01' });
    const c = await aProduct(ctx, { communeId: '00004' });
    await aCertificate(ctx, c, { stars: 3, issuedOn: '2024-05-02', decisionDate: '2024-05-01' });
    const d = await aProduct(ctx);
    const revoked = await aCertificate(ctx, d, { stars: 5, level: 'central' });
    await revokeCertificate(ctx, revoked, { reason: 'unsafe_product' });
  });
});
afterAll(() => site.close());

/** The rows of the data table of one section: [label, figure] pairs as a reader sees them. */
function tableOf(html: string, sectionId: string): Array<[string, string]> {
  const start = html.indexOf(`aria-labelledby="${sectionId}"`);
  const section = html.slice(start, html.indexOf('</section>', start));
  const body = section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>'));
  return [...body.matchAll(/<th scope="row">([^<]*)<\/th>\s*<td class="num">([^<]*)<\/td>/g)].map((m) => [
    (m[1] ?? '').trim(),
    (m[2] ?? '').trim(),
  ]);
}

describe('/vi/stats', () => {
  it('charts certified products by stars with the figures in a table, leaving revoked ones out', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/vi/stats' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('3 sản phẩm được chứng nhận từ 3 sao trở lên');
    expect(tableOf(res.body, 'by-stars')).toEqual([
      ['3 sao', '1'],
      ['4 sao', '2'],
    ]);
  });

  it('counts certificates by the year they were issued', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/vi/stats' });
    expect(tableOf(res.body, 'by-year')).toEqual([
      ['2024', '2'],
      ['2025', '1'],
    ]);
  });

  it('colours the 2025 wards by their products and lists every ward, busiest first', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/vi/stats' });
    const wards = tableOf(res.body, 'by-ward');
    expect(wards).toHaveLength(126);
    expect(wards.slice(0, 2)).toEqual([
      ['Xã Bát Tràng', '2'],
      ['Phường Ba Đình', '1'],
    ]);
    expect(wards[2]?.[1]).toBe('0');
  });

  it('draws every chart as SVG on the server, so it shows without JavaScript', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/vi/stats' });
    const charts = res.body.match(/<div\s+class="chart"[^>]*role="img"[^>]*>\s*<svg/g) ?? [];
    expect(charts).toHaveLength(4);
    expect(res.body).toContain('aria-label="Biểu đồ: Sản phẩm theo hạng sao. Số liệu trong bảng bên dưới."');
    expect(res.body).not.toMatch(/<script(?![^>]*(type="module"|application\/ld\+json))/);
  });

  it('speaks English at /en/stats', async () => {
    const res = await site.app.inject({ method: 'GET', url: '/en/stats' });
    expect(res.body).toContain('<h1>OCOP statistics for Hà Nội</h1>');
    expect(tableOf(res.body, 'by-stars')).toEqual([
      ['3 stars', '1'],
      ['4 stars', '2'],
    ]);
    expect(tableOf(res.body, 'by-sector').reduce((sum, [, n]) => sum + Number(n), 0)).toBe(3);
  });
});
