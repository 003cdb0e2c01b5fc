import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SectorCode } from '../catalog/product.routes.js';
import { listProducts } from '../catalog/product.service.js';
import type { CertificateStatus as Status } from '../certificates/certificate.js';
import type { Locale } from '../core/context.js';
import { CertificateStatus } from '../http/schemas.js';
import type { SearchType } from '../search/search-doc.js';
import type { SearchParams } from '../search/search.service.js';
import { formatNumber, t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import { cardList, hasBadge, pager, STATUS_TEXT, type CardItem } from './components.js';
import { localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { fill, UI } from './web-i18n.js';
import { sectorNames, type SectorName } from './web.repository.js';

export const PAGE_SIZE = 20;

// Unknown parameters are tolerated: shared links come back with fbclid, utm_* and the like.
export const CatalogueQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 2000 })),
  type: Type.Optional(
    Type.Union(['product', 'producer', 'craftVillage', 'salesPoint'].map((v) => Type.Literal(v))),
  ),
  stars: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), { maxItems: 5 })),
  sector: Type.Optional(SectorCode),
  certificate: Type.Optional(CertificateStatus),
  page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }),
});
/** The parsed query (the schema's mapped unions are spelled out: TypeBox infers them loosely). */
export interface CatalogueQuery {
  q?: string;
  type?: SearchType;
  stars?: number[];
  sector?: string;
  certificate?: Status;
  page: number;
}

const TEXT = {
  title: { vi: 'Tìm sản phẩm OCOP', en: 'Find OCOP products' },
  titleFor: { vi: 'Kết quả cho “{q}”', en: 'Results for “{q}”' },
  description: {
    vi: 'Tìm sản phẩm OCOP, chủ thể, làng nghề và điểm bán ở Hà Nội; gõ không dấu cũng được.',
    en: 'Search OCOP products, producers, craft villages and sales points in Hà Nội; accents are optional.',
  },
  label: {
    vi: 'Tìm sản phẩm, chủ thể, làng nghề, điểm bán',
    en: 'Search products, producers, villages, shops',
  },
  placeholder: { vi: 'Ví dụ: gốm Bát Tràng', en: 'For example: gom Bat Trang' },
  submit: { vi: 'Tìm', en: 'Search' },
  filters: { vi: 'Bộ lọc', en: 'Filters' },
  apply: { vi: 'Áp dụng bộ lọc', en: 'Apply filters' },
  clear: { vi: 'Bỏ mọi bộ lọc', en: 'Clear all filters' },
  stars: { vi: 'Số sao', en: 'Stars' },
  anyStars: { vi: 'Mọi hạng sao', en: 'Any stars' },
  sector: { vi: 'Nhóm sản phẩm', en: 'Product group' },
  anySector: { vi: 'Mọi nhóm', en: 'Any group' },
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate' },
  anyCertificate: { vi: 'Mọi trạng thái', en: 'Any status' },
  type: { vi: 'Loại', en: 'Kind' },
  anyType: { vi: 'Tất cả', en: 'Everything' },
  results: { vi: '{n} kết quả', en: '{n} results' },
  allProducts: { vi: '{n} sản phẩm', en: '{n} products' },
  none: {
    vi: 'Không tìm thấy kết quả nào. Hãy thử từ khóa ngắn hơn, bỏ bớt bộ lọc, hoặc tìm theo tên làng nghề.',
    en: 'Nothing was found. Try a shorter word, fewer filters, or the name of a craft village.',
  },
  pageOf: { vi: 'Trang {page}/{pages}', en: 'Page {page} of {pages}' },
} satisfies Record<string, Text>;

const TYPE_TEXT: Record<SearchType, Text> = {
  product: { vi: 'Sản phẩm', en: 'Products' },
  producer: { vi: 'Chủ thể', en: 'Producers' },
  craftVillage: { vi: 'Làng nghề', en: 'Craft villages' },
  salesPoint: { vi: 'Điểm bán', en: 'Sales points' },
};

const TYPE_PATH: Record<SearchType, string> = {
  product: '/products/',
  producer: '/producers/',
  craftVillage: '/craft-villages/',
  salesPoint: '/sales-points/',
};

