import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { QRPay } from 'vietnam-qr-pay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { savePayee, setStock } from '../../src/shop/order.repository.js';
import { qrSvg } from '../../src/web/qr.js';
import { anAccount, TEST_PASSWORD } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';
import { CHROMIUM_AVAILABLE, launchChromium, seriousViolations } from './browser.js';
import { startSite, type Site } from './site.js';

const SLOW = 180_000;
const AT = '2026-11-26T00:00:00Z';
const SEN = 'HTX Sen Tây Hồ';
const GOM = 'HTX Gốm Bát Tràng';
const POINT = 'Điểm bán OCOP Hoàn Kiếm';
const BUYER = { name: 'Lê Minh Anh', phone: '0987 654 321', line: 'Số 3 phố Tràng Tiền' };
/** Phường Hoàn Kiếm, a ward of the 2025 map (code 00070). */
const WARD = 'Phường Hoàn Kiếm';

/** "630.000 ₫" as the Vietnamese pages write it (the space before the sign may be a no-break one). */
const vnd = (amount: number) => new RegExp(`${amount.toLocaleString('de-DE').replace(/\./g, '\\.')}\\s*₫`);

/** A sellable product: a price, a certificate issued on `issuedOn` (valid 36 months) and units for shipping. */
async function product(ctx: Ctx, producerId: string, nameVi: string, priceVnd: number, issuedOn: string) {
  const id = await aProduct(ctx, { producerId, nameVi, priceVnd });
  const year = Number(issuedOn.slice(0, 4));
  await aCertificate(ctx, id, { issuedOn, decisionDate: `${String(year - 1)}-12-20` });
  await setStock(ctx, id, 20, AT);
  return id;
}

/**
 * Issue 9's shop, end to end in Chromium: a buyer fills a basket from two producers, checks out by VietQR transfer
 * and again for pickup with cash on delivery, looks the orders up by number and phone, and each producer moves
 * their own part on in the back office. Every person has their own browser context (cookies and all).
 */
