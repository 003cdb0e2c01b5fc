import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicUrls } from '../core/public-urls.js';
import {
  CertificateStatus,
  DemoFilter,
  ErrorResponses,
  IdParams,
  listOf,
  PageQuery,
} from '../http/schemas.js';
import { productImageRoutes } from './product-image.routes.js';
import { ProductSchema } from './product.presenter.js';
import { PRODUCT_SORTS } from './product.repository.js';
import {
  createProduct,
  getProduct,
  listProducts,
  ProductInput,
  ProductPatch,
  updateProduct,
} from './product.service.js';
import { signedIn, WriteErrorResponses } from './write-responses.js';

export const SectorCode = Type.Unsafe<'I' | 'II' | 'III' | 'IV' | 'V' | 'VI'>(
  Type.Union(['I', 'II', 'III', 'IV', 'V', 'VI'].map((s) => Type.Literal(s))),
);

export const ProductListQuery = Type.Object(
  {
    stars: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), {
        maxItems: 5,
        description: 'Stars, repeatable.',
      }),
    ),
    sector: Type.Optional(SectorCode),
    scorecard: Type.Optional(Type.Integer({ minimum: 1, maximum: 26 })),
    commune: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'Administrative unit id; an old commune or district covers the 2025 communes that replaced it.',
      }),
    ),
    craftVillage: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    producer: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    certificate: Type.Optional(CertificateStatus),
    demo: Type.Optional(DemoFilter),
    sort: Type.Optional(
      Type.Union(
        PRODUCT_SORTS.map((s) => Type.Literal(s)),
        { default: 'name' },
      ),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products',
    {
      schema: {
        summary: 'List OCOP products',
        tags: ['products'],
        querystring: ProductListQuery,
        response: { 200: listOf(ProductSchema), ...ErrorResponses },
      },
    },
    (request) =>
      listProducts(
        request.ctx,
        request.query as Parameters<typeof listProducts>[1],
        publicUrls(app.publicUrl, request.ctx.locale),
      ),
  );
  app.get(
    '/products/:id',
    {
      schema: {
        summary: 'One product with its current certificate',
        tags: ['products'],
        params: IdParams,
        response: { 200: ProductSchema, ...ErrorResponses },
      },
    },
    (request) => getProduct(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale)),
  );
  app.post(
    '/products',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Create a product (admin, a commune officer in their commune, a producer for itself)',
        tags: ['products'],
        body: ProductInput,
        response: { 201: ProductSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const id = await createProduct(request.ctx, request.body);
      const created = await getProduct(request.ctx, id, publicUrls(app.publicUrl, request.ctx.locale));
      return reply.status(201).header('location', `/api/v1/products/${id}`).send(created);
    },
  );
  app.patch(
    '/products/:id',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Change a product; only the fields given change',
        tags: ['products'],
        params: IdParams,
        body: ProductPatch,
        response: { 200: ProductSchema, ...WriteErrorResponses },
      },
    },
    async (request) => {
      await updateProduct(request.ctx, request.params.id, request.body);
      return getProduct(request.ctx, request.params.id, publicUrls(app.publicUrl, request.ctx.locale));
    },
  );
  await app.register(productImageRoutes);
};
