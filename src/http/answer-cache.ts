import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Kept answers of the read caches (the API's and the pages', docs/decisions/0005-read-cache.md), as bytes: UTF-8
 * outside the JS heap — half what V8 takes for Vietnamese text, which it holds two bytes a character — and ready
 * to write, so a hit costs neither encoding nor, once sent compressed, compression.
 */
export interface KeptAnswer {
  body: Buffer;
  cacheControl: string;
  br?: Buffer;
  gzip?: Buffer;
}

/** `text` as bytes of its own: a small Buffer.from would hold a slice of a shared 8 KB pool for as long as kept. */
export function keptAnswer(text: string, cacheControl: string): KeptAnswer {
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  body.write(text);
  return { body, cacheControl };
}

/**
 * Least recently used first (a Map keeps insertion order), bounded by weight rather than count: a search page of
 * 100 results weighs 50 times a product. An answer's weight is its bytes plus half again for the compressed forms
 * it may gain; one over a quarter of the cache is not kept.
 */
export class AnswerCache {
  private readonly entries = new Map<string, KeptAnswer>();
  private bytes = 0;
  private generation = '';

  constructor(private readonly maxBytes: number) {}

  get(key: string): KeptAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Keeps `answer` under `key`, computed at data version `generation`. A new generation makes every kept answer
   * unreachable (their keys hold the old version), so they are dropped at once instead of aging out.
   */
  set(key: string, answer: KeptAnswer, generation = this.generation): void {
    if (generation !== this.generation) {
      this.entries.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    this.drop(key);
    const size = weight(answer);
    if (size > this.maxBytes / 4) return;
    this.entries.set(key, answer);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const answer = this.entries.get(key);
    if (answer === undefined) return;
    this.entries.delete(key);
    this.bytes -= weight(answer);
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the kept answers weigh, as counted against the bound. */
  get weight(): number {
    return this.bytes;
  }
}

function weight(answer: KeptAnswer): number {
  return Math.ceil(answer.body.length * 1.5) + 200;
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

function encoded(answer: KeptAnswer, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    // Quality 5: most of brotli's gain at a fraction of a millisecond for a page.
    answer.br ??= brotliCompressSync(answer.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: answer.body.length,
      },
    });
    return answer.br;
  }
  answer.gzip ??= gzipSync(answer.body, { level: 6 });
  return answer.gzip;
}

/** The bytes to send for `answer`: compressed when the client accepts it and it is worth it, with the headers. */
export function answerPayload(request: FastifyRequest, reply: FastifyReply, answer: KeptAnswer): Buffer {
  const vary = reply.getHeader('vary');
  void reply.header(
    'vary',
    typeof vary === 'string' && vary !== '' ? `${vary}, accept-encoding` : 'accept-encoding',
  );
  const encoding = encodingFor(request);
  if (encoding === null || answer.body.length < MIN_COMPRESS) return answer.body;
  void reply.header('content-encoding', encoding);
  return encoded(answer, encoding);
}