describe.skipIf(!CHROMIUM_AVAILABLE)(
  'the shop, from the product page to a shipped order, in Chromium',
  () => {
    let site: Site;
    let browser: Browser;
    const ids = { sen: '', gom: '', expiring: '', expired: '', point: '' };
    const who = { sen: '', gom: '' };
    const contexts: BrowserContext[] = [];
    /** Script errors and console errors of every page, with the page's address; each test takes its own. */
    const errors: string[] = [];
    /** Addresses whose refusal (a 4xx page) the test asks for: Chromium logs those as console errors. */
    const refusals: RegExp[] = [];
    const found: string[] = [];
    let buyer: Page;
    /** The VietQR order (both producers, shipped) and the pickup order (cash on delivery). */
    let transferOrder = '';
    let pickupOrder = '';

    beforeAll(async () => {
      site = await startSite(
        async ({ ctx }) => {
          await loadAdministrativeUnits(ctx);
          await loadScorecards(ctx);
          const sen = await aProducer(ctx, { name: SEN });
          const gom = await aProducer(ctx, { name: GOM });
          await savePayee(ctx, {
            producer_id: sen,
            bank_bin: '970436',
            account_number: '0011004455667',
            account_name: 'HTX SEN TAY HO',
            updated_at: AT,
          });
          await savePayee(ctx, {
            producer_id: gom,
            bank_bin: '970418',
            account_number: '21510001234567',
            account_name: null,
            updated_at: AT,
          });
          ids.sen = await product(ctx, sen, 'Trà sen Tây Hồ', 65_000, '2025-09-10');
          ids.gom = await product(ctx, gom, 'Bình gốm men lam', 250_000, '2025-09-10');
          // Issued 2024-02-01: expires 2027-02-01, within 180 days of the test clock (2026-11-26).
          ids.expiring = await product(ctx, sen, 'Mứt sen Tây Hồ', 40_000, '2024-02-01');
          // Issued 2023-01-01: expired on 2026-01-01.
          ids.expired = await product(ctx, gom, 'Chén gốm men rạn', 90_000, '2023-01-01');
          ids.point = await aSalesPoint(ctx, {
            name: POINT,
            address: 'Số 2 phố Hàng Khay',
            communeId: '00070',
            productIds: [ids.sen, ids.gom],
          });
          // Goods left at a sales point are counted there (sales_point_products.quantity), apart from the
          // producer's own stock; nothing in the application sets that count yet, so the test does.
          await ctx.db
            .updateTable('sales_point_products')
            .set({ quantity: 4 })
            .where('sales_point_id', '=', ids.point)
            .where('product_id', '=', ids.sen)
            .execute();
          who.sen = await anAccount(ctx, 'producer', sen);
          who.gom = await anAccount(ctx, 'producer', gom);
        },
        { listen: true },
      );
      browser = await launchChromium();
      buyer = await person('buyer');
    }, SLOW);
    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser.close();
      await site.close();
    });

    /** A person's own browser (phone-sized for buyers), failing the run on any script or console error. */
    async function person(name: string, options: { javaScriptEnabled?: boolean; width?: number } = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 360, height: 760 },
        locale: 'vi-VN',
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${name} ${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        // Only the refused document itself: a missing script or image on the same page still fails the run.
        const where = m.location().url;
        const refused = /status of 4\d\d/.test(m.text()) && refusals.some((r) => r.test(where));
        if (!refused) errors.push(`${name} ${page.url()}: ${m.text()}`);
      });
      return page;
    }

    async function signedIn(email: string): Promise<Page> {
      const page = await person(email, { width: 1280 });
      await page.goto(`${site.url}/admin/sign-in`);
      await page.locator('#f-email').fill(email);
      await page.locator('#f-password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${site.url}/admin`);
      return page;
    }

    /** Runs `act` (a click, a key) and waits for the page the server answers with, then loaded. */
    async function answered(page: Page, act: () => Promise<void>): Promise<void> {
      const committed = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
      await act();
      await committed;
      await page.waitForLoadState('load');
    }
    const press = (page: Page, name: string) =>
      answered(page, () => page.getByRole('button', { name, exact: true }).click());
    const checkAxe = async (page: Page) => {
      found.push(...(await seriousViolations(page)));
    };
    /** The text of the `<dd>` after the `<dt>` reading `term`, inside `scope`. */
    const fact = (scope: Locator, term: string) =>
      scope.locator('dt', { hasText: term }).first().locator('xpath=following-sibling::dd[1]').innerText();
    const basketPart = (page: Page, producer: string) =>
      page.getByRole('table', { name: `Hàng của ${producer}` });
    const orderPart = (page: Page, producer: string) => page.getByRole('region', { name: producer });

    async function fillContact(page: Page): Promise<void> {
      await page.getByLabel('Họ và tên').fill(BUYER.name);
      await page.getByLabel('Số điện thoại di động').fill(BUYER.phone);
    }

    /** The order number on a confirmation page, checked against its address and heading. */
    async function confirmedNumber(page: Page): Promise<string> {
      await page.waitForURL(/\/vi\/orders\/[0-9A-Z]{10}\?t=/);
      const number = await page.locator('[data-order-number]').innerText();
      expect(page.url()).toContain(`/vi/orders/${number}?t=`);
      expect(await page.locator('h1').innerText()).toBe(`Đơn hàng ${number}`);
      expect(await page.getByRole('status').first().innerText()).toContain('Cảm ơn bạn!');
      return number;
    }

    it(
      'adds products of two producers from their pages; the expired one cannot be bought, the expiring one warns',
      async () => {
        await buyer.goto(`${site.url}/vi/products/${ids.sen}`);
        await checkAxe(buyer);
        // The keyboard: into the quantity box, replace the 1 by 2, then the button by Tab and Enter.
        await buyer.getByLabel('Số lượng').click();
        await buyer.keyboard.press('Control+A');
        await buyer.keyboard.type('2');
        await buyer.keyboard.press('Tab');
        await answered(buyer, () => buyer.keyboard.press('Enter'));
        expect(buyer.url()).toBe(`${site.url}/vi/basket`);
        expect(await buyer.getByLabel('Số lượng — Trà sen Tây Hồ').inputValue()).toBe('2');

        // The mouse, with the quantity left at 1.
        await buyer.goto(`${site.url}/vi/products/${ids.gom}`);
        await answered(buyer, () => buyer.getByRole('button', { name: 'Thêm vào giỏ' }).click());
        expect(buyer.url()).toBe(`${site.url}/vi/basket`);

        await buyer.goto(`${site.url}/vi/products/${ids.expired}`);
        expect(await buyer.locator('main').innerText()).toContain(
          'Giấy chứng nhận OCOP đã hết hạn: không bán trực tuyến.',
        );
        expect(await buyer.getByRole('button', { name: 'Thêm vào giỏ' }).count()).toBe(0);
        expect(await buyer.locator('.notice').first().innerText()).toContain('Đã hết hạn');

        await buyer.goto(`${site.url}/vi/products/${ids.expiring}`);
        expect(await buyer.locator('.badge.expiring').innerText()).toContain('Sắp hết hạn');
        await answered(buyer, () => buyer.getByRole('button', { name: 'Thêm vào giỏ' }).click());
        const part = basketPart(buyer, SEN);
        expect(await part.getByRole('row', { name: /Mứt sen Tây Hồ/ }).innerText()).toContain(
          'Giấy chứng nhận OCOP của sản phẩm này sắp hết hạn.',
        );
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'shows the basket by producer with the server’s prices; a quantity changes, a line goes',
      async () => {
        await buyer.goto(`${site.url}/vi/basket`);
        expect(await buyer.locator('h1').innerText()).toBe('Giỏ hàng');
        const sen = basketPart(buyer, SEN);
        const gom = basketPart(buyer, GOM);
        const tea = sen.getByRole('row', { name: /Trà sen Tây Hồ/ });
        expect(await tea.locator('td').first().innerText()).toMatch(vnd(65_000));
        expect(await tea.locator('td').nth(2).innerText()).toMatch(vnd(130_000));
        expect(await sen.locator('tfoot').innerText()).toMatch(vnd(170_000));
        expect(await gom.locator('tfoot').innerText()).toMatch(vnd(250_000));
        expect(await buyer.locator('[data-total]').innerText()).toMatch(vnd(420_000));
        await checkAxe(buyer);

        // A new count typed over the old one; Enter sends "update", never a removal.
        const vases = buyer.getByLabel('Số lượng — Bình gốm men lam');
        await vases.fill('2');
        await answered(buyer, () => vases.press('Enter'));
        expect(await gom.locator('tfoot').innerText()).toMatch(vnd(500_000));
        expect(await buyer.locator('[data-total]').innerText()).toMatch(vnd(670_000));

        await answered(buyer, () =>
          buyer.getByRole('button', { name: 'Xóa Mứt sen Tây Hồ khỏi giỏ' }).click(),
        );
        expect(await buyer.locator('main').innerText()).not.toContain('Mứt sen Tây Hồ');
        expect(await sen.locator('tfoot').innerText()).toMatch(vnd(130_000));
        expect(await buyer.locator('[data-total]').innerText()).toMatch(vnd(630_000));
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'checks out to a 2025 ward picked from the list, by VietQR: one code per producer, with amount and memo',
      async () => {
        await buyer.getByRole('link', { name: 'Đặt hàng', exact: true }).click();
        await buyer.waitForURL(`${site.url}/vi/checkout`);
        await checkAxe(buyer);
        // The ward is a plain list of the 126 communes and wards of the 2025 map, in Vietnamese order.
        const ward = buyer.getByLabel('Xã, phường (từ 1/7/2025)');
        expect(await ward.locator('option').count()).toBe(127);
        expect(await buyer.getByLabel('Giao tận nơi').isChecked()).toBe(true);
        await fillContact(buyer);
        await buyer.getByLabel('Số nhà, đường, thôn/xóm').fill(BUYER.line);
        await buyer.getByLabel('Chuyển khoản VietQR').check();

        // Forgetting the ward: the form comes back with the summary, the field marked and the answers kept.
        refusals.push(/\/vi\/checkout$/);
        await press(buyer, 'Xác nhận đặt hàng');
        const summary = buyer.getByRole('alert');
        expect(await summary.innerText()).toContain('Chưa đặt được hàng');
        expect(await summary.getByRole('link').first().innerText()).toContain('Xã, phường (từ 1/7/2025)');
        expect(await ward.getAttribute('aria-invalid')).toBe('true');
        expect(await buyer.getByLabel('Họ và tên').inputValue()).toBe(BUYER.name);
        expect(await buyer.getByLabel('Chuyển khoản VietQR').isChecked()).toBe(true);
        await checkAxe(buyer);

        await ward.selectOption({ label: WARD });
        await press(buyer, 'Xác nhận đặt hàng');
        transferOrder = await confirmedNumber(buyer);
        await checkAxe(buyer);
        expect(await buyer.locator('dl.facts').first().innerText()).toMatch(vnd(630_000));
        expect(await buyer.locator('svg.qr').count()).toBe(2);
        const expected = [
          [SEN, 'Vietcombank (970436)', '0011004455667', 130_000, `OCOP ${transferOrder} P1`],
          [GOM, 'BIDV (970418)', '21510001234567', 500_000, `OCOP ${transferOrder} P2`],
        ] as const;
        for (const [producer, bank, account, amount, memo] of expected) {
          const part = orderPart(buyer, producer);
          expect(
            await part.getByRole('img', { name: `Mã VietQR chuyển khoản cho ${producer}` }).count(),
          ).toBe(1);
          const transfer = part.locator('.transfer');
          expect(await fact(transfer, 'Ngân hàng (BIN)')).toBe(bank);
          expect(await fact(transfer, 'Số tài khoản')).toBe(account);
          expect(await fact(transfer, 'Số tiền')).toMatch(vnd(amount));
          expect(await fact(transfer, 'Nội dung chuyển khoản')).toBe(memo);
          expect(await fact(part, 'Trạng thái')).toBe('Đã đặt, chờ xác nhận');
          expect(await fact(part, 'Thanh toán')).toBe('Chưa thanh toán');
        }

        // The page writes the transfer out but not the payload: the code drawn for the producer of pottery is the
        // one of the stored payload, which an independent decoder reads as the amount and memo shown above.
        const stored = await site.ctx.db
          .selectFrom('sub_orders as s')
          .innerJoin('orders as o', 'o.id', 's.order_id')
          .select(['s.vietqr_payload'])
          .where('o.number', '=', transferOrder)
          .where('s.seq', '=', 2)
          .executeTakeFirstOrThrow();
        const payload = stored.vietqr_payload ?? '';
        const drawn = await orderPart(buyer, GOM).locator('svg.qr path').last().getAttribute('d');
        const expectedPath = [...(await qrSvg(payload)).matchAll(/ d="([^"]+)"/g)].at(-1)?.[1];
        expect(drawn).toBe(expectedPath);
        const qr = new QRPay(payload);
        expect(qr.isValid).toBe(true);
        expect([qr.consumer.bankBin, qr.consumer.bankNumber, qr.amount]).toEqual([
          '970418',
          '21510001234567',
          '500000',
        ]);
        expect(qr.additionalData.purpose).toBe(`OCOP ${transferOrder} P2`);
        // The order emptied the basket.
        await buyer.goto(`${site.url}/vi/basket`);
        expect(await buyer.locator('main').innerText()).toContain('Giỏ hàng của bạn đang trống.');
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'places a shipped order without JavaScript: the same form, the ward from the list',
      async () => {
        const page = await person('buyer without JavaScript', { javaScriptEnabled: false });
        await page.goto(`${site.url}/vi/products/${ids.gom}`);
        await answered(page, () => page.getByRole('button', { name: 'Thêm vào giỏ' }).click());
        await answered(page, () => page.getByRole('link', { name: 'Đặt hàng', exact: true }).click());
        await fillContact(page);
        await page.getByLabel('Số nhà, đường, thôn/xóm').fill('Ngõ 5 phố Hàng Bài');
        await page.getByLabel('Xã, phường (từ 1/7/2025)').selectOption({ label: WARD });
        expect(await page.getByLabel('Thanh toán khi nhận hàng').isChecked()).toBe(true);
        await press(page, 'Xác nhận đặt hàng');
        const number = await confirmedNumber(page);
        expect(number).not.toBe(transferOrder);
        expect(await fact(orderPart(page, GOM), 'Trạng thái')).toBe('Đã đặt, chờ xác nhận');
        expect(await page.locator('svg.qr').count()).toBe(0);
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'places a second order for pickup at the sales point, paid in cash, from the point’s own units',
      async () => {
        await buyer.goto(`${site.url}/vi/products/${ids.sen}`);
        const quantity = buyer.getByLabel('Số lượng');
        await quantity.fill('2');
        await answered(buyer, () => quantity.press('Enter'));
        await answered(buyer, () => buyer.getByRole('link', { name: 'Đặt hàng', exact: true }).click());
        await fillContact(buyer);
        await buyer.getByLabel('Nhận tại điểm bán OCOP').check();
        await buyer
          .getByLabel('Điểm bán', { exact: true })
          .selectOption({ label: `${POINT} — Số 2 phố Hàng Khay` });
        expect(await buyer.getByLabel('Thanh toán khi nhận hàng').isChecked()).toBe(true);
        await press(buyer, 'Xác nhận đặt hàng');
        pickupOrder = await confirmedNumber(buyer);
        const part = orderPart(buyer, SEN);
        expect(await fact(part, 'Trạng thái')).toBe('Đã đặt, chờ xác nhận');
        expect(await part.getByRole('row', { name: /Trà sen Tây Hồ/ }).innerText()).toMatch(/\s2\s/);
        expect(await buyer.locator('svg.qr').count()).toBe(0);

        // Two of the four units left at the point are taken; the producer's stock for shipping is untouched
        // (20, less the 2 of the transfer order).
        const left = await site.ctx.db
          .selectFrom('sales_point_products')
          .select('quantity')
          .where('sales_point_id', '=', ids.point)
          .where('product_id', '=', ids.sen)
          .executeTakeFirstOrThrow();
        expect(left.quantity).toBe(2);
        const shipping = await site.ctx.db
          .selectFrom('product_stock')
          .select('quantity')
          .where('product_id', '=', ids.sen)
          .executeTakeFirstOrThrow();
        expect(shipping.quantity).toBe(18);
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    /** A look-up on the website, from a device that never saw the order; answers the page's main text. */
    async function lookUp(number: string, phone: string): Promise<Page> {
      const page = await person(`look-up ${number}`);
      await page.goto(`${site.url}/vi/orders`);
      await page.getByLabel('Mã đơn hàng').fill(number);
      await page.getByLabel('Số điện thoại di động').fill(phone);
      await press(page, 'Tra cứu');
      return page;
    }

    it(
      'finds an order by number and phone; a wrong phone learns nothing',
      async () => {
        // Another way of writing the same phone, and the number in small letters.
        const found1 = await lookUp(transferOrder.toLowerCase(), '+84987654321');
        expect(await found1.locator('[data-order-number]').innerText()).toBe(transferOrder);
        expect(await fact(orderPart(found1, GOM), 'Trạng thái')).toBe('Đã đặt, chờ xác nhận');
        expect(await found1.locator('main').innerText()).toContain('Bình gốm men lam');
        await checkAxe(found1);

        refusals.push(/\/vi\/orders$/);
        const wrong = await lookUp(transferOrder, '0912 345 678');
        const text = await wrong.locator('main').innerText();
        expect(await wrong.getByRole('alert').innerText()).toContain(
          'Không tìm thấy đơn hàng với mã đơn và số điện thoại này.',
        );
        for (const secret of ['Bình gốm men lam', 'Trà sen Tây Hồ', GOM, 'Đã đặt', 'OCOP ', '₫']) {
          expect(text).not.toContain(secret);
        }
        // An unknown number reads the same.
        const unknown = await lookUp('2611ZZZZZZ', BUYER.phone);
        expect(await unknown.locator('main').innerText()).toBe(text.replace(transferOrder, '2611ZZZZZZ'));
        await checkAxe(wrong);
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'lets the producer of pottery confirm and pack, ship only once the transfer is marked paid',
      async () => {
        const page = await signedIn(who.gom);
        await page.goto(`${site.url}/admin/orders`);
        await checkAxe(page);
        // Their own part only, not the tea producer's.
        expect(await page.getByRole('link', { name: `${transferOrder}-P1` }).count()).toBe(0);
        await answered(page, () => page.getByRole('link', { name: `${transferOrder}-P2` }).click());
        const status = page.locator('#status');
        expect(await status.innerText()).toBe('Đã đặt, chờ xác nhận');
        expect(await page.locator('dl.facts').innerText()).toContain(`OCOP ${transferOrder} P2`);
        await press(page, 'Xác nhận đơn');
        expect(await page.locator('p.notice[role="status"]').innerText()).toBe('Đã cập nhật đơn hàng.');
        expect(await status.innerText()).toBe('Đã xác nhận');
        await press(page, 'Đã đóng gói');
        expect(await status.innerText()).toBe('Đã đóng gói');
        // Not paid yet: no "ship", and the page says why.
        expect(await page.getByRole('button', { name: 'Giao cho vận chuyển' }).count()).toBe(0);
        expect(await page.locator('#unpaid').innerText()).toContain('Đơn chuyển khoản chưa được thanh toán');
        await checkAxe(page);
        await press(page, 'Đã nhận tiền');
        expect(await page.locator('#payment').innerText()).toContain('Đã thanh toán');
        await press(page, 'Giao cho vận chuyển');
        expect(await status.innerText()).toBe('Đang giao');

        const buyerView = await lookUp(transferOrder, BUYER.phone);
        const pottery = orderPart(buyerView, GOM);
        expect(await fact(pottery, 'Trạng thái')).toBe('Đang giao');
        expect(await fact(pottery, 'Thanh toán')).toBe('Đã thanh toán');
        expect(await fact(orderPart(buyerView, SEN), 'Trạng thái')).toBe('Đã đặt, chờ xác nhận');
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it(
      'lets the tea producer confirm and pack the pickup order; the buyer’s look-up follows',
      async () => {
        const page = await signedIn(who.sen);
        await page.goto(`${site.url}/admin/orders`);
        expect(await page.getByRole('link', { name: `${transferOrder}-P2` }).count()).toBe(0);
        await answered(page, () => page.getByRole('link', { name: `${pickupOrder}-P1` }).click());
        expect(await fact(page.locator('dl.facts'), 'Nhận hàng')).toContain(POINT);
        await press(page, 'Xác nhận đơn');
        await press(page, 'Đã đóng gói');
        expect(await page.locator('#status').innerText()).toBe('Đã đóng gói');
        // Cash on delivery is paid on delivery, not marked paid before.
        expect(await page.getByRole('button', { name: 'Đã nhận tiền' }).count()).toBe(0);

        const buyerView = await lookUp(pickupOrder, BUYER.phone);
        expect(await fact(orderPart(buyerView, SEN), 'Trạng thái')).toBe('Đã đóng gói');
        expect(await fact(orderPart(buyerView, SEN), 'Thanh toán')).toBe('Chưa thanh toán');
        expect(errors.splice(0)).toEqual([]);
      },
      SLOW,
    );

    it('passes axe-core on the product, basket, checkout, confirmation, look-up and back-office pages', () => {
      expect(found).toEqual([]);
    });
  },
);
