import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Everything under /api/v1: one plugin per feature area. */
export const apiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Feature areas register here, one line each.
  await Promise.resolve(app);
};
