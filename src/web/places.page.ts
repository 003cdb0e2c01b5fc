import type { ProducerDto } from '../catalog/producer.presenter.js';
import { getProducer } from '../catalog/producer.service.js';
import type { Locale } from '../core/context.js';
import { IdParams } from '../http/schemas.js';
import type { SalesPointDto } from '../sales-points/sales-point.presenter.js';
import { getSalesPoint } from '../sales-points/sales-point.service.js';
import { formatNumber, t, type Text } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import type { CraftVillageDto } from '../villages/craft-village.presenter.js';
import { getCraftVillage } from '../villages/craft-village.service.js';
import { islandScripts } from './client-assets.js';
import { coordinates, demoNote, facts, link, miniMap, productCards, type MapPoint } from './components.js';
import { localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { producerLd, salesPointLd, villageLd } from './seo.js';
import { fill } from './web-i18n.js';
import {
  formerUnitsOf,
  productSummaries,
  salesPointsOfVillage,
  type ProductSummary,
} from './web.repository.js';

/** The pages of producers, craft villages and sales points: who and where, hours, their products, a map. */
const TEXT = {
  producer: { vi: 'Chủ thể OCOP', en: 'OCOP producer' },
  legalForm: { vi: 'Loại hình', en: 'Legal form' },
  registration: { vi: 'Mã số đăng ký', en: 'Registration number' },
  representative: { vi: 'Người đại diện', en: 'Representative' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  oldAddress: { vi: 'Địa chỉ trước sáp nhập', en: 'Address before the 2025 merger' },
  commune: { vi: 'Xã, phường (từ 1/7/2025)', en: 'Commune or ward (since 1 Jul 2025)' },
  formerly: { vi: 'Trước đây thuộc', en: 'Formerly' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  website: { vi: 'Trang web', en: 'Website' },
  products: { vi: 'Sản phẩm ({n})', en: 'Products ({n})' },
  noProducts: { vi: 'Chưa có sản phẩm nào.', en: 'No product yet.' },
  craft: { vi: 'Nghề', en: 'Craft' },
  recognized: { vi: 'Công nhận', en: 'Recognition' },
  recognizedAs: {
    vi: 'Làng nghề được công nhận, quyết định {d} năm {y}',
    en: 'Recognized, decision {d} of {y}',
  },
  notRecognized: { vi: 'Chưa được công nhận', en: 'Not yet recognized' },
  traditional: { vi: 'Làng nghề truyền thống', en: 'Traditional craft village' },
  villageSales: { vi: 'Điểm bán tại làng nghề', en: 'Sales points in the village' },
  type: { vi: 'Loại điểm bán', en: 'Kind of sales point' },
  hours: { vi: 'Giờ mở cửa', en: 'Opening hours' },
  hoursUnknown: { vi: 'Chưa cập nhật, hãy gọi trước khi đến', en: 'Not given; please call before visiting' },
  operator: { vi: 'Đơn vị vận hành', en: 'Operator' },
  location: { vi: 'Tọa độ', en: 'Coordinates' },
  villageOf: { vi: 'Thuộc làng nghề', en: 'In the craft village' },
  villageDescription: {
    vi: '{name} ({craft}), {commune}: sản phẩm OCOP, điểm bán và thông tin làng nghề.',
    en: '{name} ({craft}), {commune}: OCOP products, sales points and village details.',
  },
  producerDescription: {
    vi: '{name}, {commune}: địa chỉ, liên hệ và các sản phẩm OCOP.',
    en: '{name}, {commune}: address, contact and OCOP products.',
  },
  salesPointDescription: {
    vi: '{name}: điểm bán sản phẩm OCOP tại {address}. Giờ mở cửa và sản phẩm có bán.',
    en: '{name}: OCOP sales point at {address}. Opening hours and products on sale.',
  },
} satisfies Record<string, Text>;

function communeFacts(locale: Locale, commune: string, former: readonly string[]): Array<[string, string]> {
  return [
    [t(locale, TEXT.commune), commune],
    [t(locale, TEXT.formerly), former.join(', ')],
  ];
}

function productsSection(locale: Locale, total: number, products: readonly ProductSummary[]): SafeHtml {
  return html`<section aria-labelledby="products">
    <h2 id="products">${fill(t(locale, TEXT.products), { n: formatNumber(locale, total) })}</h2>
    ${products.length ? productCards(locale, products) : html`<p>${t(locale, TEXT.noProducts)}</p>`}
  </section>`;
}

const spPath = (id: string) => `/sales-points/${encodeURIComponent(id)}`;

function producerBody(
  locale: Locale,
  p: ProducerDto,
  former: string[],
  products: ProductSummary[],
): SafeHtml {
  const site = p.website ? html`<a href="${p.website}" rel="nofollow noopener">${p.website}</a>` : null;
  return html`<p class="muted">${t(locale, TEXT.producer)}</p>
    <h1>${p.name}</h1>
    ${demoNote(locale, p.demo)}
    ${facts([
      [t(locale, TEXT.legalForm), p.legalForm.name],
      [t(locale, TEXT.registration), p.registrationNumber],
      [t(locale, TEXT.representative), p.representative],
      [t(locale, TEXT.address), p.address],
      [t(locale, TEXT.oldAddress), p.oldAddress],
      ...communeFacts(locale, p.commune.name, former),
      [
        t(locale, TEXT.phone),
        p.phone ? html`<a href="${`tel:${p.phone.replace(/[^+\d]/g, '')}`}">${p.phone}</a>` : null,
      ],
      [t(locale, TEXT.email), p.email ? html`<a href="${`mailto:${p.email}`}">${p.email}</a>` : null],
      [t(locale, TEXT.website), site],
    ])}
    ${productsSection(locale, p.productCount, products)}`;
}

function villageBody(
  locale: Locale,
  v: CraftVillageDto,
  former: string[],
  products: ProductSummary[],
  shops: Awaited<ReturnType<typeof salesPointsOfVillage>>,
): SafeHtml {
  const recognition = v.recognized
    ? fill(t(locale, TEXT.recognizedAs), { d: v.recognitionDecision ?? '', y: v.recognitionYear ?? '' })
    : t(locale, TEXT.notRecognized);
  const points: MapPoint[] = shops.flatMap((s) =>
    s.latitude !== null && s.longitude !== null
      ? [{ id: s.id, name: s.name, lat: s.latitude, lon: s.longitude, url: localePath(locale, spPath(s.id)) }]
      : [],
  );
  return html`<p class="muted">${v.traditional ? t(locale, TEXT.traditional) : t(locale, TEXT.craft)}</p>
    <h1>${v.name}</h1>
    ${demoNote(locale, v.demo)} ${v.description ? html`<p>${v.description}</p>` : ''}
    ${facts([[t(locale, TEXT.craft), v.craft], [t(locale, TEXT.recognized), recognition], ...communeFacts(locale, v.commune.name, former)])}
    ${
      shops.length
        ? html`<section aria-labelledby="shops">
            <h2 id="shops">${t(locale, TEXT.villageSales)}</h2>
            <ul class="places">
              ${shops.map((s) => html`<li>${link(locale, spPath(s.id), s.name)}<br /><span class="muted">${s.address}</span></li>`)}
            </ul>
            ${miniMap(points)}
          </section>`
        : ''
    }
    ${productsSection(locale, v.productCount, products)}`;
}

function salesPointBody(
  locale: Locale,
  s: SalesPointDto,
  former: string[],
  products: ProductSummary[],
): SafeHtml {
  const point = s.location
    ? miniMap([
        {
          id: s.id,
          name: s.name,
          lat: s.location.lat,
          lon: s.location.lon,
          url: localePath(locale, spPath(s.id)),
        },
      ])
    : '';
  return html`<p class="muted">${s.locationType.name}</p>
    <h1>${s.name}</h1>
    ${demoNote(locale, s.demo)}
    ${facts([
      [t(locale, TEXT.address), s.address],
      ...communeFacts(locale, s.commune.name, former),
      [t(locale, TEXT.hours), s.openingHours ?? t(locale, TEXT.hoursUnknown)],
      [t(locale, TEXT.type), s.locationType.name],
      [t(locale, TEXT.operator), s.operator],
      [
        t(locale, TEXT.phone),
        s.phone ? html`<a href="${`tel:${s.phone.replace(/[^+\d]/g, '')}`}">${s.phone}</a>` : null,
      ],
      [t(locale, TEXT.email), s.email ? html`<a href="${`mailto:${s.email}`}">${s.email}</a>` : null],
      [
        t(locale, TEXT.website),
        s.website ? html`<a href="${s.website}" rel="nofollow noopener">${s.website}</a>` : null,
      ],
      [
        t(locale, TEXT.villageOf),
        s.craftVillage
          ? link(locale, `/craft-villages/${encodeURIComponent(s.craftVillage.id)}`, s.craftVillage.name)
          : null,
      ],
      [t(locale, TEXT.location), s.location ? coordinates(locale, s.location.lat, s.location.lon) : null],
    ])}
    ${point} ${productsSection(locale, s.productCount, products)}`;
}

function render(
  env: PageEnv,
  path: string,
  title: string,
  description: string,
  jsonLd: unknown,
  body: SafeHtml,
  map: boolean,
) {
  return page(
    {
      locale: env.locale,
      path,
      title,
      description,
      publicUrl: env.publicUrl,
      jsonLd,
      scripts: map ? islandScripts() : [],
    },
    body,
  );
}

const fillText = (locale: Locale, text: Text, values: Record<string, string>) =>
  fill(t(locale, text), values);

export const placesPages: LocalePlugin = (app, { locale }) => {
  app.get('/producers/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const { id } = request.params as { id: string };
    const p = await getProducer(env.ctx, id, env.urls);
    const [former, products] = await Promise.all([
      formerUnitsOf(env.ctx, p.commune.id),
      productSummaries(env.ctx, { producer: id }, env.today),
    ]);
    const description = fillText(locale, TEXT.producerDescription, { name: p.name, commune: p.commune.name });
    const body = producerBody(locale, p, former, products);
    return sendPage(
      reply,
      render(
        env,
        `/producers/${encodeURIComponent(id)}`,
        p.name,
        description,
        producerLd(env, p),
        body,
        false,
      ),
    );
  });

  app.get('/craft-villages/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const { id } = request.params as { id: string };
    const v = await getCraftVillage(env.ctx, id, env.urls);
    const [former, products, shops] = await Promise.all([
      formerUnitsOf(env.ctx, v.commune.id),
      productSummaries(env.ctx, { craftVillage: id }, env.today),
      salesPointsOfVillage(env.ctx, id),
    ]);
    const description = fillText(locale, TEXT.villageDescription, {
      name: v.name,
      craft: v.craft,
      commune: v.commune.name,
    });
    const body = villageBody(locale, v, former, products, shops);
    return sendPage(
      reply,
      render(
        env,
        `/craft-villages/${encodeURIComponent(id)}`,
        v.name,
        description,
        villageLd(env, v),
        body,
        shops.length > 0,
      ),
    );
  });

  app.get('/sales-points/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const { id } = request.params as { id: string };
    const s = await getSalesPoint(env.ctx, id, env.urls);
    const [former, products] = await Promise.all([
      formerUnitsOf(env.ctx, s.commune.id),
      productSummaries(env.ctx, { salesPoint: id }, env.today),
    ]);
    const description = fillText(locale, TEXT.salesPointDescription, { name: s.name, address: s.address });
    const body = salesPointBody(locale, s, former, products);
    return sendPage(
      reply,
      render(env, spPath(id), s.name, description, salesPointLd(env, s), body, s.location !== null),
    );
  });
  return Promise.resolve();
};
