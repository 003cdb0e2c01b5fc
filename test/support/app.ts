import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { Clock } from '../../src/core/clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const TEST_PUBLIC_URL = 'http://ocop.test';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
}

/** The HTTP app over a fresh test database; `prepare` fills it before the app starts. */
export async function createTestApp(
  prepare?: (t: TestDatabase) => Promise<void>,
  options: {
    clock?: Clock;
    uploadsDir?: string;
    demoPassword?: string;
    searchRateLimit?: number;
    trustProxy?: boolean | number | string;
  } = {},
): Promise<TestApp> {
  const t = await createTestDatabase(options.clock);
  if (prepare) await prepare(t);
  const app = await buildApp({
    database: t.database,
    config: {
      logLevel: 'silent',
      publicUrl: TEST_PUBLIC_URL,
      ...(options.uploadsDir === undefined ? {} : { uploadsDir: options.uploadsDir }),
      ...(options.demoPassword === undefined ? {} : { demoPassword: options.demoPassword }),
      searchRateLimit: options.searchRateLimit ?? 0,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    },
    clock: t.ctx.clock,
  });
  await app.ready();
  return {
    ...t,
    app,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
