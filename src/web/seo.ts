import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import type { ProducerDto } from '../catalog/producer.presenter.js';
import type { ProductDto } from '../catalog/product.presenter.js';
import type { Locale } from '../core/context.js';
import type { SalesPointDto } from '../sales-points/sales-point.presenter.js';
import { SCORECARDS } from '../scorecards/taxonomy.js';
import { escapeHtml } from '../views/html.js';
import type { CraftVillageDto } from '../villages/craft-village.presenter.js';
import { registerAssetFile } from './assets.js';
import { BRAND_IMAGES } from './brand.js';
import { absoluteUrl, setDefaultOgImage } from './layout.js';
import type { PageEnv } from './page-context.js';
import { LOCALES } from './web-i18n.js';
import { countOf, idsForSitemap, type SitemapKind } from './web.repository.js';

/** Findability: JSON-LD objects, the sitemap (an index of chunked files), robots.txt and the default OG image. */

const CONTEXT = 'https://schema.org';

function postalAddress(street: string, locality: string) {
  return {
    '@type': 'PostalAddress',
    streetAddress: street,
    addressLocality: locality,
    addressRegion: 'Hà Nội',
    addressCountry: 'VN',
  };
}

export function websiteLd(env: PageEnv) {
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    name: 'OCOP Hà Nội',
    url: absoluteUrl(env.publicUrl, `/${env.locale}/`),
    inLanguage: env.locale,
    potentialAction: {
      '@type': 'SearchAction',
      target: absoluteUrl(env.publicUrl, `/${env.locale}/search?q={search_term_string}`),
      'query-input': 'required name=search_term_string',
    },
  };
}

export function organizationLd(env: PageEnv) {
  return {
    '@context': CONTEXT,
    '@type': 'GovernmentOrganization',
    name: env.locale === 'vi' ? 'Chương trình OCOP Hà Nội' : 'OCOP programme of Hà Nội',
    url: absoluteUrl(env.publicUrl, `/${env.locale}/`),
  };
}

export function productLd(env: PageEnv, p: ProductDto, image: string) {
  const images = p.images.length ? p.images : [image];
  return {
    '@context': CONTEXT,
    '@type': 'Product',
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    image: images.map((i) => absoluteUrl(env.publicUrl, i)),
    sku: p.id,
    url: env.urls.product(p.id),
    category: p.sector.name,
    brand: { '@type': 'Brand', name: p.producer.name },
    manufacturer: { '@type': 'Organization', name: p.producer.name, url: env.urls.producer(p.producer.id) },
    ...(p.priceVnd !== null
      ? {
          offers: {
            '@type': 'Offer',
            price: p.priceVnd,
            priceCurrency: 'VND',
            url: env.urls.product(p.id),
            availability: 'https://schema.org/InStock',
          },
        }
      : {}),
  };
}

export function producerLd(env: PageEnv, p: ProducerDto) {
  return {
    '@context': CONTEXT,
    '@type': 'Organization',
    name: p.name,
    url: env.urls.producer(p.id),
    address: postalAddress(p.address, p.commune.name),
    ...(p.phone ? { telephone: p.phone } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { sameAs: p.website } : {}),
  };
}

export function villageLd(env: PageEnv, v: CraftVillageDto) {
  return {
    '@context': CONTEXT,
    '@type': 'Place',
    name: v.name,
    url: env.urls.craftVillage(v.id),
    description: v.description ?? v.craft,
    address: postalAddress(v.commune.name, v.commune.name),
  };
}

export function salesPointLd(env: PageEnv, s: SalesPointDto) {
  return {
    '@context': CONTEXT,
    '@type': 'Place',
    name: s.name,
    url: env.urls.salesPoint(s.id),
    address: postalAddress(s.address, s.commune.name),
    ...(s.location
      ? { geo: { '@type': 'GeoCoordinates', latitude: s.location.lat, longitude: s.location.lon } }
      : {}),
    ...(s.phone ? { telephone: s.phone } : {}),
    ...(s.openingHours ? { openingHours: s.openingHours } : {}),
  };
}

