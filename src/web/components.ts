import type { CertificateStatus } from '../certificates/certificate.js';
import type { Locale } from '../core/context.js';
import { formatDate, formatNumber, t, type Text } from '../views/format.js';
import { html, jsonForScript, raw, type SafeHtml } from '../views/html.js';
import { localePath } from './layout.js';
import { fill, UI } from './web-i18n.js';
import type { ProductSummary } from './web.repository.js';

/** Pieces shared by several pages: stars, the photo placeholder, cards, the certificate badge, the pager. */

/** "★★★★☆" with a text alternative ("4 sao OCOP"). */
export function stars(locale: Locale, n: number | null | undefined): SafeHtml | '' {
  if (n === null || n === undefined || n < 1) return '';
  const label = fill(t(locale, UI.starsLabel), { n });
  return html`<span class="stars" role="img" aria-label="${label}"
    >${'★'.repeat(n)}${'☆'.repeat(Math.max(0, 5 - n))}</span
  >`;
}

/**
 * Shown where a product has no photo yet: a neutral drawing of a parcel with the words "no photo", never an
 * image that could pass for the product.
 */
export function photoPlaceholder(locale: Locale, className = 'photo'): SafeHtml {
  return html`<svg
    class="${className}"
    viewBox="0 0 160 120"
    role="img"
    aria-label="${t(locale, UI.noPhoto)}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <rect width="160" height="120" fill="#f5f3ee" />
    <path
      d="M56 46l24-12 24 12v28l-24 12-24-12z"
      fill="none"
      stroke="#8c857a"
      stroke-width="3"
      stroke-linejoin="round"
    />
    <path
      d="M56 46l24 12 24-12M80 58v28"
      fill="none"
      stroke="#8c857a"
      stroke-width="3"
      stroke-linejoin="round"
    />
    <text x="80" y="106" text-anchor="middle" font-size="10" fill="#55514b" font-family="sans-serif">
      ${t(locale, UI.noPhoto)}
    </text>
  </svg>`;
}

/**
 * A product photo, or the placeholder. Images are site-relative or absolute URLs from the back office. The main
 * photo of a page (`className` 'photo') is its largest paint: loaded at once; thumbnails wait until seen.
 */
export function productImage(
  locale: Locale,
  images: readonly string[],
  alt: string,
  className = 'photo',
): SafeHtml {
  const first = images[0];
  if (!first) return photoPlaceholder(locale, className);
  const main = className === 'photo';
  const size = main ? { w: '480', h: '360' } : { w: '72', h: '72' };
  return html`<img
    class="${className}"
    src="${first}"
    alt="${alt}"
    width="${size.w}"
    height="${size.h}"
    decoding="async"
    ${main ? raw('fetchpriority="high"') : raw('loading="lazy"')}
  />`;
}

