import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_AVAILABLE, launchChromium, openPage } from './browser.js';
import { startDemoSite, type KnownRecords } from './demo-site.js';
import type { Site } from './site.js';

/** What a visitor does, in Chromium, on the demonstration Hà Nội: find, check, switch language, use the map. */
describe.skipIf(!CHROMIUM_AVAILABLE)('journeys in Chromium', () => {
  let site: Site;
  let known: KnownRecords;
  let browser: Browser;

  beforeAll(async () => {
    ({ site, known } = await startDemoSite());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  it('searches "gom bat trang" without accents, opens a product, sees its stars and a valid certificate, and verifies it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/vi/`);
    await page.locator('#q').fill('gom bat trang');
    await page.locator('#q').press('Enter');
    await page.waitForURL(/\/vi\/search\?q=gom\+bat\+trang/);
    await page.getByRole('link', { name: 'Gốm Bát Tràng — bình hút lộc men lam' }).first().click();
    await page.waitForURL(new RegExp(`/vi/products/${known.validProduct}$`));
    await expect.poll(() => page.getByRole('img', { name: '4 sao OCOP' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.badge.valid').first().innerText()).toContain('Còn hiệu lực');
    await page.locator('a[href*="/verify/"]').first().click();
    await page.waitForURL(/\/vi\/verify\/E2E-VALID-0001/);
    expect((await page.locator('.verdict').innerText()).trim()).toBe('HỢP LỆ');
    expect(errors).toEqual([]);
  });

  it('shows EXPIRED and no OCOP badge for a product whose certificate has expired', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/vi/products/${known.expiredProduct}`);
    expect(await page.locator('.badge').count()).toBe(0);
    expect(await page.locator('.notice').first().innerText()).toContain('Đã hết hạn');
    await page.locator('a[href*="/verify/"]').first().click();
    expect((await page.locator('.verdict').innerText()).trim()).toBe('HẾT HẠN');
  });

  it('shows where to buy a product on a small map, loaded once the visitor scrolls to it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/vi/products/${known.validProduct}`, { waitUntil: 'networkidle' });
    const hook = page.locator('[data-island="mini-map"]');
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    await hook.scrollIntoViewIfNeeded();
    const marker = hook.locator('.leaflet-marker-icon');
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);
    expect(await marker.getAttribute('title')).toBe('Điểm bán OCOP Bến xe Gia Lâm (thử nghiệm)');
    expect(errors).toEqual([]);
  });

  it('switches a page to English and back, staying on the same product', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/vi/products/${known.validProduct}`);
    await page
      .getByRole('banner')
      .getByRole('link', { name: /English/ })
      .click();
    await page.waitForURL(new RegExp(`/en/products/${known.validProduct}$`));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toContain('blue-glaze money vase');
    await page
      .getByRole('banner')
      .getByRole('link', { name: /Tiếng Việt/ })
      .click();
    await page.waitForURL(new RegExp(`/vi/products/${known.validProduct}$`));
    expect(await page.locator('h1').innerText()).toContain('bình hút lộc men lam');
  });

  it('suggests as the visitor types, and the arrow keys and Enter open a suggestion', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/vi/search`);
    const box = page.getByRole('combobox');
    await box.pressSequentially('binh hut loc', { delay: 30 });
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    const options = page.getByRole('option');
    expect(await options.count()).toBeGreaterThan(0);
    await box.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    expect(active).not.toBeNull();
    expect(await page.locator(`[id="${String(active)}"]`).getAttribute('aria-selected')).toBe('true');
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/\/vi\/(products|producers|craft-villages|sales-points)\//);
  });

  it('keeps the suggestion the visitor chose when a slower answer for the last keystroke arrives', async () => {
    const { page } = await openPage(browser);
    const late = (url: URL) =>
      url.pathname.endsWith('/suggest') && url.searchParams.get('q') === 'binh hut loc';
    await page.route(late, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.goto(`${site.url}/vi/search`);
    const box = page.getByRole('combobox');
    await box.pressSequentially('binh hut lo', { delay: 30 });
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    const answered = page.waitForResponse((response) => late(new URL(response.url())));
    await box.press('c');
    await box.press('ArrowDown');
    const chosen = await box.getAttribute('aria-activedescendant');
    const text = await page.locator(`[id="${String(chosen)}"]`).innerText();
    await answered;
    await expect.poll(() => box.getAttribute('aria-activedescendant')).not.toBeNull();
    const active = String(await box.getAttribute('aria-activedescendant'));
    expect(await page.locator(`[id="${active}"]`).innerText()).toBe(text);
    await box.press('Enter');
    await page.waitForURL(/\/vi\/(products|producers|craft-villages|sales-points)\//);
  });

  it('clusters the places on the map, zooms into a cluster, and opens a sales point from its marker', async () => {
    const { page, errors } = await openPage(browser, 1024);
    await page.goto(`${site.url}/vi/map`);
    await page.locator('[data-island="map"][data-state="ready"]').waitFor();
    const clusters = page.locator('.leaflet-marker-icon.cluster');
    await expect.poll(() => clusters.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const counts = await clusters.allInnerTexts();
    const pins = await page.locator('.leaflet-marker-icon.pin').count();
    const total = counts.reduce((sum, c) => sum + Number(c), 0) + pins;
    // Every sales point (112 demo ones and the known one), and one marker per commune with craft villages.
    const points = (await (await fetch(`${site.url}/api/v1/map/points`)).json()) as {
      salesPoints: unknown[];
      craftVillages: Array<{ communeId: string }>;
    };
    expect(points.salesPoints).toHaveLength(113);
    expect(total).toBe(113 + new Set(points.craftVillages.map((v) => v.communeId)).size);
    const first = counts.map(Number).reduce((a, b) => Math.max(a, b), 0);
    await clusters
      .filter({ hasText: new RegExp(`^${String(first)}$`) })
      .first()
      .click();
    // Clicking a cluster zooms into it: the clusters split, none as big as the one clicked.
    const biggest = async () => Math.max(0, ...(await clusters.allInnerTexts()).map(Number));
    await expect.poll(biggest, { timeout: 10_000 }).toBeLessThan(first);

    // A sales point page links here with ?focus=<id>: the map zooms to the marker and opens its popup.
    await page.goto(`${site.url}/vi/map?focus=${known.salesPoint}`);
    const popup = page.locator('.leaflet-popup-content');
    await expect.poll(() => popup.count(), { timeout: 15_000 }).toBe(1);
    expect(await popup.innerText()).toContain('Điểm bán OCOP Bến xe Gia Lâm (thử nghiệm)');
    await page.locator('.leaflet-popup-close-button').click();
    await page.locator('.leaflet-marker-icon[title^="Điểm bán OCOP Bến xe Gia Lâm"]').click();
    await expect.poll(() => popup.count()).toBe(1);
    await popup.getByRole('link').click();
    await page.waitForURL(new RegExp(`/vi/sales-points/${known.salesPoint}$`));
    expect(await page.locator('h1').innerText()).toContain('Bến xe Gia Lâm');
    expect(errors).toEqual([]);
  });

  it('filters the map with the list form: craft villages off, only transport hubs', async () => {
    const { page } = await openPage(browser, 1024);
    const points = (await (await fetch(`${site.url}/api/v1/map/points`)).json()) as {
      craftVillages: Array<{ recognized: boolean }>;
    };
    const recognized = points.craftVillages.filter((v) => v.recognized).length;
    await page.goto(`${site.url}/vi/map`);
    await expect
      .poll(() => page.locator('.leaflet-marker-icon').count(), { timeout: 15_000 })
      .toBeGreaterThan(5);
    await page.getByLabel('Làng nghề', { exact: true }).uncheck();
    await page.getByLabel('Loại địa điểm bán').selectOption('transport_hub');
    await expect
      .poll(() => page.locator('[data-island="map"] [role=status]').innerText())
      .toBe('Bản đồ đang hiện 9 điểm bán và 0 làng nghề.');
    await page.getByLabel('Làng nghề', { exact: true }).check();
    await page.getByLabel('Chỉ làng nghề được công nhận').check();
    await page.getByLabel('Điểm bán OCOP').uncheck();
    await expect
      .poll(() => page.locator('[data-island="map"] [role=status]').innerText())
      .toBe(`Bản đồ đang hiện 0 điểm bán và ${String(recognized)} làng nghề.`);
    expect(await page.locator('.leaflet-marker-icon.pin-sp').count()).toBe(0);
  });
});
