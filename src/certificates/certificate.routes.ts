import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SectorCode } from '../catalog/product.routes.js';
import { publicUrls } from '../core/public-urls.js';
import {
  CertificateStatus,
  DemoFilter,
  ErrorResponses,
  IdParams,
  listOf,
  PageQuery,
} from '../http/schemas.js';
import { CertificateSchema } from './certificate.presenter.js';
import { CERTIFICATE_SORTS } from './certificate.repository.js';
import { getCertificate, listCertificates } from './certificate.service.js';

const CertificateListQuery = Type.Object(
  {
    stars: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), { maxItems: 5 })),
    sector: Type.Optional(SectorCode),
    scorecard: Type.Optional(Type.Integer({ minimum: 1, maximum: 26 })),
    commune: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    product: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    level: Type.Optional(
      Type.Union([Type.Literal('district'), Type.Literal('province'), Type.Literal('central')]),
    ),
    certificate: Type.Optional(CertificateStatus),
    demo: Type.Optional(DemoFilter),
    sort: Type.Optional(
      Type.Union(
        CERTIFICATE_SORTS.map((s) => Type.Literal(s)),
        { default: '-issuedOn' },
      ),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const certificateRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/certificates',
    {
      schema: {
        summary: 'List OCOP certificates, with their status at today’s date',
        tags: ['certificates'],
        querystring: CertificateListQuery,
        response: { 200: listOf(CertificateSchema), ...ErrorResponses },
      },
    },
    (request) =>
      listCertificates(
        request.ctx,
        request.query as Parameters<typeof listCertificates>[1],
        publicUrls(app.publicUrl, request.ctx.locale),
      ),
  );
  app.get(
    '/certificates/:id',
    {
      schema: {
        summary: 'One certificate, by id or by certificate number',
        tags: ['certificates'],
        params: IdParams,
        response: { 200: CertificateSchema, ...ErrorResponses },
      },
    },
    (request) =>
      getCertificate(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  return Promise.resolve();
};
