import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The browser tier runs in Debian's Chromium (`apt-get install chromium`), never in a downloaded browser. Where
 * it is missing the tier is skipped, and says so on every run.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_PATH);
export const SKIP_MESSAGE =
  `Chromium not found at ${CHROMIUM_PATH}: the browser tier (end-to-end, axe-core, JavaScript budgets) is ` +
  'SKIPPED. Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).';

if (!CHROMIUM_AVAILABLE) console.warn(`\n⚠ ${SKIP_MESSAGE}\n`);

/** Flags for a quiet, reproducible headless run; Playwright adds a fresh temporary profile (user data dir). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A phone-sized page (360 px wide, the narrowest layout the site must hold) that fails on script errors. */
export async function openPage(browser: Browser, width = 360): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 760 }, locale: 'vi-VN' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/**
 * Collects the JavaScript a page loads, as gzip bytes (each script compressed at the default level): the
 * measure of the budget ("at most 50 KB of JavaScript gzip per page, the map 150 KB").
 */
export function scriptBudget(page: Page): { total(): Promise<number>; files: Map<string, number> } {
  const files = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .body()
        .then((body) => {
          files.set(response.url(), gzipSync(body).length);
        })
        .catch(() => undefined),
    );
  });
  return {
    files,
    total: async () => {
      await Promise.all(pending);
      return [...files.values()].reduce((a, b) => a + b, 0);
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Serious and critical axe-core violations of the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run();
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${page.url()}: [${String(v.impact)}] ${v.id} — ${v.help} — ${JSON.stringify(v.nodes[0]?.target)}`,
    );
}
