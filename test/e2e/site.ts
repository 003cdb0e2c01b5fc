import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { Clock } from '../../src/core/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { TEST_PUBLIC_URL } from '../support/app.js';

export interface Site extends TestDatabase {
  app: FastifyInstance;
  /** The base address when listening (`http://127.0.0.1:<port>`), else TEST_PUBLIC_URL. */
  url: string;
}

/** The whole website over a fresh test database, optionally listening on a free port for a browser. */
export async function startSite(
  prepare?: (t: TestDatabase) => Promise<void>,
  options: { listen?: boolean; clock?: Clock; uploadsDir?: string } = {},
): Promise<Site> {
  const t = await createTestDatabase(options.clock);
  if (prepare) await prepare(t);
  // Pages link with absolute addresses (public URL): a browser must be able to follow them, so the port is
  // chosen before the app is built.
  const port = options.listen ? await freePort() : 0;
  const publicUrl = options.listen ? `http://127.0.0.1:${String(port)}` : TEST_PUBLIC_URL;
  const app = await buildApp({
    database: t.database,
    config: {
      logLevel: 'silent',
      publicUrl,
      ...(options.uploadsDir === undefined ? {} : { uploadsDir: options.uploadsDir }),
    },
    clock: t.ctx.clock,
  });
  await app.ready();
  if (options.listen) await app.listen({ host: '127.0.0.1', port });
  return {
    ...t,
    app,
    url: publicUrl,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
