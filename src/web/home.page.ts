import type { FastifyInstance } from 'fastify';
import type { Locale } from '../core/context.js';
import { placeStats, productStats } from '../stats/stats.repository.js';
import { formatNumber, t, type Text } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import { cardList, productCards, stars } from './components.js';
import { localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { searchForm } from './search.page.js';
import { organizationLd, websiteLd } from './seo.js';
import { fill, UI } from './web-i18n.js';
import {
  featuredProducts,
  featuredVillages,
  type ProductSummary,
  type VillageSummary,
} from './web.repository.js';

const TEXT = {
  title: {
    vi: 'OCOP Hà Nội — Sản phẩm OCOP, làng nghề và điểm bán',
    en: 'OCOP Hà Nội — OCOP products, craft villages and sales points',
  },
  description: {
    vi: 'Tra cứu sản phẩm OCOP của Hà Nội: số sao, giấy chứng nhận còn hiệu lực, làng nghề và nơi mua. Kiểm tra nhãn OCOP thật bằng mã QR.',
    en: "Look up Hà Nội's OCOP products: stars, valid certificates, craft villages and where to buy. Check that an OCOP label is genuine with its QR code.",
  },
  heading: { vi: 'Sản phẩm OCOP Hà Nội', en: 'OCOP products of Hà Nội' },
  intro: {
    vi: 'Mỗi sản phẩm OCOP được hội đồng đánh giá và xếp từ 3 đến 5 sao. Tại đây bạn tìm sản phẩm, xem giấy chứng nhận còn hiệu lực không và biết nơi mua.',
    en: 'Every OCOP product is assessed by a council and rated 3 to 5 stars. Here you can find products, check whether their certificate is still valid and see where to buy them.',
  },
  figures: { vi: 'Số liệu hôm nay', en: 'Figures today' },
  certified: { vi: 'sản phẩm OCOP', en: 'OCOP products' },
  starProducts: { vi: 'sản phẩm {n} sao', en: '{n}-star products' },
  villages: { vi: 'làng nghề', en: 'craft villages' },
  salesPoints: { vi: 'điểm bán', en: 'sales points' },
  featured: { vi: 'Sản phẩm tiêu biểu', en: 'Featured products' },
  featuredVillages: { vi: 'Làng nghề', en: 'Craft villages' },
  productsCount: { vi: '{n} sản phẩm', en: '{n} products' },
  moreStats: { vi: 'Xem thống kê chi tiết', en: 'See detailed statistics' },
  verifyTitle: { vi: 'Nhãn OCOP có thật không?', en: 'Is an OCOP label genuine?' },
  verifyText: {
    vi: 'Quét mã QR trên nhãn, hoặc nhập số giấy chứng nhận để biết còn hiệu lực hay không.',
    en: 'Scan the QR code on the label, or enter the certificate number to see whether it is still valid.',
  },
  selfAssessTitle: { vi: 'Tự đánh giá sản phẩm', en: 'Self-assess your product' },
  selfAssessText: {
    vi: 'Bạn là chủ thể OCOP? Chấm thử sản phẩm theo bộ tiêu chí của Quyết định 148/QĐ-TTg trước khi nộp hồ sơ: xem số sao ước tính và những gì còn thiếu để lên sao.',
    en: 'Are you an OCOP producer? Score your product on the criteria of Decision 148/QĐ-TTg before applying: see the estimated stars and what is missing for the next one.',
  },
  selfAssessLink: { vi: 'Bắt đầu tự đánh giá', en: 'Start a self-assessment' },
} satisfies Record<string, Text>;

interface HomeData {
  byStars: Array<{ stars: number; count: number }>;
  villages: number;
  salesPoints: number;
  products: ProductSummary[];
  featuredVillages: VillageSummary[];
}

/** The home page's data changes only with the registry (or the date): kept per app until the next write. */
const cache = new WeakMap<FastifyInstance, { key: string; data: HomeData }>();

async function homeData(app: FastifyInstance, env: PageEnv): Promise<HomeData> {
  const key = `${app.changeTracker.version()}|${env.today}`;
  const hit = cache.get(app);
  if (hit?.key === key) return hit.data;
  const [products, places, featured, villages] = await Promise.all([
    productStats(env.ctx, env.today),
    placeStats(env.ctx),
    featuredProducts(env.ctx, env.today),
    featuredVillages(env.ctx),
  ]);
  const data: HomeData = {
    byStars: products.byStars,
    villages: places.craftVillages.total,
    salesPoints: places.salesPoints.total,
    products: featured,
    featuredVillages: villages,
  };
  cache.set(app, { key, data });
  return data;
}

function figures(locale: Locale, d: HomeData): SafeHtml {
  const n = (v: number) => formatNumber(locale, v);
  const total = d.byStars.reduce((sum, s) => sum + s.count, 0);
  const starItems = [...d.byStars]
    .filter((s) => s.stars >= 3)
    .sort((a, b) => b.stars - a.stars)
    .map(
      (s) =>
        html`<li>
          <strong>${n(s.count)}</strong> ${fill(t(locale, TEXT.starProducts), { n: s.stars })}
          ${stars(locale, s.stars)}
        </li>`,
    );
  return html`<section aria-labelledby="figures">
    <h2 id="figures">${t(locale, TEXT.figures)}</h2>
    <ul class="figures">
      <li><strong>${n(total)}</strong> ${t(locale, TEXT.certified)}</li>
      ${starItems}
      <li><strong>${n(d.villages)}</strong> ${t(locale, TEXT.villages)}</li>
      <li><strong>${n(d.salesPoints)}</strong> ${t(locale, TEXT.salesPoints)}</li>
    </ul>
    <p><a href="${localePath(locale, '/stats')}">${t(locale, TEXT.moreStats)}</a></p>
  </section>`;
}

function villageCards(locale: Locale, villages: readonly VillageSummary[]): SafeHtml {
  return cardList(
    locale,
    villages.map((v) => ({
      href: localePath(locale, `/craft-villages/${encodeURIComponent(v.id)}`),
      title: v.name,
      lines: [
        `${v.craft} · ${v.communeName}`,
        fill(t(locale, TEXT.productsCount), { n: formatNumber(locale, v.productCount) }),
      ],
    })),
  );
}

function homeBody(locale: Locale, d: HomeData): SafeHtml {
  return html`<h1>${t(locale, TEXT.heading)}</h1>
    <p>${t(locale, TEXT.intro)}</p>
    ${searchForm(locale, {})} ${figures(locale, d)}
    <section aria-labelledby="featured">
      <h2 id="featured">${t(locale, TEXT.featured)}</h2>
      ${productCards(locale, d.products)}
    </section>
    <section aria-labelledby="verify">
      <h2 id="verify">${t(locale, TEXT.verifyTitle)}</h2>
      <p>${t(locale, TEXT.verifyText)}</p>
      <p><a class="button" href="${localePath(locale, '/verify')}">${t(locale, UI.verify)}</a></p>
    </section>
    <section aria-labelledby="self-assessment">
      <h2 id="self-assessment">${t(locale, TEXT.selfAssessTitle)}</h2>
      <p>${t(locale, TEXT.selfAssessText)}</p>
      <p>
        <a class="button" href="${localePath(locale, '/self-assessment')}"
          >${t(locale, TEXT.selfAssessLink)}</a
        >
      </p>
    </section>
    <section aria-labelledby="villages">
      <h2 id="villages">${t(locale, TEXT.featuredVillages)}</h2>
      ${villageCards(locale, d.featuredVillages)}
    </section>`;
}

export const homePage: LocalePlugin = (app, { locale }) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const data = await homeData(app, env);
    const markup = page(
      {
        locale,
        path: '/',
        title: t(locale, TEXT.title),
        description: t(locale, TEXT.description),
        publicUrl: env.publicUrl,
        jsonLd: [websiteLd(env), organizationLd(env)],
        // The search box's suggestions island.
        scripts: islandScripts(),
      },
      homeBody(locale, data),
    );
    return sendPage(reply, markup);
  });
  return Promise.resolve();
};
