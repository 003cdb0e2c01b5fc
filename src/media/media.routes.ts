import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { ID_PATTERN, imagePath, IMAGE_SIZES, type ImageSize } from './image-files.js';

const FILE = /^([a-z]{3}_[0-9a-z]{16})-(\d+)\.webp$/;

/**
 * Uploaded images, served from UPLOADS_DIR. Only `/media/products/<productId>/<imageId>-<size>.webp` with ids of
 * the strict id pattern reach the disk; anything else is a 404. A file never changes once written (a new upload
 * gets a new id), so it may be cached for a year.
 */
export const mediaRoutes: FastifyPluginAsync = (app) => {
  app.get<{ Params: { productId: string; file: string } }>(
    '/products/:productId/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const { productId, file } = request.params;
      const match = FILE.exec(file);
      const size = Number(match?.[2]) as ImageSize;
      if (!match?.[1] || !ID_PATTERN.test(productId) || !IMAGE_SIZES.includes(size)) {
        reply.callNotFound();
        return reply;
      }
      let data: Buffer;
      try {
        data = await readFile(imagePath(app.uploadsDir, productId, match[1], size));
      } catch {
        reply.callNotFound();
        return reply;
      }
      return reply
        .type('image/webp')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
  return Promise.resolve();
};
