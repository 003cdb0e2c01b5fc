import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../accounts/auth.routes.js';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorBody, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { CraftVillageSchema } from './craft-village.presenter.js';
import {
  createCraftVillage,
  CraftVillageInput,
  CraftVillagePatch,
  getCraftVillage,
  listCraftVillages,
  updateCraftVillage,
} from './craft-village.service.js';

const WriteErrors = { ...ErrorResponses, 401: ErrorBody, 403: ErrorBody };

export const CraftVillageListQuery = Type.Object(
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
  app.post(
    '/craft-villages',
    {
      schema: {
        summary: 'Create a craft village (administrators; commune officers in their communes)',
        tags: ['craft villages'],
        body: CraftVillageInput,
        response: { 201: CraftVillageSchema, ...WriteErrors },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const id = await createCraftVillage(request.ctx, request.body);
      const urls = publicUrls(app.publicUrl, request.ctx.locale);
      return reply.status(201).send(await getCraftVillage(request.ctx, id, urls));
    },
  );
  app.patch(
    '/craft-villages/:id',
    {
      schema: {
        summary: 'Change a craft village; null clears an optional field',
        tags: ['craft villages'],
        params: IdParams,
        body: CraftVillagePatch,
        response: { 200: CraftVillageSchema, ...WriteErrors },
      },
    },
    async (request) => {
      requireUser(request);
      await updateCraftVillage(request.ctx, request.params.id, request.body);
      return getCraftVillage(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  return Promise.resolve();
};
