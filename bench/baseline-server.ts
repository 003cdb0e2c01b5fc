import Fastify from 'fastify';

/** The baseline: a bare Fastify route returning fixed JSON, on the same machine and in the same run. */
const app = Fastify({ logger: false });
const body = { items: [{ id: 'x', name: 'fixed' }], total: 1, page: 1, limit: 20 };
app.get('/fixed', () => body);
await app.listen({ port: Number(process.env.PORT ?? 3998), host: '127.0.0.1' });
process.stdout.write('ready\n');
