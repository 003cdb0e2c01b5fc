import { build } from 'vite';
// Importing browser.js prints the skip message when Chromium is missing.
import { CHROMIUM_AVAILABLE } from './browser.js';

/** Builds the client islands once (about a second) so the browser sees the same scripts as production. */
export default async function setup(): Promise<void> {
  if (!CHROMIUM_AVAILABLE) return;
  await build({ configFile: 'scripts/vite.config.ts', logLevel: 'warn' });
}
