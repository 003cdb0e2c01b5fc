import { defineConfig } from 'vitest/config';

const PG_URL = process.env.TEST_DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: { name: 'unit', include: ['src/**/*.test.ts'] },
      },
      {
        test: {
          name: 'db-sqlite',
          include: ['test/db/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db-postgres',
          include: ['test/db/**/*.test.ts'],
          env: { TEST_DB: 'postgres', TEST_DATABASE_URL: PG_URL },
          globalSetup: ['test/support/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      // The browser tier (Debian's Chromium); it says SKIPPED when no Chromium is installed.
      'test/e2e/vitest.config.ts',
    ],
  },
});
