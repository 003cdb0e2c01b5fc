import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AnswerCache, answerPayload, keptAnswer } from './answer-cache.js';

const answer = (n: number) => keptAnswer('x'.repeat(n), 'public, max-age=60');

describe('the read caches', () => {
  it('keep answers within their weight, dropping the least recently used first', () => {
    const cache = new AnswerCache(10_000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, answer(1_000), 'v1'); // 1,700 each as counted
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('e', answer(1_000), 'v1');
    cache.set('f', answer(1_000), 'v1');
    expect(cache.weight).toBeLessThanOrEqual(10_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.length).toBe(1_000);
    expect(cache.get('f')).toBeDefined();
  });

  it('do not keep an answer heavier than a quarter of their weight', () => {
    const cache = new AnswerCache(10_000);
    cache.set('big', answer(2_000), 'v1');
    expect(cache.get('big')).toBeUndefined();
    expect(cache.weight).toBe(0);
  });

  it('drop every answer of an older data version when a newer one is kept', () => {
    const cache = new AnswerCache(1_000_000);
    cache.set('a|v1', keptAnswer('{"a":1}', ''), 'v1');
    cache.set('b|v1', keptAnswer('{"b":1}', ''), 'v1');
    cache.set('a|v2', keptAnswer('{"a":2}', ''), 'v2');
    expect(cache.size).toBe(1);
    expect(cache.get('b|v1')).toBeUndefined();
    expect(cache.get('a|v2')?.body.toString()).toBe('{"a":2}');
  });

  it('keep Vietnamese text as its UTF-8 bytes', () => {
    const kept = keptAnswer('{"name":"Gốm Bát Tràng"}', '');
    expect(kept.body.toString('utf8')).toBe('{"name":"Gốm Bát Tràng"}');
    expect(kept.body.length).toBe(Buffer.byteLength('{"name":"Gốm Bát Tràng"}'));
  });

  it('send an answer compressed only to a client that accepts it, and compress it once', async () => {
    const kept = keptAnswer(JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => `Lụa ${i}`) }), '');
    const app = Fastify();
    app.get('/', (request, reply) => {
      void reply.header('vary', 'accept-language');
      return reply.type('application/json').send(answerPayload(request, reply, kept));
    });
    const plain = await app.inject({ url: '/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-language, accept-encoding');
    expect(plain.rawPayload.equals(kept.body)).toBe(true);
    const zipped = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).equals(kept.body)).toBe(true);
    const first = kept.gzip;
    await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(kept.gzip).toBe(first);
    const br = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    await app.close();
  });
});