/** Records per sitemap file: two languages make 10,000 URLs, well under the protocol's 50,000 and 50 MB. */
export const SITEMAP_CHUNK = 5000;
const KINDS: readonly SitemapKind[] = ['products', 'producers', 'craft-villages', 'sales-points'];
/** The blank self-assessment sheet of each of Decision 148's 26 scorecards. */
const SCORECARD_SHEETS = SCORECARDS.map((s) => `/self-assessment/${String(s.id)}`);
const STATIC_PATHS = ['/', '/search', '/map', '/stats', '/verify', '/self-assessment', ...SCORECARD_SHEETS];

function urlEntries(publicUrl: string, path: string, lastmod?: string): string {
  const href = (l: Locale) => escapeHtml(absoluteUrl(publicUrl, `/${l}${path}`));
  const links =
    LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${href(l)}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${href('vi')}"/>`;
  const mod = lastmod ? `<lastmod>${escapeHtml(lastmod.slice(0, 10))}</lastmod>` : '';
  return LOCALES.map((l) => `<url><loc>${href(l)}</loc>${mod}${links}</url>`).join('\n');
}

const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' +
  'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';

const XML = 'application/xml; charset=utf-8';

export const seoRoutes: FastifyPluginAsync = (app) => {
  // Drawn from SVG by `npm run brand-images` and committed: no image library is loaded at start.
  setDefaultOgImage(registerAssetFile(BRAND_IMAGES.og, 'og-default.png'));
  const icon = readFileSync(BRAND_IMAGES.favicon);
  const base = app.publicUrl;

  // Browsers ask for /favicon.ico whatever the page says; the pages link the SVG icon.
  app.get('/favicon.ico', { schema: { hide: true } }, (_request, reply) =>
    reply.type('image/png').header('cache-control', 'public, max-age=86400').send(icon),
  );

  app.get('/robots.txt', { schema: { hide: true } }, (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${absoluteUrl(base, '/sitemap.xml')}\n`),
  );

  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const files = ['/sitemaps/pages.xml'];
    for (const kind of KINDS) {
      const chunks = Math.ceil((await countOf(request.ctx, kind)) / SITEMAP_CHUNK);
      for (let i = 1; i <= chunks; i++) files.push(`/sitemaps/${kind}-${String(i)}.xml`);
    }
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
      files.map((f) => `<sitemap><loc>${escapeHtml(absoluteUrl(base, f))}</loc></sitemap>`).join('\n') +
      '\n</sitemapindex>\n';
    return reply.type(XML).header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/sitemaps/pages.xml', { schema: { hide: true } }, (_request, reply) =>
    reply
      .type(XML)
      .header('cache-control', 'public, max-age=3600')
      .send(`${URLSET_OPEN}${STATIC_PATHS.map((p) => urlEntries(base, p)).join('\n')}\n</urlset>\n`),
  );

  app.get<{ Params: { file: string } }>(
    '/sitemaps/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const m = /^(products|producers|craft-villages|sales-points)-([1-9]\d{0,5})\.xml$/.exec(
        request.params.file,
      );
      if (!m) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      const kind = m[1] as SitemapKind;
      const rows = await idsForSitemap(request.ctx, kind, (Number(m[2]) - 1) * SITEMAP_CHUNK, SITEMAP_CHUNK);
      if (rows.length === 0) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      const parts = [URLSET_OPEN];
      for (const r of rows)
        parts.push(urlEntries(base, `/${kind}/${encodeURIComponent(r.id)}`, r.updated_at), '\n');
      parts.push('</urlset>\n');
      return reply.type(XML).header('cache-control', 'public, max-age=3600').send(parts.join(''));
    },
  );
  return Promise.resolve();
};