/** The query string of a catalogue URL, in a stable order, so each result page has one shareable address. */
export function catalogueQueryString(q: Partial<CatalogueQuery>): string {
  const params = new URLSearchParams();
  if (q.q?.trim()) params.set('q', q.q.trim());
  if (q.type) params.set('type', q.type);
  for (const s of [...(q.stars ?? [])].sort((a, b) => b - a)) params.append('stars', String(s));
  if (q.sector) params.set('sector', q.sector);
  if (q.certificate) params.set('certificate', q.certificate);
  if (q.page !== undefined && q.page > 1) params.set('page', String(q.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The search box, with the hooks of the suggestions island (a datalist and `data-island="suggest"`). */
export function searchForm(locale: Locale, q: Partial<CatalogueQuery>, extra: SafeHtml | '' = ''): SafeHtml {
  return html`<form class="search" role="search" action="${localePath(locale, '/search')}" method="get">
    <div class="field">
      <label for="q">${t(locale, TEXT.label)}</label>
      <input
        type="search"
        id="q"
        name="q"
        value="${q.q ?? ''}"
        placeholder="${t(locale, TEXT.placeholder)}"
        autocomplete="off"
        list="q-suggestions"
        maxlength="200"
        enterkeyhint="search"
      />
      <datalist id="q-suggestions"></datalist>
      <div data-island="suggest"></div>
    </div>
    <button type="submit">${t(locale, TEXT.submit)}</button>
    ${extra}
  </form>`;
}

type Counts = Map<string, number>;

function radio(name: string, value: string, label: string, checked: boolean, count?: string): SafeHtml {
  return html`<label
    ><input type="radio" name="${name}" value="${value}" ${checked ? raw(' checked') : ''} />
    ${label}${count === undefined ? '' : html` <span class="muted">(${count})</span>`}</label
  >`;
}

interface Facets {
  type?: Counts;
  stars?: Counts;
  sector?: Counts;
}

function filters(
  locale: Locale,
  q: CatalogueQuery,
  sectors: readonly SectorName[],
  facets: Facets,
  searching: boolean,
): SafeHtml {
  const n = (counts: Counts | undefined, key: string) => {
    const c = counts?.get(key);
    return c === undefined ? undefined : formatNumber(locale, c);
  };
  const typeFieldset = searching
    ? html`<fieldset>
        <legend>${t(locale, TEXT.type)}</legend>
        ${radio('type', '', t(locale, TEXT.anyType), q.type === undefined)}
        ${(Object.keys(TYPE_TEXT) as SearchType[]).map((k) => radio('type', k, t(locale, TYPE_TEXT[k]), q.type === k, n(facets.type, k)))}
      </fieldset>`
    : '';
  return html`<section class="facets" aria-labelledby="filters">
    <h2 id="filters">${t(locale, TEXT.filters)}</h2>
    <form action="${localePath(locale, '/search')}" method="get">
      ${q.q ? html`<input type="hidden" name="q" value="${q.q}" />` : ''} ${typeFieldset}
      <fieldset>
        <legend>${t(locale, TEXT.stars)}</legend>
        ${radio('stars', '', t(locale, TEXT.anyStars), !q.stars?.length)}
        ${[5, 4, 3].map((s) => radio('stars', String(s), fill(t(locale, UI.starsLabel), { n: s }), q.stars?.includes(s) ?? false, n(facets.stars, String(s))))}
      </fieldset>
      <fieldset>
        <legend>${t(locale, TEXT.sector)}</legend>
        ${radio('sector', '', t(locale, TEXT.anySector), q.sector === undefined)}
        ${sectors.map((s) => radio('sector', s.code, locale === 'en' ? s.nameEn : s.nameVi, q.sector === s.code, n(facets.sector, s.code)))}
      </fieldset>
      <fieldset>
        <legend>${t(locale, TEXT.certificate)}</legend>
        ${radio('certificate', '', t(locale, TEXT.anyCertificate), q.certificate === undefined)}
        ${(['valid', 'expiring', 'expired', 'revoked'] as const).map((s) => radio('certificate', s, t(locale, STATUS_TEXT[s]), q.certificate === s))}
      </fieldset>
      <button type="submit">${t(locale, TEXT.apply)}</button>
      <p>
        <a href="${localePath(locale, '/search') + catalogueQueryString({ q: q.q })}"
          >${t(locale, TEXT.clear)}</a
        >
      </p>
    </form>
  </section>`;
}

interface Results {
  items: CardItem[];
  total: number;
  facets: Facets;
}

function countsOf(values: ReadonlyArray<{ value: string; count: number }>): Counts {
  return new Map(values.map((v) => [v.value, v.count]));
}

async function runSearch(
  app: Parameters<LocalePlugin>[0],
  env: PageEnv,
  q: CatalogueQuery,
): Promise<Results> {
  const { locale } = env;
  const params: SearchParams = {
    q: q.q,
    type: q.type,
    stars: q.stars,
    sector: q.sector,
    certificate: q.certificate,
    page: q.page,
    limit: PAGE_SIZE,
  };
  const result = await app.searchService.search(env.ctx, params, env.urls);
  return {
    total: result.total,
    facets: {
      type: countsOf(result.facets.type),
      stars: countsOf(result.facets.stars),
      sector: countsOf(result.facets.sector),
    },
    items: result.items.map((item) => ({
      href: localePath(locale, TYPE_PATH[item.type] + encodeURIComponent(item.id)),
      title: item.name,
      stars: item.stars,
      lines: [
        [t(locale, TYPE_TEXT[item.type]), item.producer?.name, item.commune?.name]
          .filter(Boolean)
          .join(' · '),
      ],
    })),
  };
}

async function browse(env: PageEnv, q: CatalogueQuery): Promise<Results> {
  const { locale } = env;
  const list = await listProducts(
    env.ctx,
    {
      stars: q.stars,
      sector: q.sector,
      certificate: q.certificate,
      page: q.page,
      limit: PAGE_SIZE,
      sort: '-stars',
    },
    env.urls,
  );
  return {
    total: list.total,
    facets: {},
    items: list.items.map((p) => ({
      href: localePath(locale, `/products/${encodeURIComponent(p.id)}`),
      title: p.name,
      stars: p.certificate && hasBadge(p.certificate.status) ? p.stars : null,
      lines: [[p.producer.name, p.commune.name].join(' · ')],
    })),
  };
}

function resultsSection(locale: Locale, q: CatalogueQuery, r: Results, searching: boolean): SafeHtml {
  const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
  const count = fill(t(locale, searching ? TEXT.results : TEXT.allProducts), {
    n: formatNumber(locale, r.total),
  });
  const hrefOf = (p: number) => localePath(locale, '/search') + catalogueQueryString({ ...q, page: p });
  return html`<section aria-labelledby="results">
    <h2 id="results">
      ${count}${pages > 1 ? html` · ${fill(t(locale, TEXT.pageOf), { page: formatNumber(locale, q.page), pages: formatNumber(locale, pages) })}` : ''}
    </h2>
    ${r.items.length ? cardList(locale, r.items) : html`<p class="notice info" role="status">${t(locale, TEXT.none)}</p>`}
    ${pager(locale, q.page, pages, hrefOf)}
  </section>`;
}

/** The filter form's "any" choices submit empty values (`sector=`): they mean no filter, not a bad one. */
function dropEmpty(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  const entries = Object.entries(request.query as Record<string, unknown>).flatMap(([key, value]) => {
    const kept = Array.isArray(value) ? value.filter((v) => v !== '') : value;
    return kept === '' || (Array.isArray(kept) && kept.length === 0) ? [] : [[key, kept] as const];
  });
  request.query = Object.fromEntries(entries);
  done();
}

export const searchPage: LocalePlugin = (app, { locale }) => {
  app.get(
    '/search',
    { schema: { hide: true, querystring: CatalogueQuerySchema }, preValidation: dropEmpty },
    async (request, reply) => {
      const env = pageEnv(app, request, locale);
      const q = request.query as CatalogueQuery;
      const searching = (q.q ?? '').trim() !== '';
      if (searching) app.searchLimiter?.hit(request.ip); // the same budget as GET /api/v1/search
      const [results, sectors] = await Promise.all([
        searching ? runSearch(app, env, q) : browse(env, q),
        sectorNames(env.ctx),
      ]);
      const title = searching
        ? fill(t(locale, TEXT.titleFor), { q: (q.q ?? '').trim() })
        : t(locale, TEXT.title);
      const body = html`<h1>${title}</h1>
        ${searchForm(locale, q)}
        <div class="layout-2">
          ${filters(locale, q, sectors, results.facets, searching)}${resultsSection(locale, q, results, searching)}
        </div>`;
      const markup = page(
        {
          locale,
          path: '/search',
          query: catalogueQueryString(q),
          title,
          description: t(locale, TEXT.description),
          publicUrl: env.publicUrl,
          scripts: islandScripts(),
        },
        body,
      );
      return sendPage(reply, markup);
    },
  );
  return Promise.resolve();
};
