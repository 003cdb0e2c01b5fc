import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/core/clock.js';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import type { CriteriaSet } from '../../src/scorecards/criteria.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { bestAnswers, referenceSets, withTotal } from '../../src/scoring/sample-sheets.js';
import { anAccount, TEST_PASSWORD } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';
import { CHROMIUM_AVAILABLE, launchChromium, seriousViolations } from './browser.js';
import { startSite, type Site } from './site.js';

/** A tiny but real PDF by its first bytes: the dossier sniffs content, not names. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const SET21 = referenceSets().find((s) => s.scorecardId === 21) as CriteriaSet;
/** The members' totals: mean 77, a spread of 2 (no discussion needed), the 4★ band (70–84). */
const TOTALS = [76, 77, 78] as const;
const SLOW = 180_000;

/**
 * Issue 8's end-to-end run: a producer's application travels through the commune, the advisory group, a council
 * of three scoring on their own sheets, the secretary and the city's decision, to a certificate a visitor verifies
 * on the public site. Every step is a person in their own browser context, on the back office's pages.
 */
describe.skipIf(!CHROMIUM_AVAILABLE)(
  'the evaluation, from application to a verified certificate, in Chromium',
  () => {
    let site: Site;
    let browser: Browser;
    let uploads: string;
    let today = '';
    let productId = '';
    const who: Record<string, string> = {};
    const members: string[] = [];
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    let appUrl = '';
    let sessionUrl = '';
    let certificateUrl = '';
    let verifyAddress = '';

    beforeAll(async () => {
      uploads = await mkdtemp(join(tmpdir(), 'ocop-e2e-evaluation-'));
      site = await startSite(
        async ({ ctx }) => {
          today = todayInVietnam(ctx.clock);
          await loadAdministrativeUnits(ctx);
          await loadScorecards(ctx);
          await ensureDefaultRounds(ctx, Number(today.slice(0, 4)));
          const producerId = await aProducer(ctx, { name: 'HTX Gốm Minh Đức' });
          productId = await aProduct(ctx, { producerId, nameVi: 'Bình gốm men lam', communeId: '00577' });
          who.producer = await anAccount(ctx, 'producer', producerId);
          who.commune = await anAccount(ctx, 'commune', '00577');
          who.secretary = await anAccount(ctx, 'secretary');
          who.admin = await anAccount(ctx, 'admin');
          for (let n = 0; n < 3; n++) members.push(await anAccount(ctx, 'council'));
        },
        // The dossier goes to a temporary folder, never to the repository's data/.
        { listen: true, uploadsDir: uploads },
      );
      browser = await launchChromium();
    }, SLOW);
    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser.close();
      await site.close();
      await rm(uploads, { recursive: true, force: true });
    });

    /** A person's own browser (cookies and all), signed in through the back office's form. */
    async function signedIn(email: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
      await page.goto(`${site.url}/admin/sign-in`);
      await page.locator('#f-email').fill(email);
      await page.locator('#f-password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${site.url}/admin`);
      return page;
    }

    /**
     * Presses a form's button and waits for the page the server answers with (a redirect, or the form again with
     * the refusal): the next document committed in the tab, then loaded. Waiting for a "load" event alone could
     * catch the previous page's, still pending.
     */
    async function press(page: Page, name: string): Promise<void> {
      const committed = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
      await page.getByRole('button', { name, exact: true }).click();
      await committed;
      await page.waitForLoadState('load');
    }
    /** A form field by its label, as a person reads it (a required field's label ends with an asterisk). */
    const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`));
    const notice = (page: Page) => page.locator('p.notice[role="status"]').innerText();
    const stateOf = (page: Page) => page.locator('dl.facts .status').first().innerText();

    it(
      'lets the producer open an application, upload the three required documents and submit it',
      async () => {
        const page = await signedIn(who.producer ?? '');
        await page.goto(`${site.url}/admin/applications/new`);
        await field(page, 'Sản phẩm').selectOption({ label: 'Bình gốm men lam' });
        await field(page, 'Loại đánh giá').selectOption({ label: 'Đánh giá lần đầu' });
        await field(page, 'Số mẫu sản phẩm nộp kèm').fill('5');
        await press(page, 'Tạo hồ sơ nháp');
        expect(await notice(page)).toBe('Đã tạo hồ sơ nháp.');
        appUrl = page.url().split('?')[0] ?? '';
        expect(await stateOf(page)).toBe('Bản nháp');
        const missing = page.locator('p.hint', { hasText: 'Còn thiếu' });
        expect(await missing.innerText()).toContain('Phiếu đăng ký sản phẩm');

        expect(await seriousViolations(page)).toEqual([]);
        for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
          await field(page, 'Loại tài liệu').selectOption(kind);
          await page
            .locator('#f-file')
            .setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
          await press(page, 'Tải lên');
          expect(await notice(page)).toBe('Đã tải tài liệu lên.');
        }
        expect(await page.locator('#h-documents ~ table tbody tr').count()).toBe(3);
        expect(await missing.count()).toBe(0);
        // The files themselves are kept with the application.
        expect(await readdir(join(uploads, 'dossiers', appUrl.split('/').pop() ?? ''))).toHaveLength(3);

        await press(page, 'Nộp hồ sơ');
        expect(await stateOf(page)).toBe('Đã nộp, chờ xã kiểm tra');
        // A submitted dossier is closed to uploads.
        expect(await page.locator('#f-file').count()).toBe(0);
      },
      SLOW,
    );

    it(
      'lets the commune officer assess the application and propose it to the city',
      async () => {
        const page = await signedIn(who.commune ?? '');
        await page.goto(`${site.url}/admin/applications`);
        await page.getByRole('link', { name: 'Bình gốm men lam' }).click();
        await page.waitForURL(appUrl);
        // Origin, local labour and identity met; the idea came from outside the commune.
        const assessment = {
          'Nguồn gốc sản phẩm và nguyên liệu': 'Đạt',
          'Sử dụng lao động địa phương': 'Đạt',
          'Nguồn gốc ý tưởng sản phẩm': 'Không đạt',
          'Bản sắc địa phương': 'Đạt',
        };
        for (const [legend, answer] of Object.entries(assessment)) {
          await page.getByRole('group', { name: legend }).getByLabel(answer, { exact: true }).check();
        }
        await field(page, 'Ghi chú').fill('Men lam truyền thống của làng gốm');
        await press(page, 'Lưu đánh giá');
        expect(await notice(page)).toBe('Đã lưu đánh giá của xã.');
        await press(page, 'Xã đề nghị lên thành phố');
        expect(await stateOf(page)).toBe('Xã đề nghị, chờ tổ tư vấn');
      },
      SLOW,
    );

    it(
      'lets the secretary accept it, form a session of three, assign the application and open it with all present',
      async () => {
        const page = await signedIn(who.secretary ?? '');
        await page.goto(appUrl);
        await press(page, 'Tổ tư vấn chấp nhận');
        expect(await stateOf(page)).toBe('Chờ hội đồng');

        await page.goto(`${site.url}/admin/council-sessions/new`);
        await field(page, 'Đợt').selectOption({ index: 0 });
        await field(page, 'Tên phiên').fill('Phiên thẩm định tháng 11');
        await field(page, 'Ngày họp').fill(today);
        // The accounts share a name: each member is told apart by the e-mail beside the name.
        const memberBox = (email: string) => page.locator('label.check', { hasText: email }).locator('input');
        await field(page, 'Chủ tịch hội đồng').selectOption(
          (await memberBox(members[0] ?? '').getAttribute('value')) ?? '',
        );
        for (const email of members) await memberBox(email).check();
        await press(page, 'Lập phiên hội đồng');
        expect(await notice(page)).toBe('Đã lập phiên hội đồng.');
        sessionUrl = page.url().split('?')[0] ?? '';

        await page.getByRole('checkbox', { name: /Bình gốm men lam — HTX Gốm Minh Đức/ }).check();
        await press(page, 'Đưa vào phiên');
        expect(await notice(page)).toBe('Đã đưa hồ sơ vào phiên.');
        const roll = page.locator('input[name="presentIds"]');
        expect(await roll.count()).toBe(3);
        for (const box of await roll.all()) expect(await box.isChecked()).toBe(true);
        await press(page, 'Khai mạc phiên (điểm danh)');
        expect(await notice(page)).toBe('Phiên đã khai mạc.');
        const facts = await page.locator('dl.facts').innerText();
        expect(facts).toContain('Đang họp');
        expect(facts).toMatch(/Số thành viên cần có mặt\s+3 \/ 3/);
      },
      SLOW,
    );

    it(
      'lets each member score on their own sheet, autosaved as they go, and submit it; the others show after',
      async () => {
        for (const [i, email] of members.entries()) {
          const page = await signedIn(email);
          await page.goto(sessionUrl);
          await page.getByRole('link', { name: 'Chấm điểm' }).click();
          await page.waitForURL(`${appUrl}/sheet`);
          const status = page.locator('[data-ss-status]');
          // The island has mounted once it announces the autosave.
          await expect.poll(() => status.innerText()).toBe('Các lựa chọn được tự động lưu nháp.');
          const total = TOTALS[i] ?? 0;
          // The best option of every criterion, a few lowered until the sheet totals `total`.
          const answers = withTotal(SET21, bestAnswers(SET21), total);
          expect(Object.keys(answers).length).toBeGreaterThan(20);
          for (const [criterion, option] of Object.entries(answers)) {
            await page.locator(`#c-${criterion} input[value="${option}"]`).check();
          }
          // The total comes back from the server's save: the draft is stored, not only drawn.
          await expect
            .poll(() => page.locator('[data-ss-total]').innerText(), { timeout: 15_000 })
            .toBe(`${String(total)}/100 điểm`);
          await expect.poll(() => status.innerText()).toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);
          const others = page.getByRole('heading', { name: 'Điểm của các thành viên' });
          expect(await others.count()).toBe(0);
          if (i === 0) expect(await seriousViolations(page)).toEqual([]);

          await press(page, 'Nộp phiếu');
          expect(await notice(page)).toBe('Đã nộp phiếu chấm điểm.');
          expect(await page.locator('.ss-sheet p.notice').innerText()).toBe('Phiếu đã nộp và chỉ để xem.');
          // Read-only: the answers stay shown, and nothing can be changed any more.
          const [firstCriterion, firstOption] = Object.entries(answers)[0] ?? ['', ''];
          const kept = page.locator(`#c-${firstCriterion} input[value="${firstOption}"]`);
          expect(await kept.isChecked()).toBe(true);
          expect(await kept.isDisabled()).toBe(true);
          expect(await page.getByRole('button', { name: 'Nộp phiếu' }).count()).toBe(0);
          expect(await others.count()).toBe(1);
          const table = await page.locator('section[aria-labelledby="h-others"]').innerText();
          if (i < members.length - 1) {
            expect(table).toContain('Kết quả của hội đồng có khi mọi thành viên đã nộp phiếu.');
          } else {
            expect(table).toMatch(/Điểm trung bình\s+77/);
          }
        }
      },
      SLOW,
    );

    it(
      'lets the secretary close the session: the application is scored, with the mean and the stars',
      async () => {
        const page = await signedIn(who.secretary ?? '');
        await page.goto(sessionUrl);
        expect(await page.locator('#h-applications + table tbody tr').innerText()).toContain('3 / 3');
        await press(page, 'Kết thúc phiên và ghi kết quả');
        expect(await notice(page)).toBe('Phiên đã kết thúc; kết quả đã được ghi.');
        expect(await page.locator('dl.facts').innerText()).toContain('Đã kết thúc');
        await page.goto(appUrl);
        expect(await stateOf(page)).toBe('Đã chấm, chờ quyết định');
        const result = await page.locator('#h-result + dl').innerText();
        expect(result).toMatch(/Điểm trung bình\s+77/);
        expect(result).toMatch(/Hạng sao\s+★★★★ \(4\)/);
      },
      SLOW,
    );

    it(
      'lets the admin issue the decision; the certificate page offers its PDF and its public address',
      async () => {
        const page = await signedIn(who.admin ?? '');
        await page.goto(`${site.url}/admin/decisions`);
        expect(await page.getByRole('checkbox', { name: /Bình gốm men lam/ }).isChecked()).toBe(true);
        await field(page, 'Số quyết định').fill('123/QĐ-UBND');
        await field(page, 'Ngày ký').fill(today);
        await press(page, 'Ban hành quyết định và cấp giấy chứng nhận');
        expect(await notice(page)).toBe('Đã ban hành: 1 công nhận, 0 không đạt, 0 đề nghị Trung ương.');
        expect(await page.locator('#h-issued + table').innerText()).toContain('123/QĐ-UBND');

        await page.goto(appUrl);
        expect(await stateOf(page)).toBe('Đã công nhận');
        expect(await seriousViolations(page)).toEqual([]);
        await page.locator('dl.facts a[href^="/admin/certificates/"]').click();
        await page.waitForURL(/\/admin\/certificates\/[^/]+$/);
        certificateUrl = page.url();
        expect(await page.locator('h1').innerText()).toMatch(/^Giấy chứng nhận OCOP-HN-\d{4}-\d{5}$/);
        const facts = await page.locator('dl.facts').first().innerText();
        expect(facts).toContain('123/QĐ-UBND');
        expect(facts).toMatch(/★★★★ \(4\)/);

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Tải bản PDF (có mã QR kiểm tra)' }).click(),
        ]);
        const pdf = await readFile(await download.path());
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(10 * 1024);

        verifyAddress =
          (await page
            .locator('dt', { hasText: 'Trang tra cứu công khai' })
            .locator('xpath=following-sibling::dd[1]//a')
            .getAttribute('href')) ?? '';
        // The address the QR code carries: signed for this product, so a copied label would not pass.
        const address = new URL(verifyAddress);
        expect(`${address.origin}${address.pathname}`).toMatch(
          new RegExp(`^${site.url}/vi/verify/OCOP-HN-\\d{4}-\\d{5}$`),
        );
        expect(address.searchParams.get('p')).toBe(productId);
        expect(address.searchParams.get('s')).toMatch(/^\S{16,}$/);
      },
      SLOW,
    );

    it(
      'shows a visitor, not signed in, the certificate as VALID and the product with its 4 stars',
      async () => {
        const context = await browser.newContext({ viewport: { width: 360, height: 760 }, locale: 'vi-VN' });
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`visitor: ${e.message}`));
        await page.goto(verifyAddress);
        expect((await page.locator('.verdict').innerText()).trim()).toBe('HỢP LỆ');
        expect(await page.locator('main').innerText()).toContain('Bình gốm men lam');
        await page.goto(`${site.url}/vi/products/${productId}`);
        expect(await page.locator('h1').innerText()).toContain('Bình gốm men lam');
        expect(await page.getByRole('img', { name: '4 sao OCOP' }).count()).toBeGreaterThan(0);
        expect(await page.locator('.badge.valid').first().innerText()).toContain('Còn hiệu lực');
        // The back office stays closed to the visitor.
        await page.goto(certificateUrl);
        expect(page.url()).toContain('/admin/sign-in');
        expect(errors).toEqual([]);
      },
      SLOW,
    );
  },
);
