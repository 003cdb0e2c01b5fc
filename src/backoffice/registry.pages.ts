import type { FastifyInstance } from 'fastify';

/** Certificates, craft villages and sales points in the back office. */
export function registryPages(app: FastifyInstance): void {
  void app.hasRoute;
}
