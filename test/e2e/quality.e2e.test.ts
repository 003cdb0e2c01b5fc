import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_AVAILABLE, launchChromium, openPage, scriptBudget } from './browser.js';
import { startDemoSite, type KnownRecords } from './demo-site.js';
import type { Site } from './site.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KB = 1024;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** The pages the issue holds to its quality bar, with their JavaScript budgets. */
function pages(known: KnownRecords, verifyPath: string) {
  return [
    { name: 'home', path: '/vi/', budget: 50 * KB },
    { name: 'catalogue', path: '/vi/search?q=gom+bat+trang', budget: 50 * KB },
    { name: 'product', path: `/vi/products/${known.validProduct}`, budget: 50 * KB },
    { name: 'map', path: '/vi/map', budget: 150 * KB },
    { name: 'verification', path: verifyPath, budget: 50 * KB },
    { name: 'statistics', path: '/vi/stats', budget: 50 * KB },
    { name: 'map (English)', path: '/en/map', budget: 150 * KB },
    { name: 'self-assessment', path: '/vi/self-assessment', budget: 50 * KB },
    { name: 'self-assessment sheet', path: '/vi/self-assessment/26', budget: 50 * KB },
    { name: 'basket (empty)', path: '/vi/basket', budget: 50 * KB },
    { name: 'order look-up', path: '/en/orders', budget: 50 * KB },
  ];
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run();
  });
  return result.violations;
}

describe.skipIf(!CHROMIUM_AVAILABLE)('quality of the public pages in Chromium', () => {
  let site: Site;
  let browser: Browser;
  let list: ReturnType<typeof pages>;

  beforeAll(async () => {
    let known: KnownRecords;
    ({ site, known } = await startDemoSite());
    browser = await launchChromium();
    const product = await site.app.inject({ method: 'GET', url: `/vi/products/${known.validProduct}` });
    const verifyPath = /href="(\/vi\/verify\/[^"]+)"/.exec(product.body)?.[1];
    if (verifyPath === undefined) throw new Error('the product page links to no verification address');
    list = pages(known, verifyPath.replace(/&amp;/g, '&'));
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  // Nine pages at two widths, the long self-assessment sheet among them: more than the default minute on a busy
  // two-core machine.
  it('has no serious or critical axe-core violation, at 360 px and on a desktop', async () => {
    const found: string[] = [];
    for (const width of [360, 1280]) {
      for (const p of list) {
        const { page } = await openPage(browser, width);
        await page.goto(`${site.url}${p.path}`, { waitUntil: 'networkidle' });
        for (const v of await axeViolations(page)) {
          const where = v.nodes
            .map((n) => JSON.stringify(n.target))
            .slice(0, 3)
            .join(' ');
          const line = `${p.name} @${String(width)}px: [${String(v.impact)}] ${v.id} — ${v.help} — ${where}`;
          if (v.impact === 'serious' || v.impact === 'critical') found.push(line);
          else console.info(line);
        }
        await page.close();
      }
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('serves valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:standard'],
      // Inline SVG drawn by ECharts carries its own <style> and data attributes for its SSR client.
      rules: { 'no-unknown-elements': 'off' },
    });
    const problems: string[] = [];
    for (const p of list) {
      const res = await site.app.inject({ method: 'GET', url: p.path });
      expect(res.statusCode, p.path).toBe(200);
      const report = await validator.validateString(res.body, `${p.name}.html`);
      for (const r of report.results) {
        for (const m of r.messages)
          problems.push(`${p.name}:${String(m.line)}:${String(m.column)} ${m.ruleId} ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ships at most 50 KB of JavaScript gzip per page, the map 150 KB (after scrolling to the end)', async () => {
    const over: string[] = [];
    for (const p of list) {
      const { page } = await openPage(browser);
      const budget = scriptBudget(page);
      await page.goto(`${site.url}${p.path}`, { waitUntil: 'networkidle' });
      // Islands below the fold load when they come into view: count them too.
      await page.evaluate(() => {
        window.scrollTo(0, document.body.scrollHeight);
      });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const total = await budget.total();
      console.info(
        `${p.name}: ${(total / KB).toFixed(1)} KB of JavaScript gzip in ${String(budget.files.size)} files`,
      );
      if (total > p.budget) over.push(`${p.name}: ${String(total)} B > ${String(p.budget)} B`);
      await page.close();
    }
    expect(over).toEqual([]);
  });

  it('holds its layout at 360 px: nothing wider than the screen', async () => {
    const wide: string[] = [];
    for (const p of list) {
      const { page } = await openPage(browser, 360);
      await page.goto(`${site.url}${p.path}`, { waitUntil: 'networkidle' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) wide.push(`${p.name}: ${String(width)} px`);
      await page.close();
    }
    expect(wide).toEqual([]);
  });
});