export const STATUS_TEXT: Record<CertificateStatus, Text> = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  expiring: { vi: 'Sắp hết hạn', en: 'Expiring soon' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  revoked: { vi: 'Đã bị thu hồi', en: 'Revoked' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded' },
};

/** Only a valid or expiring certificate earns the OCOP badge; the others say plainly why there is none. */
export function hasBadge(status: string): boolean {
  return status === 'valid' || status === 'expiring';
}

export function certificateBadge(
  locale: Locale,
  cert: { status: string; stars: number; expiresOn: string },
): SafeHtml {
  const status = cert.status as CertificateStatus;
  const text = STATUS_TEXT[status];
  if (hasBadge(status)) {
    return html`<p>
      <span class="badge ${status}">OCOP ${stars(locale, cert.stars)} · ${t(locale, text)}</span>
      <span class="muted"
        >${locale === 'vi' ? 'Hết hạn ngày' : 'Expires on'} ${formatDate(locale, cert.expiresOn)}</span
      >
    </p>`;
  }
  return html`<p class="notice">
    <strong>${t(locale, NO_BADGE)}</strong>
    ${t(locale, text)}${status === 'expired' ? html` (${formatDate(locale, cert.expiresOn)})` : ''}.
  </p>`;
}

const NO_BADGE: Text = {
  vi: 'Sản phẩm này hiện không được mang nhãn OCOP:',
  en: 'This product may not carry the OCOP label now:',
};

export interface CardItem {
  href: string;
  title: string;
  stars?: number | null;
  lines?: readonly (string | SafeHtml)[];
  image?: SafeHtml;
}

export function card(locale: Locale, item: CardItem): SafeHtml {
  return html`<li class="card">
    ${item.image ?? ''}
    <div>
      <h3><a href="${item.href}">${item.title}</a></h3>
      ${item.stars ? html`<p>${stars(locale, item.stars)}</p>` : ''}
      ${(item.lines ?? []).map((l) => html`<p class="muted">${l}</p>`)}
    </div>
  </li>`;
}

export function cardList(locale: Locale, items: readonly CardItem[]): SafeHtml {
  return html`<ul class="grid">
    ${items.map((i) => card(locale, i))}
  </ul>`;
}

const PAGER: Record<'nav' | 'prev' | 'next' | 'page', Text> = {
  nav: { vi: 'Phân trang', en: 'Pagination' },
  prev: { vi: '‹ Trước', en: '‹ Previous' },
  next: { vi: 'Sau ›', en: 'Next ›' },
  page: { vi: 'Trang {n}', en: 'Page {n}' },
};

/** Page links around the current one; `hrefOf(n)` builds a shareable URL of page n. */
export function pager(
  locale: Locale,
  current: number,
  pages: number,
  hrefOf: (n: number) => string,
): SafeHtml | '' {
  if (pages <= 1) return '';
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const label = (n: number) => fill(t(locale, PAGER.page), { n: formatNumber(locale, n) });
  const links = shown.map((n) =>
    n === current
      ? html`<li>
          <a href="${hrefOf(n)}" aria-current="page" aria-label="${label(n)}">${formatNumber(locale, n)}</a>
        </li>`
      : html`<li><a href="${hrefOf(n)}" aria-label="${label(n)}">${formatNumber(locale, n)}</a></li>`,
  );
  return html`<nav aria-label="${t(locale, PAGER.nav)}">
    <ul class="pager">
      ${current > 1 ? html`<li><a href="${hrefOf(current - 1)}" rel="prev">${t(locale, PAGER.prev)}</a></li>` : ''}
      ${links}
      ${current < pages ? html`<li><a href="${hrefOf(current + 1)}" rel="next">${t(locale, PAGER.next)}</a></li>` : ''}
    </ul>
  </nav>`;
}

export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  url: string;
}

/** The hook the map island fills; without JavaScript the list beside it carries the same places. */
export function miniMap(points: readonly MapPoint[]): SafeHtml | '' {
  if (points.length === 0) return '';
  return html`<div data-island="mini-map" data-points="${jsonForScript(points).value}"></div>`;
}

/** A definition list of facts, skipping empty values. */
export function facts(
  rows: ReadonlyArray<readonly [string, SafeHtml | string | null | undefined]>,
): SafeHtml {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return html`<dl class="facts">
    ${shown.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v ?? ''}</dd>`,
    )}
  </dl>`;
}

export function link(locale: Locale, path: string, text: string): SafeHtml {
  return html`<a href="${localePath(locale, path)}">${text}</a>`;
}

export function coordinates(locale: Locale, lat: number, lon: number): SafeHtml {
  const f = (v: number) =>
    v.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 5 });
  return html`${f(lat)}, ${f(lon)}
    <a href="${`geo:${String(lat)},${String(lon)}`}"
      >${locale === 'vi' ? '(mở bản đồ)' : '(open in maps)'}</a
    >`;
}

export const demoNote = (locale: Locale, demo: boolean): SafeHtml | '' =>
  demo ? html`<p class="notice info">${t(locale, UI.demo)}</p>` : raw('');

/** Cards of products (home, producer, village and sales point pages), each linking to its page. */
export function productCards(locale: Locale, products: readonly ProductSummary[]): SafeHtml {
  return cardList(
    locale,
    products.map((p) => {
      const name = locale === 'en' && p.nameEn ? p.nameEn : p.nameVi;
      return {
        href: localePath(locale, `/products/${encodeURIComponent(p.id)}`),
        title: name,
        stars: p.stars,
        lines: [p.producerName],
        image: productImage(locale, p.images, name, 'thumb'),
      };
    }),
  );
}
