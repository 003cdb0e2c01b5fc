/**
 * The layout of every public page (issue 6). CONTRACT for page modules (home, product, map, stats, verify…):
 *
 *   import { page, type PageInfo } from './layout.js';
 *   const markup: string = page(
 *     { locale, path: '/map', title, description, publicUrl: app.publicUrl,
 *       image?, jsonLd?, head?: SafeHtml, scripts?: ['/assets/map.<hash>.js'], noindex?, query? },
 *     html`<h1>…</h1>…`,                                  // the contents of <main>, already escaped SafeHtml
 *   );
 *   return sendPage(reply, markup);                      // (reply, markup, status?, cacheControl?)
 *
 * - `path` is the page's path WITHOUT the locale prefix, starting with '/': '/' for home, '/map', '/products/x'.
 *   The layout builds `<html lang>`, the canonical link (`publicUrl + '/' + locale + path`, or `canonical` when
 *   given), hreflang alternates (vi, en, x-default → vi), the language switch (same path in the other locale,
 *   plus `query` such as '?q=gom' when given), <title> ("title — OCOP Hà Nội"), meta description, Open Graph and
 *   Twitter card tags (`image` absolute or site-relative; the default OG image otherwise).
 * - `scripts` are module script URLs, emitted as `<script type="module" src=…>` at the end of <body>.
 * - `head` is extra trusted markup for <head> (a preload, a stylesheet link of a page's own asset).
 * - Static files: `registerAsset(name, bytes)` / `registerAssetFile(path, name)` from './assets.js' return the
 *   hashed URL `/assets/<name>.<hash>.<ext>`; web.routes.ts serves every registered asset with a one-year cache.
 * - The header navigation is `NAV` below: home, search, map (/map), stats (/stats), verify, basket.
 * - Pages of other modules are registered by web.routes.ts once per locale, under the prefix '/vi' and '/en':
 *   `map.page.ts` exports `mapPageRoutes` and `stats.page.ts` exports `statsPageRoutes`, each a `LocalePlugin`
 *   (below) that adds `app.get('/map', …)` (resp. '/stats') and reads the locale from `opts.locale`. Inside that
 *   plugin, `sendPage(reply, page(...))`; throw NotFoundError/ValidationError for the HTML 404/400 pages.
 * - Every page registered there is served compressed (brotli/gzip) and kept in the page cache until the next
 *   write (page-cache.ts): a page must depend only on its URL, the date and the registry — never on a cookie.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Locale } from '../core/context.js';
import { html, jsonForScript, raw, type SafeHtml } from '../views/html.js';
import { t, type Text } from '../views/format.js';
import { FONT_FACES, registerAsset } from './assets.js';
import { FAVICON_SVG } from './brand.js';
import { STYLES } from './styles.js';
import { LOCALES, otherLocale, UI } from './web-i18n.js';

export interface PageInfo {
  locale: Locale;
  /** Path without the locale prefix, starting with '/': '/', '/search', '/products/prd_1'. */
  path: string;
  title: string;
  description: string;
  /** Base of absolute addresses: `app.publicUrl`. */
  publicUrl: string;
  /** Absolute canonical address; defaults to publicUrl + '/' + locale + path. */
  canonical?: string;
  /** Query string kept by the language switch and the alternates ('?q=gom'), escaped by the layout. */
  query?: string;
  /** Open Graph / Twitter image, absolute or site-relative; the default OG image otherwise. */
  image?: string;
  imageAlt?: string;
  /** One JSON-LD object or several, serialized safely. */
  jsonLd?: unknown;
  head?: SafeHtml;
  /** Module script URLs, loaded at the end of <body>. */
  scripts?: readonly string[];
  /** Keeps the page out of search engines (verification of unknown numbers, error pages). */
  noindex?: boolean;
  /** 'website' by default; 'product' for product pages. */
  ogType?: string;
}

/** A group of pages registered once per locale, under the prefix '/vi' or '/en'. */
export type LocalePlugin = FastifyPluginAsync<{ locale: Locale }>;

export interface NavItem {
  path: string;
  label: Text;
}

/** The header navigation; pages match by path prefix for aria-current. */
export const NAV: readonly NavItem[] = [
  { path: '/', label: UI.home },
  { path: '/search', label: UI.search },
  { path: '/map', label: UI.map },
  { path: '/stats', label: UI.stats },
  { path: '/verify', label: UI.verify },
  // No item count: the header is part of every cached page.
  { path: '/basket', label: UI.basket },
];

let defaultImage = '';

/** The regular weight of both subsets: Vietnamese text needs both for its first paint, in either language. */
const PRELOADS = FONT_FACES.filter((f) => f.weight === 400);

const ICON_URL = registerAsset('favicon.svg', FAVICON_SVG);

/** Set once by web.routes.ts after it has rendered the default Open Graph PNG. */
export function setDefaultOgImage(url: string): void {
  defaultImage = url;
}

/** The site-relative address of the default Open Graph image ('' until web.routes.ts has drawn it). */
export function defaultOgImageUrl(): string {
  return defaultImage;
}

/** `/vi/products/x` from ('vi', '/products/x'); the home page is `/vi/`. */
export function localePath(locale: Locale, path: string): string {
  return `/${locale}${path}`;
}

