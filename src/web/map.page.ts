import { Type, type Static } from 'typebox';
import type { Locale } from '../core/context.js';
import { LOCATION_TYPES } from '../sales-points/location-types.js';
import { formatNumber, t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { clientBuild, islandScripts } from './client-assets.js';
import { pager } from './components.js';
import { localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv } from './page-context.js';
import { MAP_POINTS_URL, placesOf, WARDS_URL } from './map.routes.js';
import { groupByCommune, type CommuneGroup, type PlaceFilters } from './map.service.js';
import { fill } from './web-i18n.js';

const TEXT = {
  title: { vi: 'Bản đồ điểm bán và làng nghề OCOP', en: 'Map of OCOP sales points and craft villages' },
  description: {
    vi: 'Các điểm giới thiệu và bán sản phẩm OCOP và các làng nghề của Hà Nội, theo xã, phường mới từ 2025.',
    en: 'OCOP introduction-and-sales points and craft villages of Hà Nội, by the 2025 communes and wards.',
  },
  intro: {
    vi: '{sp} điểm bán và {cv} làng nghề. Vị trí làng nghề là gần đúng: chỉ biết làng nằm trong xã, phường nào.',
    en: '{sp} sales points and {cv} craft villages. Village positions are approximate: only their commune is known.',
  },
  filters: { vi: 'Lọc địa điểm', en: 'Filter places' },
  show: { vi: 'Hiển thị', en: 'Show' },
  salesPoints: { vi: 'Điểm bán OCOP', en: 'OCOP sales points' },
  craftVillages: { vi: 'Làng nghề', en: 'Craft villages' },
  recognized: { vi: 'Chỉ làng nghề được công nhận', en: 'Recognized craft villages only' },
  locationType: { vi: 'Loại địa điểm bán', en: 'Kind of sales location' },
  anyType: { vi: 'Tất cả', en: 'All' },
  apply: { vi: 'Lọc', en: 'Apply' },
  mapLabel: { vi: 'Bản đồ các địa điểm', en: 'Map of the places' },
  listTitle: { vi: 'Danh sách theo xã, phường', en: 'List by commune and ward' },
  listCount: {
    vi: '{n} xã, phường có địa điểm phù hợp; trang {page}/{pages}.',
    en: '{n} communes and wards with matching places; page {page} of {pages}.',
  },
  none: { vi: 'Không có địa điểm nào phù hợp.', en: 'No place matches.' },
  craft: { vi: 'nghề {craft}', en: '{craft}' },
  isRecognized: { vi: 'được công nhận', en: 'recognized' },
  open: { vi: 'Xem trang', en: 'Open page' },
  unplaced: {
    vi: '{n} địa điểm thuộc xã, phường cũ chưa có ranh giới 2025 nên không hiện trên bản đồ.',
    en: '{n} places in former communes without a 2025 outline are not drawn on the map.',
  },
} satisfies Record<string, Text>;

const COMMUNES_PER_PAGE = 12;

const MapQuery = Type.Object({
  show: Type.Optional(
    Type.Array(Type.Union([Type.Literal('salesPoint'), Type.Literal('craftVillage')]), { maxItems: 2 }),
  ),
  recognized: Type.Optional(Type.Literal('1')),
  locationType: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
type MapQueryT = Static<typeof MapQuery>;

function filtersOf(q: MapQueryT): PlaceFilters {
  const show = q.show ?? [];
  const known = LOCATION_TYPES.some((l) => l.code === q.locationType);
  return {
    salesPoints: show.length === 0 || show.includes('salesPoint'),
    craftVillages: show.length === 0 || show.includes('craftVillage'),
    recognizedOnly: q.recognized === '1',
    locationType: known ? (q.locationType ?? '') : '',
  };
}

/** The query string of a filtered list page, so page links and the language switch keep the filters. */
function queryOf(f: PlaceFilters, pageNo: number): string {
  const params = new URLSearchParams();
  if (!(f.salesPoints && f.craftVillages)) {
    if (f.salesPoints) params.append('show', 'salesPoint');
    if (f.craftVillages) params.append('show', 'craftVillage');
  }
  if (f.recognizedOnly) params.set('recognized', '1');
  if (f.locationType) params.set('locationType', f.locationType);
  if (pageNo > 1) params.set('page', String(pageNo));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function checkbox(name: string, value: string, checked: boolean, label: string): SafeHtml {
  return html`<label
    ><input type="checkbox" name="${name}" value="${value}" ${checked ? raw('checked') : ''} />
    ${label}</label
  >`;
}

function filterForm(locale: Locale, f: PlaceFilters): SafeHtml {
  const options = LOCATION_TYPES.map(
    (l) =>
      html`<option value="${l.code}" ${f.locationType === l.code ? raw('selected') : ''}>
        ${l[locale]}
      </option>`,
  );
  return html`<form method="get" action="${localePath(locale, '/map')}" class="facets map-filters">
    <fieldset>
      <legend>${t(locale, TEXT.show)}</legend>
      ${checkbox('show', 'salesPoint', f.salesPoints, t(locale, TEXT.salesPoints))}
      ${checkbox('show', 'craftVillage', f.craftVillages, t(locale, TEXT.craftVillages))}
      ${checkbox('recognized', '1', f.recognizedOnly, t(locale, TEXT.recognized))}
    </fieldset>
    <div class="field">
      <label for="locationType">${t(locale, TEXT.locationType)}</label>
      <select id="locationType" name="locationType">
        <option value="">${t(locale, TEXT.anyType)}</option>
        ${options}
      </select>
    </div>
    <p><button type="submit">${t(locale, TEXT.apply)}</button></p>
  </form>`;
}

function communeSection(locale: Locale, g: CommuneGroup): SafeHtml {
  const sps = g.salesPoints.map(
    (p) => html`<li><a href="${p.url}">${p.name}</a> <span class="muted">— ${p.locationTypeName}</span></li>`,
  );
  const cvs = g.craftVillages.map(
    (v) =>
      html`<li>
        <a href="${v.url}">${v.name}</a>
        <span class="muted"
          >—
          ${fill(t(locale, TEXT.craft), { craft: v.craft })}${
            v.recognized ? `, ${t(locale, TEXT.isRecognized)}` : ''
          }</span
        >
      </li>`,
  );
  return html`<section class="commune" aria-labelledby="c-${g.communeId}">
    <h3 id="c-${g.communeId}">${g.communeName}</h3>
    ${
      sps.length
        ? html`<h4>${t(locale, TEXT.salesPoints)}</h4>
            <ul class="places">
              ${sps}
            </ul>`
        : ''
    }
    ${
      cvs.length
        ? html`<h4>${t(locale, TEXT.craftVillages)}</h4>
            <ul class="places">
              ${cvs}
            </ul>`
        : ''
    }
  </section>`;
}

/** Reserves the map's height before any script runs (no layout shift) and hides it when scripts are off. */
const MAP_HEAD = raw(
  '<style>.map-canvas{height:min(70vh,36rem);min-height:20rem;border:1px solid #d9d4ca;border-radius:.5rem;' +
    'background:#f5f3ee;margin:0 0 1rem}.commune h4{margin:.5rem 0 .25rem;font-size:.95rem}' +
    '.map-filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.map-filters fieldset{flex:2 1 20rem}' +
    '.map-filters fieldset label{display:inline-flex;margin-right:1rem}.map-filters .field{flex:1 1 14rem}' +
    '.map-filters p{margin:0 0 1rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;' +
    'clip:rect(0 0 0 0);white-space:nowrap}</style>' +
    '<noscript><style>.map-canvas{display:none}</style></noscript>',
);

interface RenderInput {
  locale: Locale;
  publicUrl: string;
  filters: PlaceFilters;
  pageNo: number;
  groups: CommuneGroup[];
  totals: { salesPoints: number; craftVillages: number; unplaced: number };
}

export function renderMapPage(input: RenderInput): string {
  const { locale, filters, groups } = input;
  const pages = Math.max(1, Math.ceil(groups.length / COMMUNES_PER_PAGE));
  const pageNo = Math.min(input.pageNo, pages);
  const shown = groups.slice((pageNo - 1) * COMMUNES_PER_PAGE, pageNo * COMMUNES_PER_PAGE);
  const hasScripts = clientBuild().loader !== null;
  // The island fetches the page's own language, at an address the head can preload alongside the scripts.
  const pointsUrl = `${MAP_POINTS_URL}?lang=${locale}`;
  const body = html`<h1>${t(locale, TEXT.title)}</h1>
    <p>
      ${fill(t(locale, TEXT.intro), {
        sp: formatNumber(locale, input.totals.salesPoints),
        cv: formatNumber(locale, input.totals.craftVillages),
      })}
    </p>
    ${
      input.totals.unplaced
        ? html`<p class="muted">
            ${fill(t(locale, TEXT.unplaced), { n: formatNumber(locale, input.totals.unplaced) })}
          </p>`
        : ''
    }
    <div
      data-island="map"
      data-points-url="${pointsUrl}"
      data-wards-url="${WARDS_URL}"
      data-labels="${JSON.stringify({ open: t(locale, TEXT.open) })}"
    >
      <h2 class="visually-hidden">${t(locale, TEXT.filters)}</h2>
      ${filterForm(locale, filters)}
      ${hasScripts ? html`<div class="map-canvas" role="region" aria-label="${t(locale, TEXT.mapLabel)}"></div>` : ''}
      <p role="status" class="muted"></p>
    </div>
    <section aria-labelledby="list-title">
      <h2 id="list-title">${t(locale, TEXT.listTitle)}</h2>
      <p class="muted">
        ${fill(t(locale, TEXT.listCount), {
          n: formatNumber(locale, groups.length),
          page: formatNumber(locale, pageNo),
          pages: formatNumber(locale, pages),
        })}
      </p>
      ${shown.length ? shown.map((g) => communeSection(locale, g)) : html`<p>${t(locale, TEXT.none)}</p>`}
      ${pager(locale, pageNo, pages, (n) => localePath(locale, '/map') + queryOf(filters, n))}
    </section>`;
  return page(
    {
      locale,
      path: '/map',
      title: t(locale, TEXT.title),
      description: t(locale, TEXT.description),
      publicUrl: input.publicUrl,
      query: queryOf(filters, pageNo),
      head: hasScripts
        ? html`${MAP_HEAD}<link rel="preload" href="${pointsUrl}" as="fetch" crossorigin /><link
              rel="preload"
              href="${WARDS_URL}"
              as="fetch"
              crossorigin
            />`
        : MAP_HEAD,
      scripts: islandScripts(),
    },
    body,
  );
}

/**
 * GET /vi/map and /en/map: the map over the 2025 wards when scripts run, and always the list of places by
 * commune, filtered by the same form. The data routes (map.routes.ts) are registered once by web.routes.ts.
 */
export const mapPageRoutes: LocalePlugin = (app, { locale }) => {
  app.get<{ Querystring: MapQueryT }>(
    '/map',
    { schema: { hide: true, querystring: MapQuery } },
    async (request, reply) => {
      const env = pageEnv(app, request, locale);
      const { places: all } = await placesOf(app, env.ctx);
      const filters = filtersOf(request.query);
      const markup = renderMapPage({
        locale,
        publicUrl: env.publicUrl,
        filters,
        pageNo: request.query.page ?? 1,
        groups: groupByCommune(all, filters),
        totals: {
          salesPoints: all.salesPoints.length,
          craftVillages: all.craftVillages.length,
          unplaced: all.unplaced,
        },
      });
      return sendPage(reply, markup);
    },
  );
  return Promise.resolve();
};
