import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestAnswers, referenceSets } from '../../src/scoring/sample-sheets.js';
import type { CriteriaSet } from '../../src/scorecards/criteria.js';
import { CHROMIUM_AVAILABLE, launchChromium, openPage } from './browser.js';
import { startDemoSite } from './demo-site.js';
import type { Site } from './site.js';

/** Scorecard 1's best sheet with A1b one option short of its 5★-mandatory option: 99 points, 4★. */
const ALMOST_BEST: Record<string, string> = {
  ...bestAnswers(referenceSets().find((s) => s.scorecardId === 1) as CriteriaSet),
  A1b: 'A1b.2',
};

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A producer fills scorecard 1 (fresh vegetables) in Chromium: live total, a kept draft, and the no-JS path. */
describe.skipIf(!CHROMIUM_AVAILABLE)('the self-assessment in Chromium', () => {
  let site: Site;
  let browser: Browser;
  const sheet = () => `${site.url}/vi/self-assessment/1`;

  beforeAll(async () => {
    ({ site } = await startDemoSite());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  /** Picks an option by its label, as a visitor does. */
  async function choose(page: Page, criterionId: string, optionTitle: string): Promise<void> {
    await page.locator(`fieldset[data-criterion="${criterionId}"]`).getByLabel(optionTitle).check();
  }
  const status = (page: Page) => page.locator('[data-sa-status]');

  it('updates the total as answers are picked, without submitting, and keeps the answers in the address', async () => {
    const { page, errors } = await openPage(browser, 1024);
    await page.goto(sheet(), { waitUntil: 'networkidle' });
    expect(await status(page).innerText()).toBe('Chưa có câu trả lời');
    await choose(page, 'A1a', 'Sản phẩm được trồng trên địa bàn cấp xã từ 75% đến 100%');
    await expect.poll(() => status(page).innerText()).toBe('Tổng 5/100 điểm · 1★');
    await choose(page, 'A1b', 'Ứng dụng máy móc trong sơ chế, đóng gói sản phẩm');
    await expect.poll(() => status(page).innerText()).toBe('Tổng 7/100 điểm · 1★');
    const panel = page.locator('.sa-result');
    expect(await panel.innerText()).toContain('Để lên 2★');
    expect(await panel.innerText()).toContain('Cần thêm 23 điểm.');
    expect(page.url()).toBe(`${sheet()}?A1a=A1a.3&A1b=A1b.2`);
    // The address is the draft: opening it anew shows the same answers, scored by the server.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('input[name="A1b"][value="A1b.2"]').isChecked()).toBe(true);
    expect(await status(page).innerText()).toBe('Tổng 7/100 điểm · 1★');
    expect(errors).toEqual([]);
  });

  it('draws the same result live as the server does for the same answers', async () => {
    const { page, errors } = await openPage(browser, 1024);
    const panel = page.locator('.sa-result');
    const cases: Array<[string, () => Promise<void>]> = [
      // 99 points and one 5★ option missing (4★), then a second one missing: unmet requirements and steps.
      [
        `${sheet()}?${new URLSearchParams(ALMOST_BEST).toString()}`,
        () => choose(page, 'A1c', 'Có năng lực, quy mô sản xuất trung bình'),
      ],
      // A knock-out.
      [sheet(), () => page.locator('input[name="ko"][value="C6a"]').check()],
    ];
    for (const [url, change] of cases) {
      await page.goto(url, { waitUntil: 'networkidle' });
      const before = await status(page).innerText();
      await change();
      await expect.poll(() => status(page).innerText()).not.toBe(before);
      const live = await panel.innerText();
      await page.reload({ waitUntil: 'networkidle' });
      expect(await panel.innerText()).toBe(live);
    }
    expect(await panel.innerText()).toContain('Dừng chấm điểm');
    expect(errors).toEqual([]);
  });

  it('restores the draft saved on this device when the sheet is opened again, and clears it on request', async () => {
    const { page, errors } = await openPage(browser, 1024);
    await page.goto(sheet(), { waitUntil: 'networkidle' });
    await choose(page, 'A1a', 'Sản phẩm được trồng trên địa bàn cấp xã từ 50% đến dưới 75%');
    await page.locator('input[name="ko"][value="C10a"]').check();
    await expect.poll(() => status(page).innerText()).toBe('Tổng 3/100 điểm · không xếp sao');
    expect(await page.locator('.sa-result').innerText()).toContain('Dừng chấm điểm');

    await page.goto(sheet(), { waitUntil: 'networkidle' });
    const notice = page.locator('[data-sa-restored]');
    expect(await notice.innerText()).toContain('Đã khôi phục bản nháp lưu trên máy này.');
    expect(await page.locator('input[name="A1a"][value="A1a.2"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="ko"][value="C10a"]').isChecked()).toBe(true);
    await expect.poll(() => status(page).innerText()).toBe('Tổng 3/100 điểm · không xếp sao');
    expect(page.url()).toBe(`${sheet()}?A1a=A1a.2&ko=C10a`);

    await notice.getByRole('button', { name: 'Làm lại từ đầu và xoá bản nháp' }).click();
    await expect.poll(() => status(page).innerText()).toBe('Chưa có câu trả lời');
    expect(await page.locator('input[name="A1a"][value=""]').isChecked()).toBe(true);
    expect(page.url()).toBe(sheet());
    expect(await notice.count()).toBe(0);
    await page.goto(sheet(), { waitUntil: 'networkidle' });
    expect(await page.locator('[data-sa-restored]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps one case of a scorecard 26 group: answering the other case clears the first', async () => {
    const { page, errors } = await openPage(browser, 1024);
    await page.goto(`${site.url}/vi/self-assessment/26`, { waitUntil: 'networkidle' });
    await page.locator('fieldset[data-criterion="C8a"] input[type=radio]').last().check();
    await page.locator('fieldset[data-criterion="C8b"] input[type=radio]').last().check();
    expect(await page.locator('input[name="C8a"][value=""]').isChecked()).toBe(true);
    await expect.poll(() => status(page).innerText()).toBe('Tổng 3/100 điểm · 1★');
    expect(page.url()).toBe(`${site.url}/vi/self-assessment/26?C8b=C8b.3`);
    expect(errors).toEqual([]);
  });

  it('works without JavaScript: the form is submitted and the server shows the result', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 760 },
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    await page.goto(sheet());
    await choose(page, 'A1a', 'Sản phẩm được trồng trên địa bàn cấp xã từ 75% đến 100%');
    await choose(page, 'A1c', 'Có năng lực, quy mô sản xuất trung bình');
    await page.getByRole('button', { name: 'Tính điểm' }).click();
    await page.waitForURL(/\/vi\/self-assessment\/1\?.*A1a=A1a\.3/);
    expect(await page.locator('.sa-total').innerText()).toBe('7/100 điểm');
    expect(await status(page).innerText()).toBe('Tổng 7/100 điểm · 1★');
    expect(await page.locator('.sa-result').innerText()).toContain('không phải quyết định của hội đồng');
    expect(await page.locator('input[name="A1c"][value="A1c.2"]').isChecked()).toBe(true);
    await context.close();
  });

  it('passes axe-core on the sheet, blank and with a result, and on the list of scorecards', async () => {
    const found: string[] = [];
    for (const path of [
      '/vi/self-assessment',
      '/vi/self-assessment/1',
      '/en/self-assessment/26?C8a=C8a.2&A1a=A1a.1',
    ]) {
      for (const width of [360, 1280]) {
        const { page } = await openPage(browser, width);
        await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run(): Promise<{ violations: Array<{ id: string; impact: string | null; help: string }> }>;
              };
            }
          ).axe;
          return (await axe.run()).violations;
        });
        for (const v of violations) {
          const line = `${path} @${String(width)}px: [${String(v.impact)}] ${v.id} — ${v.help}`;
          if (v.impact === 'serious' || v.impact === 'critical') found.push(line);
          else console.info(line);
        }
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) found.push(`${path}: ${String(scrollWidth)} px wide at ${String(width)} px`);
        await page.close();
      }
    }
    expect(found).toEqual([]);
  });
});
