import type { FastifyInstance, FastifyRequest } from 'fastify';
import { todayInVietnam } from '../core/clock.js';
import type { Ctx, Locale } from '../core/context.js';
import { publicUrls, type PublicUrls } from '../core/public-urls.js';

/**
 * What a page handler works with. On the website the language is the URL's prefix, not Accept-Language, so the
 * context is rebuilt with the page's locale before any service is called.
 */
export interface PageEnv {
  ctx: Ctx;
  locale: Locale;
  /** Absolute public addresses (canonical, QR, share links, JSON-LD). */
  urls: PublicUrls;
  publicUrl: string;
  secret: string;
  today: string;
}

export function pageEnv(app: FastifyInstance, request: FastifyRequest, locale: Locale): PageEnv {
  const ctx: Ctx = { ...request.ctx, locale };
  return {
    ctx,
    locale,
    urls: publicUrls(app.publicUrl, locale),
    publicUrl: app.publicUrl,
    secret: app.secret,
    today: todayInVietnam(ctx.clock),
  };
}