export function absoluteUrl(publicUrl: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

function isCurrent(item: NavItem, path: string): boolean {
  if (item.path === '/') return path === '/';
  return path === item.path || path.startsWith(`${item.path}/`);
}

export function navigation(locale: Locale, path: string): SafeHtml {
  const items = NAV.map(
    (item) =>
      html`<li>
        <a href="${localePath(locale, item.path)}" ${isCurrent(item, path) ? raw(' aria-current="page"') : ''}
          >${t(locale, item.label)}</a
        >
      </li>`,
  );
  return html`<nav class="nav" aria-label="${t(locale, UI.mainNav)}">
    <ul>
      ${items}
    </ul>
  </nav>`;
}

function headLinks(info: PageInfo): SafeHtml {
  const query = info.query ?? '';
  const canonical = info.canonical ?? absoluteUrl(info.publicUrl, localePath(info.locale, info.path) + query);
  const alternates = LOCALES.map(
    (l) =>
      html`<link
        rel="alternate"
        hreflang="${l}"
        href="${absoluteUrl(info.publicUrl, localePath(l, info.path) + query)}"
      />`,
  );
  const xDefault = absoluteUrl(info.publicUrl, localePath('vi', info.path) + query);
  return html`<link rel="canonical" href="${canonical}" />${alternates}<link
      rel="alternate"
      hreflang="x-default"
      href="${xDefault}"
    />`;
}

function socialTags(info: PageInfo, fullTitle: string): SafeHtml {
  const image = info.image ?? defaultImage;
  const url =
    info.canonical ?? absoluteUrl(info.publicUrl, localePath(info.locale, info.path) + (info.query ?? ''));
  return html`<meta property="og:type" content="${info.ogType ?? 'website'}" />
    <meta property="og:site_name" content="${t(info.locale, UI.siteName)}" />
    <meta property="og:title" content="${fullTitle}" />
    <meta property="og:description" content="${info.description}" />
    <meta property="og:url" content="${url}" />
    <meta property="og:locale" content="${info.locale === 'vi' ? 'vi_VN' : 'en_GB'}" />
    ${image ? html`<meta property="og:image" content="${absoluteUrl(info.publicUrl, image)}" /><meta property="og:image:alt" content="${info.imageAlt ?? info.title}" />` : ''}
    <meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}" />
    <meta name="twitter:title" content="${fullTitle}" />
    <meta name="twitter:description" content="${info.description}" />
    ${image ? html`<meta name="twitter:image" content="${absoluteUrl(info.publicUrl, image)}" />` : ''}`;
}

function jsonLdScripts(value: unknown): SafeHtml | '' {
  if (value === undefined || value === null) return '';
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return html`${items.map(
    (item) =>
      html`<script type="application/ld+json">
        ${jsonForScript(item)}
      </script>`,
  )}`;
}

function header(info: PageInfo): SafeHtml {
  const other = otherLocale(info.locale);
  const switchHref = localePath(other, info.path) + (info.query ?? '');
  return html`<header class="site-head">
    <div class="wrap">
      <a class="brand" href="${localePath(info.locale, '/')}">${t(info.locale, UI.siteName)}</a>
      <a class="lang" href="${switchHref}" hreflang="${other}" lang="${other}"
        >${t(info.locale, UI.switchTo)}</a
      >
      ${navigation(info.locale, info.path)}
    </div>
  </header>`;
}

function footer(locale: Locale): SafeHtml {
  return html`<footer class="site-foot">
    <div class="wrap">
      <p>${t(locale, UI.footer)}</p>
      <p><a href="/api/docs">${t(locale, UI.apiLink)}</a></p>
    </div>
  </footer>`;
}

/** A complete HTML document: the layout around `body`, which becomes the contents of <main id="main">. */
export function page(info: PageInfo, body: SafeHtml): string {
  const fullTitle = info.path === '/' ? info.title : `${info.title} — ${t(info.locale, UI.siteName)}`;
  const doc = html`<!DOCTYPE html>
    <html lang="${info.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${fullTitle}</title>
        <meta name="description" content="${info.description}" />
        ${info.noindex ? raw('<meta name="robots" content="noindex, nofollow">') : ''} ${headLinks(info)}
        ${socialTags(info, fullTitle)}
        <meta name="theme-color" content="#0b5d3b" />
        <link rel="icon" href="${ICON_URL}" type="image/svg+xml" />
        ${PRELOADS.map((f) => html`<link rel="preload" href="${f.url}" as="font" type="font/woff2" crossorigin />`)}
        <style>
          ${raw(STYLES)}
        </style>
        ${info.head ?? ''} ${jsonLdScripts(info.jsonLd)}
      </head>
      <body>
        <a class="skip" href="#main">${t(info.locale, UI.skipLink)}</a>
        ${header(info)}
        <main id="main" class="wrap" tabindex="-1">${body}</main>
        ${footer(info.locale)}
        ${(info.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </body>
    </html>`;
  return tidy(doc.value);
}

/**
 * The templates are formatted by Prettier, which writes void elements as `<meta … />` and leaves spaces at line
 * ends; the HTML validator prefers `<meta …>`. Only HTML void elements are touched (inline SVG keeps `/>`).
 */
function tidy(markup: string): string {
  return markup.replace(VOID_SELF_CLOSING, '<$1$2>').replace(/[ \t]+$/gm, '');
}

const VOID_SELF_CLOSING = /<(meta|link|input|br|img|hr|source)\b([^<>]*?)\s*\/>/g;

/**
 * Sends a rendered page with the HTML type and a short shared cache (pages change when the registry does);
 * `cacheControl` overrides it (a verification result is `no-store`). Error pages are never cached.
 */
export function sendPage(
  reply: FastifyReply,
  markup: string,
  status = 200,
  cacheControl = 'public, max-age=60',
): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', status === 200 ? cacheControl : 'no-store')
    .send(markup);
}
