import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';
import { CHROMIUM_AVAILABLE, launchChromium, seriousViolations } from './browser.js';
import { startSite, type Site } from './site.js';

const SLOW = 180_000;
const AT = '2026-11-26T00:00:00Z';
const LIST = 'Xã, phường (từ 1/7/2025)';
const SEARCH = 'Tìm xã, phường';
/** The 2025 communes that took in communes of the old Phú Xuyên district (reference data), by folded name. */
const PHU_XUYEN = ['Xã Chuyên Mỹ', 'Xã Đại Xuyên', 'Xã Phú Xuyên', 'Xã Phượng Dực'];

/**
 * Issue 9: the checkout's commune is chosen by search. Buyers type the name without accents, often an old one; the
 * list of the 126 communes and wards of 2025 narrows as they type, and one match left is chosen. Without JavaScript
 * the same list is a plain select.
 */
describe.skipIf(!CHROMIUM_AVAILABLE)('the checkout’s commune picker, in Chromium', () => {
  let site: Site;
  let browser: Browser;
  let tea = '';
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    site = await startSite(
      async ({ ctx }) => {
        await loadAdministrativeUnits(ctx);
        await loadScorecards(ctx);
        const producerId = await aProducer(ctx, { name: 'HTX Sen Tây Hồ' });
        tea = await aProduct(ctx, { producerId, nameVi: 'Trà sen Tây Hồ', priceVnd: 65_000 });
        await aCertificate(ctx, tea);
        await setStock(ctx, tea, 20, AT);
      },
      { listen: true },
    );
    browser = await launchChromium();
  }, SLOW);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser.close();
    await site.close();
  });

  /** A buyer on a phone with the tea in the basket, on the checkout page. */
  async function atCheckout(name: string, javaScriptEnabled = true, locale = 'vi'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 760 },
      locale: 'vi-VN',
      javaScriptEnabled,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${name} ${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${name} ${page.url()}: ${m.text()}`);
    });
    await page.goto(`${site.url}/${locale}/products/${tea}`);
    await Promise.all([
      page.waitForURL(`${site.url}/${locale}/basket`),
      page.getByRole('button', { name: locale === 'vi' ? 'Thêm vào giỏ' : 'Add to basket' }).click(),
    ]);
    await page.goto(`${site.url}/${locale}/checkout`);
    return page;
  }

  /** The labels of the options the list offers now, the blank "choose" option left out. */
  const offered = async (page: Page) =>
    (await page.getByLabel(LIST, { exact: true }).locator('option').allInnerTexts())
      .map((s) => s.trim())
      .filter((s) => !s.startsWith('—'));

  it(
    'narrows the list as “phu xuyen” is typed without accents, and chooses the one match an old name leaves',
    async () => {
      const page = await atCheckout('buyer');
      const search = page.getByLabel(SEARCH, { exact: true });
      const list = page.getByLabel(LIST, { exact: true });
      await search.waitFor();
      expect(await offered(page)).toHaveLength(126);
      const status = page.locator(`#${(await search.getAttribute('aria-describedby'))?.split(' ')[1] ?? ''}`);
      expect(await status.getAttribute('role')).toBe('status');
      expect(await status.getAttribute('aria-live')).toBe('polite');

      // By keyboard only: Tab from the address line into the search box.
      await page.getByLabel('Số nhà, đường, thôn/xóm').fill('Số 1 đường Phú Minh');
      await page.keyboard.press('Tab');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('phu xuyen');
      // The new commune of that name and the three that took communes of the old Phú Xuyên district, in the
      // list's own order.
      expect(await offered(page)).toEqual(PHU_XUYEN);
      expect(await status.innerText()).toBe('4 xã, phường khớp.');
      expect(await list.inputValue()).toBe('');

      // "Thị trấn Phú Xuyên", the old township, is inside today's Xã Phú Xuyên only: chosen.
      await search.fill('');
      await page.keyboard.type('thi tran phu xuyen');
      expect(await offered(page)).toEqual(['Xã Phú Xuyên']);
      expect(await list.inputValue()).toBe('10273');
      expect(await status.innerText()).toBe('1 xã, phường khớp, đã chọn: Xã Phú Xuyên.');
      expect(await seriousViolations(page)).toEqual([]);

      // An old commune of 1 January 2025 leads to its 2025 commune too; đ is d.
      await search.fill('');
      await page.keyboard.type('tri thuy');
      expect(await offered(page)).toEqual(['Xã Đại Xuyên']);
      expect(await list.inputValue()).toBe('10342');
      await search.fill('');
      await page.keyboard.type('xa dai xuyen');
      expect(await list.inputValue()).toBe('10342');

      // Nothing matches: the list keeps only its blank option and says so.
      await search.fill('');
      await page.keyboard.type('khong co xa nay');
      expect(await offered(page)).toEqual([]);
      expect(await status.innerText()).toBe('Không có xã, phường nào khớp.');

      // Escape empties the box and brings the whole list back; Enter goes to the list, never submits the order.
      await page.keyboard.press('Escape');
      expect(await search.inputValue()).toBe('');
      expect(await offered(page)).toHaveLength(126);
      await page.keyboard.type('xa phu xuyen');
      expect(await list.inputValue()).toBe('10273');
      await page.keyboard.press('Enter');
      expect(page.url()).toBe(`${site.url}/vi/checkout`);
      expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      // The order goes to the commune chosen by search.
      await page.getByLabel('Họ và tên').fill('Lê Minh Anh');
      await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
      await Promise.all([
        page.waitForURL(/\/vi\/orders\/[0-9A-Z]{10}\?t=/),
        page.getByRole('button', { name: 'Xác nhận đặt hàng', exact: true }).click(),
      ]);
      const number = await page.locator('[data-order-number]').innerText();
      const order = await site.ctx.db
        .selectFrom('orders')
        .select('commune_id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      expect(order.commune_id).toBe('10273');
      expect(errors.splice(0)).toEqual([]);
    },
    SLOW,
  );

  it(
    'speaks English on the English page, with the English names in the list',
    async () => {
      const page = await atCheckout('English buyer', true, 'en');
      const search = page.getByLabel('Find the commune or ward', { exact: true });
      await search.fill('hoan kiem');
      const list = page.getByLabel('Commune or ward (since 1 July 2025)', { exact: true });
      const names = (await list.locator('option').allInnerTexts()).map((s) => s.trim());
      expect(names).toContain('Hoan Kiem');
      expect(names.length).toBeLessThan(10);
      // Phường Tràng Tiền of the old Hoàn Kiếm district went to two wards: neither is chosen for the buyer.
      await search.fill('trang tien');
      expect(await page.locator('#communeId-search-count').innerText()).toBe('2 communes or wards match.');
      expect(await list.inputValue()).toBe('');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors.splice(0)).toEqual([]);
    },
    SLOW,
  );

  it(
    'leaves the plain list of 126 without JavaScript, and no search box',
    async () => {
      const page = await atCheckout('buyer without JavaScript', false);
      expect(await page.getByLabel(SEARCH).count()).toBe(0);
      expect(await offered(page)).toHaveLength(126);
      await page.getByLabel(LIST, { exact: true }).selectOption({ label: 'Xã Phú Xuyên' });
      expect(await page.getByLabel(LIST, { exact: true }).inputValue()).toBe('10273');
      expect(errors.splice(0)).toEqual([]);
    },
    SLOW,
  );
});
