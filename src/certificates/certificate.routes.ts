import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../accounts/auth.routes.js';
import { SectorCode } from '../catalog/product.routes.js';
import { publicUrls } from '../core/public-urls.js';
import {
  CertificateStatus,
  DemoFilter,
  ErrorBody,
  ErrorResponses,
  IdParams,
  listOf,
  PageQuery,
} from '../http/schemas.js';
import { CertificateSchema } from './certificate.presenter.js';
import { CERTIFICATE_SORTS } from './certificate.repository.js';
import {
  getCertificate,
  issueCertificate,
  IssueCertificateInput,
  listCertificates,
  revokeCertificate,
  RevokeCertificateInput,
} from './certificate.service.js';

/** Write answers also name who may not (401 anonymous, 403 outside the policy) and conflicts. */
const WriteErrors = { ...ErrorResponses, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

export const CertificateListQuery = Type.Object(
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
  app.post(
    '/certificates',
    {
      schema: {
        summary: 'Issue a certificate (administrators); the product’s current certificate is superseded',
        tags: ['certificates'],
        body: IssueCertificateInput,
        response: { 201: CertificateSchema, ...WriteErrors },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const id = await issueCertificate(request.ctx, request.body);
      const urls = publicUrls(app.publicUrl, request.ctx.locale);
      return reply.status(201).send(await getCertificate(request.ctx, id, urls));
    },
  );
  app.post(
    '/certificates/:id/revoke',
    {
      schema: {
        summary: 'Revoke a certificate (administrators), with a legal reason and an optional note',
        tags: ['certificates'],
        params: IdParams,
        body: RevokeCertificateInput,
        response: { 200: CertificateSchema, ...WriteErrors },
      },
    },
    async (request) => {
      requireUser(request);
      await revokeCertificate(request.ctx, request.params.id, request.body);
      return getCertificate(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  return Promise.resolve();
};
