import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../core/errors.js';
import { addProductImage, productImages, removeProductImage } from '../media/image.service.js';
import { readImageUpload, useImageUploads } from '../media/upload.js';
import { IdParams } from '../http/schemas.js';
import { signedIn, WriteErrorResponses } from './write-responses.js';

const ImageSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    thumbnailUrl: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    bytes: Type.Integer(),
    alt: Type.String(),
  },
  { $id: 'ProductImage' },
);

/** Product images: multipart upload (one `file`, optional `alt`) and removal. Multipart is parsed here only. */
export const productImageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await useImageUploads(app);
  app.post(
    '/products/:id/images',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Add an image (multipart: `file` JPEG/PNG/WebP up to 10 MB, optional `alt`); at most 8',
        tags: ['products'],
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: ImageSchema, ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      const upload = await readImageUpload(request);
      const id = await addProductImage(request.ctx, app.uploadsDir, request.params.id, upload);
      const image = (await productImages(request.ctx, request.params.id)).find((i) => i.id === id);
      if (!image) throw new NotFoundError('image', id);
      return reply.status(201).send(image);
    },
  );
  app.delete(
    '/products/:id/images/:imageId',
    {
      preValidation: signedIn,
      schema: {
        summary: 'Remove an image of a product',
        tags: ['products'],
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          imageId: Type.String({ minLength: 1, maxLength: 64 }),
        }),
        response: { 204: Type.Null(), ...WriteErrorResponses },
      },
    },
    async (request, reply) => {
      await removeProductImage(request.ctx, app.uploadsDir, request.params.id, request.params.imageId);
      return reply.status(204).send(null);
    },
  );
};
