import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { migrationStatus } from '../db/database.js';

export const healthRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: the database answers and its migrations are current',
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), engine: Type.String() }),
          503: Type.Object({
            status: Type.Literal('unavailable'),
            engine: Type.String(),
            reason: Type.String(),
            pendingMigrations: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (_request, reply) => {
      const engine = app.database.engine;
      const { reachable, pending } = await migrationStatus(app.database.db);
      if (!reachable) {
        return reply
          .status(503)
          .send({ status: 'unavailable', engine, reason: 'database unreachable', pendingMigrations: [] });
      }
      if (pending.length) {
        return reply
          .status(503)
          .send({ status: 'unavailable', engine, reason: 'migrations pending', pendingMigrations: pending });
      }
      return { status: 'ready' as const, engine };
    },
  );
  return Promise.resolve();
};
