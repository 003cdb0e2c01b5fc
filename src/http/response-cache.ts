import type { FastifyInstance, FastifyRequest } from 'fastify';
import { todayInVietnam } from '../core/clock.js';
import type { ChangeTracker } from '../db/change-tracker.js';

/**
 * A read cache for anonymous GET requests under /api/v1: the serialized answer, keyed by the URL, the language,
 * today's date (statuses depend on it) and the change tracker's version, so any write makes every entry stale.
 * Registry reads vastly outnumber writes; docs/decisions/0005-read-cache.md has the reasoning and the limits.
 */
export class ResponseCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries = 2000) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const CACHE_KEY = Symbol('cacheKey');
type Keyed = FastifyRequest & { [CACHE_KEY]?: string };

function cacheable(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    request.headers.authorization === undefined &&
    request.headers.cookie === undefined
  );
}

/** Adds the cache to the routes of `app` (an encapsulated plugin scope). */
export function useResponseCache(app: FastifyInstance, cache: ResponseCache, tracker: ChangeTracker): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const key = `${request.url}|${request.ctx.locale}|${todayInVietnam(request.ctx.clock)}|${tracker.version()}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      await reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-cache', 'hit')
        .send(hit);
      return reply;
    }
    (request as Keyed)[CACHE_KEY] = key;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = (request as Keyed)[CACHE_KEY];
    // A route that says its answer is one person's (`private`, `no-store`: an order looked up by its phone) is
    // never kept, even for the same address.
    const control = reply.getHeader('cache-control');
    const personal = typeof control === 'string' && /\b(private|no-store)\b/.test(control);
    if (key !== undefined && reply.statusCode === 200 && typeof payload === 'string' && !personal) {
      cache.set(key, payload);
      void reply.header('x-cache', 'miss');
    }
    return payload;
  });
}
