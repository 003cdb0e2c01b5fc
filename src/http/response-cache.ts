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
  private bytes = 0;
  private generation = '';

  /**
   * `maxBytes` bounds the memory the answers take (a count would not: a search page of 100 results weighs 50 times
   * a product); an answer over a quarter of it is not kept.
   */
  constructor(private readonly maxBytes = 24 * 2 ** 20) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Keeps `value` under `key`, computed at data version `generation`. A new generation makes every kept answer
   * unreachable (their keys hold the old version), so they are dropped at once instead of aging out.
   */
  set(key: string, value: string, generation = this.generation): void {
    if (generation !== this.generation) {
      this.entries.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    this.drop(key);
    const size = weight(value);
    if (size > this.maxBytes / 4) return;
    this.entries.set(key, value);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.bytes -= weight(value);
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the kept answers weigh, as counted against `maxBytes`. */
  get weight(): number {
    return this.bytes;
  }
}

/** A string's memory, counted as V8's two-byte form (Vietnamese text is not Latin-1), plus the entry's overhead. */
function weight(value: string): number {
  return value.length * 2 + 100;
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
export function useResponseCache(app: FastifyInstance, cache: ResponseCache, tracker: ChangeTracker): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = tracker.version();
    const key = `${request.url}|${request.ctx.locale}|${todayInVietnam(request.ctx.clock)}|${version}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      await reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-cache', 'hit')
        .send(hit);
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
      cache.set(key, payload, version);
      void reply.header('x-cache', 'miss');
    }
    return payload;
  });
}
