import type { FastifyInstance } from 'fastify';

/** Certificates, craft villages and sales points in the back office. */
export function registryPages(_app: FastifyInstance): void {
  // Filled by the registry pages.
}
