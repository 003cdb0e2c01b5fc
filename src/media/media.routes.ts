import type { FastifyPluginAsync } from 'fastify';

/** Uploaded images, served from UPLOADS_DIR. */
export const mediaRoutes: FastifyPluginAsync = async () => {};
