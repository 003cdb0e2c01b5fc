import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInVietnam } from '../core/clock.js';

/**
 * Rendered pages, kept until the registry changes (the reasoning of docs/decisions/0005-read-cache.md, applied to
 * HTML): the key holds the URL (locale prefix and query included), today's date in Vietnam (statuses depend on
 * it) and the change tracker's version read BEFORE rendering, so a page rendered while a write commits is never
 * served under the new version. Only 200 answers to plain GET requests are kept, and not `private` ones. Off with API_CACHE=off, like
 * the API's cache, so a benchmark can show the cost of an uncached page.
 *
 * Pages are also sent compressed (brotli, else gzip) when the browser accepts it; a kept page keeps its
 * compressed forms, so a hit costs no compression.
 */
interface Entry {
  body: string;
  /** The body as UTF-8 bytes, encoded once when first sent from the cache rather than at every hit. */
  bytes?: Buffer;
  cacheControl: string;
  br?: Buffer;
  gzip?: Buffer;
}

type Encoding = 'br' | 'gzip';

/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS = 1024;

function encodingFor(request: FastifyRequest): Encoding | null {
  const accepted = request.headers['accept-encoding'];
  if (typeof accepted !== 'string') return null;
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

function encoded(entry: Entry, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    // Quality 5: most of brotli's gain at a fraction of a millisecond for a page.
    entry.br ??= brotliCompressSync(entry.body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
    });
    return entry.br;
  }
  entry.gzip ??= gzipSync(entry.body, { level: 6 });
  return entry.gzip;
}

/** The payload to send for `entry`: compressed when accepted and worth it, with the headers that say so. */
function payloadFor(request: FastifyRequest, reply: FastifyReply, entry: Entry): string | Buffer {
  void reply.header('vary', 'accept-encoding');
  const encoding = encodingFor(request);
  if (encoding === null || entry.body.length < MIN_COMPRESS) return (entry.bytes ??= Buffer.from(entry.body));
  void reply.header('content-encoding', encoding);
  return encoded(entry, encoding);
}

/**
 * Least recently used first (a Map keeps insertion order), bounded by weight: a page's text (two bytes a character
 * in V8 for Vietnamese) and, once sent, its UTF-8 and compressed forms, counted as one more byte a character.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private generation = '';

  constructor(private readonly maxBytes = 32 * 2 ** 20) {}

  get(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps `entry`, rendered at data version `generation`; a new generation drops every older page at once. */
  set(key: string, entry: Entry, generation = this.generation): void {
    if (generation !== this.generation) {
      this.entries.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    this.drop(key);
    if (weight(entry) > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += weight(entry);
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= weight(entry);
  }
}

function weight(entry: Entry): number {
  return entry.body.length * 3 + 200;
}

const KEY = Symbol('pageCacheKey');
const VERSION = Symbol('pageCacheVersion');
const SENT = Symbol('pageCacheSent');
type Keyed = FastifyRequest & { [KEY]?: string; [VERSION]?: string; [SENT]?: boolean };

/**
 * Adds the cache (when given) and compression to the pages of `app` (an encapsulated scope), sharing `cache`
 * across its locales.
 */
export function usePageCache(app: FastifyInstance, cache: PageCache | null): void {
  if (cache !== null) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.headers.cookie !== undefined) return;
      const version = app.changeTracker.version();
      const key = `${request.url}|${todayInVietnam(request.ctx.clock)}|${version}`;
      const hit = cache.get(key);
      if (hit) {
        const payload = payloadFor(request, reply, hit);
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
    const entry: Entry = {
      body: payload,
      cacheControl: typeof cacheControl === 'string' ? cacheControl : 'no-store',
    };
    const key = (request as Keyed)[KEY];
    // A `private` page (a self-assessment with answers in its address) is one visitor's: never kept.
    const shared = !/\bprivate\b/.test(entry.cacheControl);
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
      cache.set(key, entry, version);
      void reply.header('x-cache', 'miss');
    }
    return payloadFor(request, reply, entry);
  });
}
