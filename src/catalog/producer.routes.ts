import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { signedIn, WriteErrorResponses } from './write-responses.js';
import { LEGAL_FORMS, type LegalFormCode } from './legal-forms.js';
import { ProducerSchema } from './producer.presenter.js';
import {
  createProducer,
  getProducer,
  listProducers,
  ProducerInput,
  ProducerPatch,
  updateProducer,
} from './producer.service.js';

export const ProducerListQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    legalForm: Type.Optional(
      Type.Unsafe<LegalFormCode>(Type.Union(LEGAL_FORMS.map((f) => Type.Literal(f.code)))),
    ),
    demo: Type.Optional(DemoFilter),
    sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('-name')], { default: 'name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const producerRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/producers',
    {
      schema: {
        summary: 'List OCOP producer entities',
        tags: ['producers'],
        querystring: ProducerListQuery,
        response: { 200: listOf(ProducerSchema), ...ErrorResponses },
      },
    },
    (request) => listProducers(request.ctx, request.query, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  app.get(
    '/producers/:id',
    {
      schema: {
        summary: 'One producer entity',
        tags: ['producers'],
        params: IdParams,
        response: { 200: ProducerSchema, ...ErrorResponses },
      },
    },
    (request) => getProducer(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  app.post(
    '/producers',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Create a producer entity (admin, or a commune officer in their commune)',
        tags: ['producers'],
        body: ProducerInput,
        response: { 201: ProducerSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const id = await createProducer(request.ctx, request.body);
      const created = await getProducer(request.ctx, id, publicUrls(app.publicUrl, request.ctx.locale));
      return reply.status(201).header('location', `/api/v1/producers/${id}`).send(created);
    },
  );
  app.patch(
    '/producers/:id',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Change a producer entity; only the fields given change',
        tags: ['producers'],
        params: IdParams,
        body: ProducerPatch,
        response: { 200: ProducerSchema, ...WriteErrorResponses },
      },
    },
    async (request) => {
      await updateProducer(request.ctx, request.params.id, request.body);
      return getProducer(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  return Promise.resolve();
};
