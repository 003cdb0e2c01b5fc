import type { FastifyInstance, FastifyRequest } from 'fastify';
import { todayInVietnam } from '../core/clock.js';
import { AnswerCache, answerPayload, keptAnswer } from '../http/answer-cache.js';

/**
 * Rendered pages, kept until the registry changes (the reasoning of docs/decisions/0005-read-cache.md, applied to
 * HTML): the key holds the URL (locale prefix and query included), today's date in Vietnam (statuses depend on
 * it) and the change tracker's version read BEFORE rendering, so a page rendered while a write commits is never
 * served under the new version. Only 200 answers to plain GET requests are kept, and not `private` ones. Off with
 * API_CACHE=off, like the API's cache, so a benchmark can show the cost of an uncached page.
 *
 * Pages are also sent compressed (brotli, else gzip) when the browser accepts it; a kept page keeps its
 * compressed forms, so a hit costs no compression.
 */
export function pageCache(): AnswerCache {
  return new AnswerCache(32 * 2 ** 20);
}

const KEY = Symbol('pageCacheKey');
const VERSION = Symbol('pageCacheVersion');
const SENT = Symbol('pageCacheSent');
type Keyed = FastifyRequest & { [KEY]?: string; [VERSION]?: string; [SENT]?: boolean };

/**
 * Adds the cache (when given) and compression to the pages of `app` (an encapsulated scope), sharing `cache`
 * across its locales.
 */
export function usePageCache(app: FastifyInstance, cache: AnswerCache | null): void {
  if (cache !== null) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.headers.cookie !== undefined) return;
      const version = app.changeTracker.version();
      const key = `${request.url}|${todayInVietnam(request.ctx.clock)}|${version}`;
      const hit = cache.get(key);
      if (hit) {
        const payload = answerPayload(request, reply, hit);
        (request as Keyed)[SENT] = true;
        await reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', hit.cacheControl)
          .header('x-cache', 'hit')
          .send(payload);
        return reply;
      }
      (request as Keyed)[KEY] = key;
      (request as Keyed)[VERSION] = version;
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || (request as Keyed)[SENT]) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    const cacheControl = reply.getHeader('cache-control');
    const answer = keptAnswer(payload, typeof cacheControl === 'string' ? cacheControl : 'no-store');
    const key = (request as Keyed)[KEY];
    // A `private` page (a self-assessment with answers in its address) is one visitor's: never kept.
    const shared = !/\bprivate\b/.test(answer.cacheControl);
    const version = (request as Keyed)[VERSION];
    // A page rendered while the data changed is not kept: its key is already out of date.
    const current = version === app.changeTracker.version();
    if (
      cache !== null &&
      key !== undefined &&
      version !== undefined &&
      current &&
      reply.statusCode === 200 &&
      shared
    ) {
      cache.set(key, answer, version);
      void reply.header('x-cache', 'miss');
    }
    return answerPayload(request, reply, answer);
  });
}
