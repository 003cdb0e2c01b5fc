import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { CraftVillageSchema } from './craft-village.presenter.js';
import { getCraftVillage, listCraftVillages } from './craft-village.service.js';

const CraftVillageListQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    recognized: Type.Optional(Type.Boolean()),
    traditional: Type.Optional(Type.Boolean()),
    demo: Type.Optional(DemoFilter),
    sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('-name')], { default: 'name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const craftVillageRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/craft-villages',
    {
      schema: {
        summary: 'List craft villages (làng nghề)',
        tags: ['craft villages'],
        querystring: CraftVillageListQuery,
        response: { 200: listOf(CraftVillageSchema), ...ErrorResponses },
      },
    },
    (request) => listCraftVillages(request.ctx, request.query, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  app.get(
    '/craft-villages/:id',
    {
      schema: {
        summary: 'One craft village',
        tags: ['craft villages'],
        params: IdParams,
        response: { 200: CraftVillageSchema, ...ErrorResponses },
      },
    },
    (request) =>
      getCraftVillage(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  return Promise.resolve();
};
