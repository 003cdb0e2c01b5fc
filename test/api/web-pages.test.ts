import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/app.js';
import { aCertificate, aCraftVillage, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

/** The public website's pages, through HTTP, in both languages (the clock is fixed at 26 Nov 2026). */
let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.village = await aCraftVillage(ctx, {
      name: 'Làng gốm Bát Tràng',
      craft: 'Gốm sứ',
      recognized: true,
      recognitionDecision: '123/QĐ-UBND',
      recognitionYear: 2005,
    });
    ids.producer = await aProducer(ctx, { name: 'Công ty TNHH Gốm Bát Tràng Xưa', legalForm: 'tnhh1' });
    ids.evil = await aProducer(ctx, { name: 'HTX <script>alert(1)</script> & Co' });
    ids.vase = await aProduct(ctx, {
      producerId: ids.producer,
      craftVillageId: ids.village,
      nameVi: 'Bình gốm men lam Bát Tràng',
      nameEn: 'Bát Tràng blue-glaze vase',
      scorecardId: 21,
      priceVnd: 1250000,
    });
    await aCertificate(ctx, ids.vase, { stars: 5, level: 'central', number: 'HN-2025-0001' });
    // Photos arrive through the back office's image service, which keeps this column in step.
    await ctx.db
      .updateTable('products')
      .set({ images: JSON.stringify(['/uploads/vase-1.jpg', '/uploads/vase-2.jpg']) })
      .where('id', '=', ids.vase)
      .execute();
    ids.old = await aProduct(ctx, { producerId: ids.producer, nameVi: 'Ấm chén gốm cũ' });
    await aCertificate(ctx, ids.old, { stars: 4, issuedOn: '2023-01-10', decisionDate: '2023-01-05' });
    ids.revoked = await aProduct(ctx, { producerId: ids.evil, nameVi: 'Đĩa gốm thu hồi' });
    const crt = await aCertificate(ctx, ids.revoked, { stars: 3, score: 60 });
    await revokeCertificate(ctx, crt, { reason: 'unsafe_product' });
    ids.shop = await aSalesPoint(ctx, {
      name: 'Điểm bán OCOP Bát Tràng',
      address: 'Số 5 đường Giang Cao, Bát Tràng',
      latitude: 20.9768,
      longitude: 105.9135,
      openingHours: '08:00–18:00 hằng ngày',
      craftVillageId: ids.village,
      productIds: [ids.vase],
    });
  });
}, 120_000);
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

async function html(url: string, status = 200): Promise<string> {
  const res = await get(url);
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  return normalize(res.body);
}

/** The markup with its layout whitespace collapsed, so assertions read like the HTML a browser parses. */
function normalize(markup: string): string {
  return markup
    .replace(/\s+/g, ' ')
    .replace(/\s*\/>/g, '>')
    .replace(/\s+>/g, '>')
    .replace(/>\s+</g, '><');
}

describe('every page has its language, alternates and canonical address', () => {
  const paths = () => [
    '/',
    '/search?q=gom',
    `/products/${ids.vase}`,
    `/producers/${ids.producer}`,
    `/craft-villages/${ids.village}`,
    `/sales-points/${ids.shop}`,
    '/verify',
    '/verify/HN-2025-0001',
  ];
  for (const locale of ['vi', 'en'] as const) {
    it(`in ${locale}`, async () => {
      for (const path of paths()) {
        const body = await html(`/${locale}${path}`);
        const other = locale === 'vi' ? 'en' : 'vi';
        expect(body, path).toContain(`<html lang="${locale}">`);
        expect(body, path).toMatch(/<title>[^<]{5,}<\/title>/);
        expect(body, path).toMatch(/<meta name="description" content="[^"]{10,}">/);
        const bare = path.split('?')[0] ?? '';
        expect(body, path).toContain(`<link rel="canonical" href="${TEST_PUBLIC_URL}/${locale}${bare}`);
        expect(body, path).toContain(`hreflang="vi" href="${TEST_PUBLIC_URL}/vi${bare}`);
        expect(body, path).toContain(`hreflang="en" href="${TEST_PUBLIC_URL}/en${bare}`);
        expect(body, path).toContain('hreflang="x-default"');
        expect(body, path).toContain(`href="/${other}${bare}`);
        expect(body, path).toContain('<a class="skip" href="#main">');
        expect(body, path).toContain('og:image');
      }
    });
  }
  it('the map and statistics pages are in the navigation and answer in both languages', async () => {
    for (const locale of ['vi', 'en']) {
      for (const path of ['/map', '/stats']) {
        const body = await html(`/${locale}${path}`);
        expect(body).toContain(`<a href="/${locale}${path}" aria-current="page">`);
      }
    }
  });

  it('the markup validates (html-validate, recommended rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const path of [
      ...paths(),
      '/search',
      '/search?q=xyzzyqwv',
      `/products/${ids.old}`,
      '/products/nope',
    ]) {
      const res = await get(`/vi${path}`);
      const report = await validator.validateString(res.body);
      const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
      expect(problems, path).toEqual([]);
    }
  });

  it('the root sends each visitor to their language', async () => {
    const res = await get('/', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/en/');
  });
});

