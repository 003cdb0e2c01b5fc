import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { localeFromHeader } from '../http/locale.js';

/** The public website (issue 6): Vietnamese at /vi/…, English at /en/…; the root picks by Accept-Language. */
export const webRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get('/', { schema: { hide: true } }, (request, reply) => {
    void reply.header('vary', 'accept-language');
    return reply.redirect(`/${localeFromHeader(request.headers['accept-language'])}/`, 302);
  });
  return Promise.resolve();
};
