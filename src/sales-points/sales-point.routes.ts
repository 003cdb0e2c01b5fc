import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../accounts/auth.routes.js';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorBody, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { LOCATION_TYPES, type LocationTypeCode } from './location-types.js';
import { SalesPointSchema } from './sales-point.presenter.js';
import {
  createSalesPoint,
  getSalesPoint,
  listSalesPoints,
  SalesPointInput,
  SalesPointPatch,
  setSalesPointProducts,
  StockInput,
  updateSalesPoint,
} from './sales-point.service.js';

const WriteErrors = { ...ErrorResponses, 401: ErrorBody, 403: ErrorBody };

export const SalesPointListQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    locationType: Type.Optional(
      Type.Unsafe<LocationTypeCode>(Type.Union(LOCATION_TYPES.map((t) => Type.Literal(t.code)))),
    ),
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
  app.post(
    '/sales-points',
    {
      schema: {
        summary: 'Create a sales point (administrators; commune officers in their communes)',
        tags: ['sales points'],
        body: SalesPointInput,
        response: { 201: SalesPointSchema, ...WriteErrors },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const id = await createSalesPoint(request.ctx, request.body);
      const urls = publicUrls(app.publicUrl, request.ctx.locale);
      return reply.status(201).send(await getSalesPoint(request.ctx, id, urls));
    },
  );
  app.patch(
    '/sales-points/:id',
    {
      schema: {
        summary: 'Change a sales point (its managers, commune officers, administrators); null clears a field',
        tags: ['sales points'],
        params: IdParams,
        body: SalesPointPatch,
        response: { 200: SalesPointSchema, ...WriteErrors },
      },
    },
    async (request) => {
      requireUser(request);
      await updateSalesPoint(request.ctx, request.params.id, request.body);
      return getSalesPoint(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  app.put(
    '/sales-points/:id/products',
    {
      schema: {
        summary: 'Replace the products a sales point stocks',
        tags: ['sales points'],
        params: IdParams,
        body: StockInput,
        response: { 200: SalesPointSchema, ...WriteErrors },
      },
    },
    async (request) => {
      requireUser(request);
      await setSalesPointProducts(request.ctx, request.params.id, request.body);
      return getSalesPoint(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  return Promise.resolve();
};
