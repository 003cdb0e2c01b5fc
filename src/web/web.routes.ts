import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { localeFromHeader } from '../http/locale.js';
import { assetAt, ASSET_PREFIX } from './assets.js';
import { clientAssetRoutes } from './client-assets.js';
import { webErrorHandler, webNotFoundHandler } from './errors.page.js';
import { homePage } from './home.page.js';
import { mapPageRoutes } from './map.page.js';
import { mapDataRoutes } from './map.routes.js';
import type { LocalePlugin } from './layout.js';
import { placesPages } from './places.page.js';
import { productPage } from './product.page.js';
import { searchPage } from './search.page.js';
import { selfAssessmentPages } from './self-assessment.page.js';
import { orderPages } from './shop-orders.page.js';
import { shopPages } from './shop.page.js';
import { seoRoutes } from './seo.js';
import { statsPageRoutes } from './stats.page.js';
import { verifyPages } from './verify.page.js';
import { LOCALES } from './web-i18n.js';
import type { AnswerCache } from '../http/answer-cache.js';
import { pageCache, usePageCache } from './page-cache.js';
import type { Locale } from '../core/context.js';

/** The public website (issue 6): Vietnamese at /vi/…, English at /en/…; the root picks by Accept-Language. */
export const webRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true } }, (request, reply) => {
    void reply.header('vary', 'accept-language');
    return reply.redirect(`/${localeFromHeader(request.headers['accept-language'])}/`, 302);
  });
  await app.register(assetRoutes);
  await app.register(clientAssetRoutes);
  await app.register(seoRoutes);
  await app.register(mapDataRoutes);
  const cache = app.responseCache === null ? null : pageCache();
  for (const locale of LOCALES) await app.register(localeSite, { prefix: `/${locale}`, locale, cache });
};

/** Every page of one language, with its own 404 and error pages in that language. */
const localeSite: FastifyPluginAsync<{ locale: Locale; cache: AnswerCache | null }> = async (
  app,
  { locale, cache },
) => {
  usePageCache(app, cache);
  app.setErrorHandler(webErrorHandler(locale, app.publicUrl));
  app.setNotFoundHandler(webNotFoundHandler(locale, app.publicUrl));
  for (const pages of PAGES) await app.register(pages, { locale });
};

const PAGES: readonly LocalePlugin[] = [
  homePage,
  searchPage,
  productPage,
  placesPages,
  verifyPages,
  selfAssessmentPages,
  mapPageRoutes,
  statsPageRoutes,
  shopPages,
  orderPages,
];

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Registered assets (fonts, the OG image) under their hashed names, cached for a year. */
const assetRoutes: FastifyPluginAsync = (app) => {
  app.get(`${ASSET_PREFIX}*`, { schema: { hide: true } }, (request, reply) => {
    const asset = assetAt(request.url.split('?')[0] ?? '');
    if (!asset)
      return reply.status(404).header('cache-control', 'no-store').type('text/plain').send('Not found');
    return reply
      .header('content-type', asset.contentType)
      .header('cache-control', IMMUTABLE)
      .send(asset.body);
  });
  return Promise.resolve();
};
