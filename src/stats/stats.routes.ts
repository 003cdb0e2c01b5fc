import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { todayInVietnam } from '../core/clock.js';
import { DemoFilter, ErrorResponses } from '../http/schemas.js';
import { expiryStats, placeStats, productStats } from './stats.repository.js';

const Count = Type.Integer();

const StatsSchema = Type.Object({
  asOf: Type.String(),
  products: Type.Object({
    total: Count,
    byStars: Type.Array(Type.Object({ stars: Type.Integer(), count: Count })),
    bySector: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Count })),
    byCommune: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Count })),
    byCertificateStatus: Type.Record(Type.String(), Count),
  }),
  craftVillages: Type.Object({ total: Count, recognized: Count }),
  salesPoints: Type.Object({ total: Count, tourismOrCraftVillageLinked: Count }),
  certificates: Type.Object({ expiringWithin90Days: Count, expired: Count }),
});

export const statsRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/stats',
    {
      schema: {
        summary: 'Headline figures: products by stars, sector and commune; villages; sales points; expiries',
        tags: ['statistics'],
        querystring: Type.Object({ demo: Type.Optional(DemoFilter) }, { additionalProperties: false }),
        response: { 200: StatsSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx;
      const today = todayInVietnam(ctx.clock);
      const demo = request.query.demo;
      const [products, places, expiry] = await Promise.all([
        productStats(ctx, today, demo),
        placeStats(ctx, demo),
        expiryStats(ctx, today, 90, demo),
      ]);
      const en = ctx.locale === 'en';
      return {
        asOf: today,
        products: {
          total: products.byStars.reduce((sum, s) => sum + s.count, 0),
          byStars: products.byStars,
          bySector: products.bySector.map((s) => ({
            code: s.code,
            name: en ? s.nameEn : s.nameVi,
            count: s.count,
          })),
          byCommune: products.byCommune,
          byCertificateStatus: products.byStatus,
        },
        ...places,
        certificates: { expiringWithin90Days: expiry.expiringWithin, expired: expiry.expired },
      };
    },
  );
  return Promise.resolve();
};
