import { todayInVietnam } from '../core/clock.js';
import type { Ctx, Locale } from '../core/context.js';
import { productStats } from '../stats/stats.repository.js';
import { formatNumber, t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import { page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv } from './page-context.js';
import { wardsByCode } from './map.service.js';
import { certificatesByYear } from './stats.repository.js';
import { fill } from './web-i18n.js';

const TEXT = {
  title: { vi: 'Thống kê sản phẩm OCOP Hà Nội', en: 'OCOP statistics for Hà Nội' },
  description: {
    vi: 'Sản phẩm OCOP được chứng nhận theo hạng sao, ngành, năm chứng nhận và theo xã, phường.',
    en: 'Certified OCOP products by stars, sector, year of certification and commune or ward.',
  },
  intro: {
    vi: '{n} sản phẩm được chứng nhận từ 3 sao trở lên (không tính chứng nhận bị thu hồi). Số liệu ngày {date}.',
    en: '{n} products certified 3 stars or more (revoked certificates left out). Figures as of {date}.',
  },
  byStars: { vi: 'Sản phẩm theo hạng sao', en: 'Products by stars' },
  bySector: { vi: 'Sản phẩm theo ngành', en: 'Products by sector' },
  byYear: { vi: 'Chứng nhận cấp theo năm', en: 'Certificates issued per year' },
  byYearNote: {
    vi: 'Mỗi lần cấp mới hoặc cấp lại giấy chứng nhận từ 3 sao được tính một lần.',
    en: 'Each certificate of 3 stars or more issued or renewed counts once.',
  },
  byWard: { vi: 'Sản phẩm theo xã, phường (2025)', en: 'Products by commune or ward (2025)' },
  byWardNote: {
    vi: 'Ranh giới 126 xã, phường của Hà Nội từ ngày 1/7/2025. Màu càng đậm, càng nhiều sản phẩm.',
    en: 'The 126 communes and wards of Hà Nội from 1 July 2025. The darker, the more products.',
  },
  wardTable: { vi: 'Bảng số liệu theo xã, phường ({n})', en: 'Figures by commune or ward ({n})' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  sector: { vi: 'Ngành', en: 'Sector' },
  year: { vi: 'Năm', en: 'Year' },
  ward: { vi: 'Xã, phường', en: 'Commune or ward' },
  products: { vi: 'Sản phẩm', en: 'Products' },
  certificates: { vi: 'Giấy chứng nhận', en: 'Certificates' },
  total: { vi: 'Tổng', en: 'Total' },
  chartOf: {
    vi: 'Biểu đồ: {title}. Số liệu trong bảng bên dưới.',
    en: 'Chart: {title}. Figures in the table below.',
  },
  starLabel: { vi: '{n} sao', en: '{n} stars' },
  none: { vi: 'Chưa có số liệu.', en: 'No figures yet.' },
} satisfies Record<string, Text>;

interface Row {
  label: string;
  count: number;
}

interface StatsData {
  asOf: string;
  total: number;
  byStars: Row[];
  bySector: Row[];
  byYear: Row[];
  byWard: Array<Row & { code: string }>;
}

async function loadStats(ctx: Ctx): Promise<StatsData> {
  const today = todayInVietnam(ctx.clock);
  const [products, years] = await Promise.all([productStats(ctx, today), certificatesByYear(ctx)]);
  const counts = new Map(products.byCommune.map((c) => [c.id, c.count]));
  const en = ctx.locale === 'en';
  const byWard = [...wardsByCode().values()]
    .map((w) => ({ code: w.code, label: en ? w.fullNameEn : w.fullName, count: counts.get(w.code) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, ctx.locale));
  return {
    asOf: today,
    total: products.byStars.reduce((sum, s) => sum + s.count, 0),
    byStars: products.byStars.map((s) => ({
      label: fill(t(ctx.locale, TEXT.starLabel), { n: s.stars }),
      count: s.count,
    })),
    bySector: products.bySector.map((s) => ({ label: en ? s.nameEn : s.nameVi, count: s.count })),
    byYear: years.map((y) => ({ label: String(y.year), count: y.count })),
    byWard,
  };
}

function table(locale: Locale, caption: string, head: Text, unit: Text, rows: readonly Row[]): SafeHtml {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return html`<table>
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t(locale, head)}</th>
        <th scope="col" class="num">${t(locale, unit)}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.label}</th>
            <td class="num">${formatNumber(locale, r.count)}</td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">${t(locale, TEXT.total)}</th>
        <td class="num">${formatNumber(locale, total)}</td>
      </tr>
    </tfoot>
  </table>`;
}

/** A chart (server-drawn SVG) with the tooltips its island shows; decorative for screen readers (the table is not). */
function chart(locale: Locale, title: string, svg: string, rows: readonly Row[]): SafeHtml {
  const tips = [rows.map((r) => `${r.label}: ${formatNumber(locale, r.count)}`)];
  return html`<div
    class="chart"
    data-island="charts"
    data-tips="${JSON.stringify(tips)}"
    role="img"
    aria-label="${fill(t(locale, TEXT.chartOf), { title })}"
  >
    ${raw(svg)}
  </div>`;
}

function section(id: string, title: string, body: SafeHtml, note?: string): SafeHtml {
  return html`<section class="stat" aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${note ? html`<p class="muted">${note}</p>` : ''} ${body}
  </section>`;
}

const STATS_HEAD = raw(
  '<style>.stat{margin:0 0 2rem}.chart{max-width:40rem;margin:0 0 1rem}.chart svg{display:block;width:100%;height:auto}' +
    '.num{text-align:right;font-variant-numeric:tabular-nums}' +
    '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
    '@media (min-width:60rem){.stat-pair{display:grid;grid-template-columns:minmax(0,40rem) minmax(0,1fr);gap:1.5rem;align-items:start}}</style>',
);

/** The charts' module (echarts, ≈ 0.6 s to load): imported by the first stats page, not by every start. */
type Charts = typeof import('./stats.charts.js');
let charts: Promise<Charts> | undefined;

export function renderStatsPage(
  locale: Locale,
  publicUrl: string,
  data: StatsData,
  { barChart, choropleth, pieChart }: Charts,
): string {
  const fmt = (n: number) => formatNumber(locale, n);
  const pair = (title: string, svg: string, rows: Row[], head: Text, unit: Text) =>
    rows.length
      ? html`<div class="stat-pair">
          ${chart(locale, title, svg, rows)} ${table(locale, title, head, unit, rows)}
        </div>`
      : html`<p>${t(locale, TEXT.none)}</p>`;
  const T = (x: Text) => t(locale, x);
  const starsSvg = barChart({
    categories: data.byStars.map((r) => r.label),
    values: data.byStars.map((r) => r.count),
    format: fmt,
  });
  const sectorSvg = pieChart({
    items: data.bySector.map((r) => ({ name: r.label, value: r.count })),
    format: fmt,
  });
  const yearSvg = barChart({
    categories: data.byYear.map((r) => r.label),
    values: data.byYear.map((r) => r.count),
    format: fmt,
    color: '#8a4b00',
  });
  const wardSvg = choropleth({
    wards: [...wardsByCode().values()],
    counts: new Map(data.byWard.map((w) => [w.code, w.count])),
    format: fmt,
  });
  const wardRows = [...wardsByCode().values()].map(
    (w) => data.byWard.find((r) => r.code === w.code) ?? { label: w.fullName, count: 0 },
  );
  const body = html`<h1>${T(TEXT.title)}</h1>
    <p>${fill(T(TEXT.intro), { n: fmt(data.total), date: data.asOf.split('-').reverse().join('/') })}</p>
    ${section('by-stars', T(TEXT.byStars), pair(T(TEXT.byStars), starsSvg, data.byStars, TEXT.stars, TEXT.products))}
    ${section('by-sector', T(TEXT.bySector), pair(T(TEXT.bySector), sectorSvg, data.bySector, TEXT.sector, TEXT.products))}
    ${section('by-year', T(TEXT.byYear), pair(T(TEXT.byYear), yearSvg, data.byYear, TEXT.year, TEXT.certificates), T(TEXT.byYearNote))}
    ${section(
      'by-ward',
      T(TEXT.byWard),
      html`${chart(locale, T(TEXT.byWard), wardSvg, wardRows)}
        <details>
          <summary>${fill(T(TEXT.wardTable), { n: fmt(data.byWard.length) })}</summary>
          ${table(locale, T(TEXT.byWard), TEXT.ward, TEXT.products, data.byWard)}
        </details>`,
      T(TEXT.byWardNote),
    )}`;
  return page(
    {
      locale,
      path: '/stats',
      title: T(TEXT.title),
      description: T(TEXT.description),
      publicUrl,
      head: STATS_HEAD,
      scripts: islandScripts(),
    },
    body,
  );
}

const memos = new WeakMap<object, Map<Locale, { key: string; markup: string }>>();

/** GET /vi/stats and /en/stats: rendered once per language, registry version and day. */
export const statsPageRoutes: LocalePlugin = (app, { locale }) => {
  app.get('/stats', { schema: { hide: true } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    let memo = memos.get(app.changeTracker);
    if (!memo) memos.set(app.changeTracker, (memo = new Map<Locale, { key: string; markup: string }>()));
    const key = `${app.changeTracker.version()}|${env.today}`;
    let hit = memo.get(locale);
    if (hit?.key !== key) {
      hit = {
        key,
        markup: renderStatsPage(
          locale,
          env.publicUrl,
          await loadStats(env.ctx),
          await (charts ??= import('./stats.charts.js')),
        ),
      };
      memo.set(locale, hit);
    }
    return sendPage(reply, hit.markup);
  });
  return Promise.resolve();
};