describe('home page', () => {
  it('shows the live figures in Vietnamese number format and the featured products', async () => {
    const body = await html('/vi/');
    expect(body).toContain('Số liệu hôm nay');
    // 2 products keep their stars (the revoked one does not): 1 at 5★, 1 at 4★.
    expect(body).toMatch(/<strong>2<\/strong> sản phẩm OCOP/);
    expect(body).toMatch(/<strong>1<\/strong> làng nghề/);
    expect(body).toContain('Bình gốm men lam Bát Tràng');
    expect(body).not.toContain('Ấm chén gốm cũ'); // expired: not featured
    expect(body).toContain('Làng gốm Bát Tràng');
    const en = await html('/en/');
    expect(en).toContain('Bát Tràng blue-glaze vase');
    expect(en).toContain('Figures today');
  });
});

describe('catalogue', () => {
  it('finds a product without accents and links to it, in both languages', async () => {
    const body = await html('/vi/search?q=gom+bat+trang');
    expect(body).toContain(`href="/vi/products/${ids.vase}"`);
    expect(body).toContain('Bình gốm men lam Bát Tràng');
    expect(body).toMatch(/\d+ kết quả/);
    expect(body).toContain('data-island="suggest"');
    expect(body).toMatch(
      /<input type="search" id="q" name="q" value="gom bat trang"[^>]*autocomplete="off"[^>]*list="q-suggestions"/,
    );
    const en = await html('/en/search?q=gom+bat+trang');
    expect(en).toContain('Bát Tràng blue-glaze vase');
  });

  it('filters by stars through a plain GET form and keeps the filters in the URL', async () => {
    const body = await html('/vi/search?q=gom&stars=5');
    expect(body).toContain('Bình gốm men lam Bát Tràng');
    expect(body).not.toContain('Ấm chén gốm cũ');
    expect(body).toMatch(/name="stars" value="5" checked/);
    expect(body).toContain('href="/en/search?q=gom&amp;stars=5"');
  });

  it('the filter form submitted with its "any" choices is no error', async () => {
    const body = await html('/vi/search?q=gom&type=&stars=&sector=&certificate=');
    expect(body).toContain('Bình gốm men lam Bát Tràng');
  });

  it('browses every product without a query, best stars first', async () => {
    const body = await html('/vi/search');
    expect(body).toContain('3 sản phẩm');
    expect(body.indexOf('Bình gốm men lam')).toBeLessThan(body.indexOf('Ấm chén gốm cũ'));
  });

  it('says so plainly when nothing matches', async () => {
    const body = await html('/vi/search?q=xyzzyqwv');
    expect(body).toContain('Không tìm thấy kết quả nào');
    expect(await html('/en/search?q=xyzzyqwv')).toContain('Nothing was found');
  });

  it('answers invalid input with a 400 page in the right language, never a 500', async () => {
    expect(await html('/vi/search?stars=9', 400)).toContain('Yêu cầu không hợp lệ');
    expect(await html('/en/search?page=abc', 400)).toContain('Invalid request');
    expect(await html(`/en/search?q=${'a'.repeat(300)}`, 400)).toContain('longer than 200');
  });
});

