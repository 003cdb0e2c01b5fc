import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * The browser tier as a vitest project (`vitest run --project e2e`): a real server on a free port over the
 * demonstration data, driven by Debian's Chromium. One file at a time: each starts its own server and browser.
 */
export default defineProject({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.test.ts'],
    env: { TEST_DB: 'sqlite' },
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
