import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { LOCATION_TYPES } from './location-types.js';
import { SalesPointSchema } from './sales-point.presenter.js';
import { getSalesPoint, listSalesPoints } from './sales-point.service.js';

const SalesPointListQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    locationType: Type.Optional(Type.Union(LOCATION_TYPES.map((t) => Type.Literal(t.code)))),
    tourismLinked: Type.Optional(Type.Boolean({ description: 'Tied to tourism or to a craft village.' })),
    craftVillage: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    product: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Sales points stocking it.' }),
    ),
    demo: Type.Optional(DemoFilter),
    sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('-name')], { default: 'name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const salesPointRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/sales-points',
    {
      schema: {
        summary: 'List OCOP introduction-and-sales points',
        tags: ['sales points'],
        querystring: SalesPointListQuery,
        response: { 200: listOf(SalesPointSchema), ...ErrorResponses },
      },
    },
    (request) => listSalesPoints(request.ctx, request.query, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  app.get(
    '/sales-points/:id',
    {
      schema: {
        summary: 'One sales point',
        tags: ['sales points'],
        params: IdParams,
        response: { 200: SalesPointSchema, ...ErrorResponses },
      },
    },
    (request) => getSalesPoint(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  return Promise.resolve();
};
