import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/**
 * The baselines, on the same machine and in the same run: bare Fastify routes returning fixed JSON —
 * a tiny object, and (when BASELINE_BODY names a file) a captured real answer of the same size as ours, so that
 * the ratio measures our work rather than the bytes on the wire.
 */
const app = Fastify({ logger: false });
const small = { items: [{ id: 'x', name: 'fixed' }], total: 1, page: 1, limit: 20 };
app.get('/fixed', () => small);
const file = process.env.BASELINE_BODY;
if (file) {
  const large = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  app.get('/fixed-large', () => large);
  // The same answer as ready UTF-8 bytes: what any server pays to send this many bytes, the ceiling for its size.
  const bytes = readFileSync(file);
  app.get('/fixed-bytes', (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));
}
const page = process.env.BASELINE_HTML;
if (page) {
  const markup = readFileSync(page, 'utf8');
  app.get('/fixed-page', (_request, reply) => reply.type('text/html; charset=utf-8').send(markup));
}
await app.listen({ port: Number(process.env.PORT ?? 3998), host: '127.0.0.1' });
process.stdout.write('ready\n');
