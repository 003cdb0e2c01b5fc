import { evaluationRoutes } from '../evaluation/evaluation.routes.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authRoutes } from '../accounts/auth.routes.js';
import { userRoutes } from '../accounts/user.routes.js';
import { producerRoutes } from '../catalog/producer.routes.js';
import { productRoutes } from '../catalog/product.routes.js';
import { certificateRoutes } from '../certificates/certificate.routes.js';
import { exportRoutes } from '../exports/export.routes.js';
import { salesPointRoutes } from '../sales-points/sales-point.routes.js';
import { scorecardRoutes } from '../scorecards/scorecard.routes.js';
import { selfAssessmentRoutes } from '../scoring/self-assessment.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { orderRoutes } from '../shop/order.routes.js';
import { adminUnitRoutes } from '../places/admin-unit.routes.js';
import { useResponseCache } from './response-cache.js';
import { statsRoutes } from '../stats/stats.routes.js';
import { craftVillageRoutes } from '../villages/craft-village.routes.js';

/** Everything under /api/v1: one plugin per feature area. */
export const apiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Searches are limited per client address, before the response cache answers, so cached floods count too.
  app.addHook('onRequest', (request, _reply, done) => {
    const limiter = app.searchLimiter;
    if (limiter === null || !request.url.startsWith('/api/v1/search')) {
      done();
      return;
    }
    try {
      limiter.hit(request.ip);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  if (app.responseCache) useResponseCache(app, app.responseCache, app.changeTracker);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(productRoutes);
  await app.register(exportRoutes);
  await app.register(producerRoutes);
  await app.register(certificateRoutes);
  await app.register(craftVillageRoutes);
  await app.register(salesPointRoutes);
  await app.register(statsRoutes);
  await app.register(adminUnitRoutes);
  await app.register(scorecardRoutes);
  await app.register(selfAssessmentRoutes);
  await app.register(evaluationRoutes);
  await app.register(searchRoutes);
  await app.register(orderRoutes);
};
