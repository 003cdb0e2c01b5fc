import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SectorCode } from '../catalog/product.routes.js';
import { publicUrls } from '../core/public-urls.js';
import { CertificateStatus, ErrorResponses, PageQuery } from '../http/schemas.js';
import { SearchResponseSchema, SuggestResponseSchema } from './search.presenter.js';
import type { SearchParams } from './search.service.js';

// The length rule (1–200 characters once trimmed) is the service's, so its refusal is clear and localized;
// the schema only bounds what is read at all.
const Q = Type.String({
  maxLength: 2000,
  description:
    'What to look for, 1–200 characters; accents optional, a typo forgiven, the last word completed.',
});

const SearchQuery = Type.Object(
  {
    q: Type.Optional(Q),
    type: Type.Optional(
      Type.Union([
        Type.Literal('product'),
        Type.Literal('producer'),
        Type.Literal('craftVillage'),
        Type.Literal('salesPoint'),
      ]),
    ),
    stars: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), {
        maxItems: 5,
        description: 'Stars, repeatable.',
      }),
    ),
    sector: Type.Optional(SectorCode),
    commune: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'Administrative unit id; an old commune or district covers the 2025 communes that replaced it.',
      }),
    ),
    certificate: Type.Optional(CertificateStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const SuggestQuery = Type.Object({ q: Type.Optional(Q) }, { additionalProperties: false });

/** Search and as-you-type suggestions over the app's index (built and stopped by buildApp). */
export const searchRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = app.searchService;
  app.get(
    '/search',
    {
      schema: {
        summary: 'Search products, producers, craft villages and sales points',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: SearchResponseSchema, ...ErrorResponses },
      },
    },
    (request) =>
      service.search(
        request.ctx,
        request.query as SearchParams,
        publicUrls(app.publicUrl, request.ctx.locale),
      ),
  );
  app.get(
    '/search/suggest',
    {
      schema: {
        summary: 'Up to 8 completions as the user types',
        tags: ['search'],
        querystring: SuggestQuery,
        response: { 200: SuggestResponseSchema, ...ErrorResponses },
      },
    },
    (request) => service.suggest(request.ctx, request.query.q, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  return Promise.resolve();
};
