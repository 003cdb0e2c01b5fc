import type { FastifyInstance } from 'fastify';

/** Producers and products in the back office (list, create, edit, images, bulk actions). */
export function catalogPages(app: FastifyInstance): void {
  void app.hasRoute;
}
