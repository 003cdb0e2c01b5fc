import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicUrls } from '../core/public-urls.js';
import { DemoFilter, ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { LEGAL_FORMS } from './legal-forms.js';
import { ProducerSchema } from './producer.presenter.js';
import { getProducer, listProducers } from './producer.service.js';

const ProducerListQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    legalForm: Type.Optional(Type.Union(LEGAL_FORMS.map((f) => Type.Literal(f.code)))),
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
  return Promise.resolve();
};
