import type { FastifyInstance, FastifyRequest } from 'fastify';
import { todayInVietnam } from '../core/clock.js';
import type { ChangeTracker } from '../db/change-tracker.js';
import { AnswerCache, answerPayload, keptAnswer } from './answer-cache.js';

/**
 * A read cache for anonymous GET requests under /api/v1: the serialized answer, keyed by the URL, the language,
 * today's date (statuses depend on it) and the change tracker's version, so any write makes every entry stale.
 * Registry reads vastly outnumber writes; docs/decisions/0005-read-cache.md has the reasoning and the limits.
 */
export function responseCache(): AnswerCache {
  return new AnswerCache(24 * 2 ** 20);
}

const CACHE_KEY = Symbol('cacheKey');
const CACHE_VERSION = Symbol('cacheVersion');
type Keyed = FastifyRequest & { [CACHE_KEY]?: string; [CACHE_VERSION]?: string };

function cacheable(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    request.headers.authorization === undefined &&
    request.headers.cookie === undefined
  );
}

/** Adds the cache to the routes of `app` (an encapsulated plugin scope). */
export function useResponseCache(app: FastifyInstance, cache: AnswerCache, tracker: ChangeTracker): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = tracker.version();
    const key = `${request.url}|${request.ctx.locale}|${todayInVietnam(request.ctx.clock)}|${version}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      void reply.header('vary', 'accept-language');
      const payload = answerPayload(request, reply, hit);
      await reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-cache', 'hit')
        .send(payload);
      return reply;
    }
    (request as Keyed)[CACHE_KEY] = key;
    (request as Keyed)[CACHE_VERSION] = version;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = (request as Keyed)[CACHE_KEY];
    // A route that says its answer is one person's (`private`, `no-store`: an order looked up by its phone) is
    // never kept, even for the same address.
    const control = reply.getHeader('cache-control');
    const personal = typeof control === 'string' && /\b(private|no-store)\b/.test(control);
    const version = (request as Keyed)[CACHE_VERSION];
    // An answer computed while the data changed is not kept: its key is already out of date.
    const current = version === tracker.version();
    if (
      key !== undefined &&
      current &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      !personal
    ) {
      const answer = keptAnswer(payload, '');
      cache.set(key, answer, version);
      void reply.header('x-cache', 'miss').header('vary', 'accept-language');
      return answerPayload(request, reply, answer);
    }
    return payload;
  });
}
