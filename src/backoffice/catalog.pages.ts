import type { FastifyInstance } from 'fastify';

/** Producers and products in the back office (list, create, edit, images, bulk actions). */
export function catalogPages(_app: FastifyInstance): void {
  // Filled by the catalog pages.
}