describe('errors', () => {
  it('an unknown record or address is a 404 page in the page language', async () => {
    expect(await html('/vi/products/prd_nope', 404)).toContain('Không tìm thấy trang');
    expect(await html('/en/producers/pdc_nope', 404)).toContain('Page not found');
    expect(await html('/en/no-such-page', 404)).toContain('Page not found');
  });
});

describe('product page', () => {
  it('shows stars, the OCOP badge with its expiry, producer, village, price, where to buy and the QR code', async () => {
    const body = await html(`/vi/products/${ids.vase}`);
    expect(body).toContain('<h1>Bình gốm men lam Bát Tràng</h1>');
    expect(body).toContain('aria-label="5 sao OCOP"');
    expect(body).toMatch(/class="badge valid">OCOP/);
    expect(body).toContain('10/09/2028'); // expiry, Vietnamese date format
    expect(body).toContain(`href="/vi/producers/${ids.producer}"`);
    expect(body).toContain(`href="/vi/craft-villages/${ids.village}"`);
    expect(body).toContain('1.250.000');
    expect(body).toContain(`href="/vi/sales-points/${ids.shop}"`);
    expect(body).toContain('Số 5 đường Giang Cao, Bát Tràng');
    expect(body).toContain('data-island="mini-map"');
    expect(body).toMatch(/<svg class="qr" role="img"/);
    expect(body).toMatch(/http:\/\/ocop\.test\/vi\/verify\/HN-2025-0001\?p=prd_[^&]+&amp;s=[\w-]{22}/);
    const url = encodeURIComponent(`${TEST_PUBLIC_URL}/vi/products/${ids.vase}`);
    expect(body).toContain(`https://www.facebook.com/sharer/sharer.php?u=${url}`);
    expect(body).toContain(`https://sp.zalo.me/share_inline?url=${url}`);
    expect(body).toContain('"@type":"Product"');
    expect(body).toContain('"priceCurrency":"VND"');
    expect(body).toContain('<img class="photo" src="/uploads/vase-1.jpg" alt="Bình gốm men lam Bát Tràng"');
    expect(body).toContain('<meta property="og:image" content="http://ocop.test/uploads/vase-1.jpg">');
    expect(body).toMatch(/<a href="\/uploads\/vase-2.jpg"><img class="thumb" src="\/uploads\/vase-2.jpg"/);
    const en = await html(`/en/products/${ids.vase}`);
    expect(en).toContain('<h1>Bát Tràng blue-glaze vase</h1>');
    expect(en).toContain('Where to buy');
  });

  it('a product whose certificate has expired shows EXPIRED and no OCOP badge', async () => {
    const body = await html(`/vi/products/${ids.old}`);
    expect(body).toContain('role="img" aria-label="Chưa có ảnh sản phẩm"'); // a placeholder, not a fake photo
    expect(body).not.toContain('class="badge');
    expect(body).not.toContain('sao OCOP"');
    expect(body).toContain('Sản phẩm này hiện không được mang nhãn OCOP');
    expect(body).toContain('Đã hết hạn');
    const en = await html(`/en/products/${ids.old}`);
    expect(en).toContain('may not carry the OCOP label now');
    expect(en).toContain('Expired');
  });

  it('a revoked product says so plainly', async () => {
    const body = await html(`/en/products/${ids.revoked}`);
    expect(body).not.toContain('class="badge');
    expect(body).toContain('Revoked');
  });
});

