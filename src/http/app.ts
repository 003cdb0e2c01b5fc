import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ANONYMOUS, type Ctx } from '../core/context.js';
import type { Database } from '../db/database.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRoutes } from './health.routes.js';
import { localeFromHeader } from './locale.js';
import { apiRoutes } from './api.routes.js';
import { webRoutes } from '../web/web.routes.js';
import { backOfficeRoutes } from '../backoffice/backoffice.routes.js';
import { mediaRoutes } from '../media/media.routes.js';
import { ChangeTracker } from '../db/change-tracker.js';
import type { AnswerCache } from './answer-cache.js';
import { responseCache } from './response-cache.js';
import { RateLimiter } from './rate-limit.js';
import { SearchService } from '../search/search.service.js';
import { Mailer } from '../mail/mailer.js';
import { lazyCompilers } from './lazy-compilers.js';
import { startExpiryWatch, type ExpiryWatchScheduler } from '../certificates/expiry-watch.scheduler.js';
import { useAuth } from '../accounts/auth.plugin.js';
import { resolveSecret } from '../platform/secret.js';

export interface AppOptions {
  database: Database;
  config: Pick<Config, 'logLevel' | 'publicUrl'> &
    Partial<
      Pick<
        Config,
        | 'apiCache'
        | 'secret'
        | 'secureCookies'
        | 'uploadsDir'
        | 'smtpUrl'
        | 'mailFrom'
        | 'demoPassword'
        | 'searchRateLimit'
        | 'trustProxy'
      >
    >;
  clock?: Clock;
  /** Run the scheduled jobs (the certificate expiry watch): `ocop serve` does; tests and tools do not. */
  jobs?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyInstance {
    database: Database;
    publicUrl: string;
    changeTracker: ChangeTracker;
    responseCache: AnswerCache | null;
    /** One search index per app, shared by the API and the website. */
    searchService: SearchService;
    /** Per client address, shared by the search API and the website's catalogue; null when unlimited. */
    searchLimiter: RateLimiter | null;
    /**
     * Order look-ups by number and phone, per client address (API and website alike): a known order number must
     * not be a phone-number guessing game.
     */
    orderLookupLimiter: RateLimiter;
    /** Signs QR verification addresses and tokens (src/platform/secret.ts). */
    secret: string;
    mailer: Mailer;
    /** Demo mode only: the demo accounts' password, shown on the sign-in page. */
    demoPassword: string | null;
    uploadsDir: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A buyer checks an order a few times; twenty looks in ten minutes from one address is plenty. */
export const ORDER_LOOKUPS_PER_10_MINUTES = 20;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: { level: options.config.logLevel },
    // Per-request lines only when debugging: errors are logged with their request id anyway.
    logController: new LogController({
      disableRequestLogging: options.config.logLevel !== 'debug' && options.config.logLevel !== 'trace',
    }),
    requestIdHeader: false,
    trustProxy: trustProxyOption(options.config.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    schemaController: { compilersFactory: lazyCompilers() },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const tracker = new ChangeTracker(options.database.db);
  await tracker.start();
  app.addHook('onClose', () => {
    tracker.stop();
  });
  app.decorate('database', options.database);
  app.decorate('changeTracker', tracker);
  app.decorate('responseCache', options.config.apiCache === false ? null : responseCache());
  app.decorate('publicUrl', options.config.publicUrl);
  app.decorate('secret', await resolveSecret(options.database.db, options.config.secret));
  const mailer = new Mailer(
    {
      smtpUrl: options.config.smtpUrl ?? null,
      from: options.config.mailFrom ?? 'OCOP Hà Nội <no-reply@ocop.local>',
    },
    { db: options.database.db, clock },
  );
  app.decorate('mailer', mailer);
  app.decorate('demoPassword', options.config.demoPassword ?? null);
  app.decorate('uploadsDir', options.config.uploadsDir ?? './data/uploads');
  let expiryWatch: ExpiryWatchScheduler | undefined;
  app.addHook('onReady', () => {
    mailer.start();
    return Promise.resolve();
  });
  app.addHook('onListen', () => {
    // Once listening, not before: a first run over a large registry (tens of thousands of certificates due after
    // a demo load or an import) takes seconds; it yields between its batches, so requests are answered meanwhile.
    if (options.jobs === true) {
      expiryWatch ??= startExpiryWatch({
        db: options.database.db,
        clock,
        mailer,
        publicUrl: options.config.publicUrl,
        log: app.log,
      });
    }
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    await expiryWatch?.stop(); // before the database closes
    mailer.stop();
  });
  app.decorate('searchService', startSearch(app, options.database, clock, tracker));
  const searchesPerMinute = options.config.searchRateLimit ?? 1200;
  app.decorate('searchLimiter', searchesPerMinute > 0 ? new RateLimiter(searchesPerMinute, 60_000) : null);
  app.decorate('orderLookupLimiter', new RateLimiter(ORDER_LOOKUPS_PER_10_MINUTES, 600_000));
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', (request, reply, done) => {
    request.ctx = {
      db: options.database.db,
      clock,
      locale: localeFromHeader(request.headers['accept-language']),
      actor: ANONYMOUS,
      requestId: request.id,
    };
    void reply.header('x-request-id', request.id);
    done();
  });
  await useAuth(app, { secureCookies: options.config.secureCookies ?? false });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  // The API document describes /api and the health checks; pages, the back office and media stay out of it.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.url !== '/healthz' && route.url !== '/readyz') {
      route.schema = { ...route.schema, hide: true };
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'OCOP platform API',
        version: '1',
        description:
          'The registry of the One Commune One Product programme: products, producers, certificates, ' +
          'craft villages, sales points, administrative units and scorecards. Errors are ' +
          '`{ error: { code, message, details } }`, in Vietnamese or English by Accept-Language.',
      },
      servers: [{ url: options.config.publicUrl }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await app.register(webRoutes);
  await app.register(backOfficeRoutes, { prefix: '/admin' });
  await app.register(mediaRoutes, { prefix: '/media' });
  return app;
}

/** Builds the search index once the server listens, then keeps it warm; stops it on close. */
function startSearch(app: FastifyInstance, database: Database, clock: Clock, tracker: ChangeTracker) {
  const service = new SearchService({ db: database.db, clock }, tracker);
  let closing = false;
  app.addHook('onListen', () => {
    // Once listening, not before: the build shares the one thread with the first requests, and a server that is
    // not listening yet answers nobody (issue 2: later starts). Not awaited: the first searches wait for the
    // index, and without a listener (tests through `inject`) the first search builds it. On failure the next
    // search tries again and reports the error to its caller. A build cut short by shutdown is no error.
    service.start().catch((error: unknown) => {
      if (!closing) app.log.error({ err: error }, 'search index not built at start');
    });
    return Promise.resolve();
  });
  app.addHook('onClose', () => {
    closing = true;
    service.stop();
  });
  return service;
}

/** A number of trusted hops becomes Fastify's function form (its types take hops only that way). */
function trustProxyOption(value: boolean | number | string | undefined) {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value ?? false;
}