describe('producer, craft village and sales point pages', () => {
  it('escape what producers typed', async () => {
    const body = await html(`/vi/producers/${ids.evil}`);
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('HTX &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    const search = await html('/vi/search?q=alert');
    expect(search).not.toContain('<script>alert');
  });

  it('a producer page lists its products and its 2025 commune', async () => {
    const body = await html(`/vi/producers/${ids.producer}`);
    expect(body).toContain('<h1>Công ty TNHH Gốm Bát Tràng Xưa</h1>');
    expect(body).toContain('Sản phẩm (2)');
    expect(body).toContain('Bình gốm men lam Bát Tràng');
    expect(body).toContain('"@type":"Organization"');
    expect(await html(`/en/producers/${ids.producer}`)).toContain('Products (2)');
  });

  it('a craft village page shows its recognition, products and sales points on a map', async () => {
    const body = await html(`/vi/craft-villages/${ids.village}`);
    expect(body).toContain('<h1>Làng gốm Bát Tràng</h1>');
    expect(body).toContain('quyết định 123/QĐ-UBND năm 2005');
    expect(body).toContain('Điểm bán OCOP Bát Tràng');
    expect(body).toContain('data-island="mini-map"');
    expect(body).toContain('"@type":"Place"');
  });

  it('a sales point page shows address, hours, coordinates and what it sells', async () => {
    const body = await html(`/vi/sales-points/${ids.shop}`);
    expect(body).toContain('08:00–18:00 hằng ngày');
    expect(body).toContain('20,9768');
    expect(body).toContain('Bình gốm men lam Bát Tràng');
    expect(body).toContain('"latitude":20.9768');
    const en = await html(`/en/sales-points/${ids.shop}`);
    expect(en).toContain('Opening hours');
    expect(en).toContain('20.9768');
  });
});

describe('delivery', () => {
  it('pages are sent compressed to browsers that accept it, also when served again from the cache', async () => {
    for (let i = 0; i < 2; i++) {
      const br = await get('/vi/', { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toContain('Số liệu hôm nay');
      const gz = await get('/en/', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toContain('Figures today');
    }
    expect((await get('/vi/')).headers['content-encoding']).toBeUndefined();
  });

  it('the site has an icon', async () => {
    expect(await html('/vi/')).toMatch(/<link rel="icon" href="\/assets\/favicon\.[0-9a-f]{10}\.svg"/);
    const ico = await get('/favicon.ico');
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/png');
  });
});

describe('findability', () => {
  it('robots.txt points at the sitemap', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Sitemap: ${TEST_PUBLIC_URL}/sitemap.xml`);
  });

  it('the sitemap lists every public page in both languages with alternates', async () => {
    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/xml/);
    const files = [...index.body.matchAll(/<loc>http:\/\/ocop\.test([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(files).toEqual(
      expect.arrayContaining([
        '/sitemaps/pages.xml',
        '/sitemaps/products-1.xml',
        '/sitemaps/producers-1.xml',
        '/sitemaps/craft-villages-1.xml',
        '/sitemaps/sales-points-1.xml',
      ]),
    );
    const all = (await Promise.all(files.map((f) => get(f)))).map((r) => r.body).join('\n');
    for (const locale of ['vi', 'en']) {
      for (const path of [
        '/',
        '/search',
        '/map',
        '/stats',
        '/verify',
        `/products/${ids.vase}`,
        `/producers/${ids.producer}`,
        `/craft-villages/${ids.village}`,
        `/sales-points/${ids.shop}`,
      ]) {
        expect(all).toContain(`<loc>${TEST_PUBLIC_URL}/${locale}${path}</loc>`);
      }
    }
    expect(all).toContain(
      `<xhtml:link rel="alternate" hreflang="en" href="${TEST_PUBLIC_URL}/en/products/${ids.vase}"/>`,
    );
    expect((await get('/sitemaps/products-99.xml')).statusCode).toBe(404);
  });

  it('fonts and the share image are served with hashed names and a one-year cache', async () => {
    const body = await html('/vi/');
    const font =
      /href="(\/assets\/fonts\/be-vietnam-pro-latin-400-normal\.[0-9a-f]{10}\.woff2)" as="font"/.exec(
        body,
      )?.[1];
    expect(font).toBeDefined();
    const res = await get(font ?? '');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('font/woff2');
    expect(res.headers['cache-control']).toContain('immutable');
    const og =
      /property="og:image" content="http:\/\/ocop\.test(\/assets\/og-default\.[0-9a-f]{10}\.png)"/.exec(
        body,
      )?.[1];
    const png = await get(og ?? '');
    expect(png.statusCode).toBe(200);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await get('/assets/nothing.123.css')).statusCode).toBe(404);
  });
});
