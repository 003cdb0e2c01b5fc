import type { ProductDto } from '../catalog/product.presenter.js';
import { salesPointsStocking } from '../catalog/product.repository.js';
import { getProduct } from '../catalog/product.service.js';
import type { Locale } from '../core/context.js';
import { IdParams } from '../http/schemas.js';
import { formatDate, formatMoney, t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import {
  certificateBadge,
  demoNote,
  facts,
  hasBadge,
  link,
  miniMap,
  productImage,
  stars,
  type MapPoint,
} from './components.js';
import { absoluteUrl, defaultOgImageUrl, localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { qrSvg } from './qr.js';
import { productLd } from './seo.js';
import { stockOf } from './shop.repository.js';
import { buyBox } from './shop.view.js';
import { signedVerifyPath } from './verification.js';

const TEXT = {
  producer: { vi: 'Chủ thể sản xuất', en: 'Producer' },
  village: { vi: 'Làng nghề', en: 'Craft village' },
  commune: { vi: 'Xã, phường', en: 'Commune or ward' },
  sector: { vi: 'Nhóm sản phẩm', en: 'Product group' },
  scorecard: { vi: 'Bộ tiêu chí đánh giá', en: 'Assessed against' },
  price: { vi: 'Giá tham khảo', en: 'Indicative price' },
  certificate: { vi: 'Giấy chứng nhận OCOP', en: 'OCOP certificate' },
  number: { vi: 'Số giấy chứng nhận', en: 'Certificate number' },
  level: { vi: 'Cấp công nhận', en: 'Certified by' },
  score: { vi: 'Điểm đánh giá', en: 'Score' },
  issued: { vi: 'Ngày cấp', en: 'Issued on' },
  expires: { vi: 'Ngày hết hạn', en: 'Expires on' },
  notCertified: {
    vi: 'Sản phẩm này chưa có giấy chứng nhận OCOP.',
    en: 'This product has no OCOP certificate.',
  },
  whereToBuy: { vi: 'Nơi mua', en: 'Where to buy' },
  noShop: {
    vi: 'Chưa có điểm bán nào đăng ký bán sản phẩm này. Hãy liên hệ chủ thể sản xuất.',
    en: 'No sales point has registered this product yet. Please contact the producer.',
  },
  share: { vi: 'Chia sẻ', en: 'Share' },
  facebook: { vi: 'Chia sẻ lên Facebook', en: 'Share on Facebook' },
  zalo: { vi: 'Chia sẻ qua Zalo', en: 'Share on Zalo' },
  copy: { vi: 'Liên kết đến trang này', en: 'Link to this page' },
  certificateExpired: {
    vi: 'Giấy chứng nhận OCOP đã hết hạn: không bán trực tuyến.',
    en: 'The OCOP certificate has expired: not sold online.',
  },
  certificateRevoked: {
    vi: 'Giấy chứng nhận OCOP đã bị thu hồi: không bán trực tuyến.',
    en: 'The OCOP certificate has been revoked: not sold online.',
  },
  noCertificate: {
    vi: 'Sản phẩm chưa có giấy chứng nhận OCOP còn hiệu lực: không bán trực tuyến.',
    en: 'The product has no OCOP certificate in force: not sold online.',
  },
  noPrice: { vi: 'Sản phẩm chưa bán trực tuyến.', en: 'Not sold online yet.' },
  outOfStock: { vi: 'Tạm hết hàng', en: 'Out of stock' },
  qr: { vi: 'Mã QR kiểm tra chứng nhận', en: 'Certificate check QR code' },
  qrText: {
    vi: 'Quét mã này (in trên nhãn sản phẩm) để kiểm tra giấy chứng nhận là thật và còn hiệu lực:',
    en: 'Scan this code (printed on the label) to check that the certificate is genuine and valid:',
  },
  description: {
    vi: '{name} — sản phẩm OCOP {stars} sao của {producer}. Giấy chứng nhận, nơi mua và mã QR kiểm tra.',
    en: '{name} — a {stars}-star OCOP product by {producer}. Certificate, where to buy and check QR code.',
  },
  descriptionPlain: {
    vi: '{name} của {producer}: thông tin sản phẩm, giấy chứng nhận OCOP và nơi mua.',
    en: '{name} by {producer}: product details, OCOP certificate and where to buy.',
  },
} satisfies Record<string, Text>;

const LEVEL: Record<string, Text> = {
  district: { vi: 'Cấp huyện', en: 'District council' },
  province: { vi: 'Cấp thành phố', en: 'City council' },
  central: { vi: 'Cấp trung ương', en: 'Central council' },
};

type Shop = Awaited<ReturnType<typeof salesPointsStocking>>[number];

function certificateFacts(locale: Locale, p: ProductDto, verifyPath: string | null): SafeHtml {
  const c = p.certificate;
  if (!c) return html`<p class="notice info">${t(locale, TEXT.notCertified)}</p>`;
  const level = LEVEL[c.level];
  return html`<h2>${t(locale, TEXT.certificate)}</h2>
    ${certificateBadge(locale, c)}
    ${facts([
      [t(locale, TEXT.number), verifyPath ? html`<a href="${verifyPath}">${c.number}</a>` : c.number],
      [t(locale, TEXT.level), level ? t(locale, level) : c.level],
      [
        t(locale, TEXT.score),
        c.score === null ? null : c.score.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'),
      ],
      [t(locale, TEXT.issued), formatDate(locale, c.issuedOn)],
      [t(locale, TEXT.expires), formatDate(locale, c.expiresOn)],
    ])}`;
}

function whereToBuy(locale: Locale, shops: readonly Shop[]): SafeHtml {
  const points: MapPoint[] = shops.flatMap((s) =>
    s.latitude !== null && s.longitude !== null
      ? [
          {
            id: s.id,
            name: s.name,
            lat: s.latitude,
            lon: s.longitude,
            url: localePath(locale, `/sales-points/${encodeURIComponent(s.id)}`),
          },
        ]
      : [],
  );
  const list = shops.length
    ? html`<ul class="places">
        ${shops.map((s) => html`<li>${link(locale, `/sales-points/${encodeURIComponent(s.id)}`, s.name)}<br /><span class="muted">${s.address}</span></li>`)}
      </ul>`
    : html`<p>${t(locale, TEXT.noShop)}</p>`;
  return html`<section aria-labelledby="buy">
    <h2 id="buy">${t(locale, TEXT.whereToBuy)}</h2>
    ${list}${miniMap(points)}
  </section>`;
}

function shareLinks(locale: Locale, url: string): SafeHtml {
  const fb = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
  const zalo = `https://sp.zalo.me/share_inline?url=${encodeURIComponent(url)}`;
  return html`<section aria-labelledby="share">
    <h2 id="share">${t(locale, TEXT.share)}</h2>
    <ul class="share">
      <li>
        <a class="button secondary" href="${fb}" rel="noopener" target="_blank"
          >${t(locale, TEXT.facebook)}</a
        >
      </li>
      <li>
        <a class="button secondary" href="${zalo}" rel="noopener" target="_blank">${t(locale, TEXT.zalo)}</a>
      </li>
      <li><a class="button secondary" href="${url}" data-copy-link>${t(locale, TEXT.copy)}</a></li>
    </ul>
  </section>`;
}

async function qrSection(locale: Locale, absoluteVerifyUrl: string): Promise<SafeHtml> {
  const svg = (await qrSvg(absoluteVerifyUrl)).replace(
    '<svg ',
    `<svg class="qr" role="img" aria-label="${t(locale, TEXT.qr)}" `,
  );
  // The SVG comes from the qrcode library (no user text inside); the label is our own constant.
  return html`<section aria-labelledby="qr">
    <h2 id="qr">${t(locale, TEXT.qr)}</h2>
    ${raw(svg)}
    <p>${t(locale, TEXT.qrText)} <a href="${absoluteVerifyUrl}">${absoluteVerifyUrl}</a></p>
  </section>`;
}

/** The other photos, small, each opening full size (a plain link: no script needed). */
function gallery(p: ProductDto): SafeHtml | '' {
  const more = p.images.slice(1, 9);
  if (!more.length) return '';
  return html`<ul class="share">
    ${more.map(
      (src, i) =>
        html`<li>
          <a href="${src}"
            ><img
              class="thumb"
              src="${src}"
              alt="${`${p.name} (${String(i + 2)})`}"
              width="72"
              height="72"
              loading="lazy"
              decoding="async"
          /></a>
        </li>`,
    )}
  </ul>`;
}

function describe(locale: Locale, p: ProductDto, badge: boolean): string {
  const template = badge && p.stars ? TEXT.description : TEXT.descriptionPlain;
  return t(locale, template)
    .replace('{name}', p.name)
    .replace('{stars}', String(p.stars ?? ''))
    .replace('{producer}', p.producer.name);
}

/**
 * Why the product cannot be bought online, in one line; null when it can: sold online with a price, a certificate
 * in force (valid or expiring) and units in stock. The certificate comes first: a price does not make it sellable.
 */
function notSellable(p: ProductDto, stock: number): Text | null {
  const status = p.certificate?.status;
  if (status === 'expired') return TEXT.certificateExpired;
  if (status === 'revoked') return TEXT.certificateRevoked;
  if (status !== 'valid' && status !== 'expiring') return TEXT.noCertificate;
  if (p.priceVnd === null) return TEXT.noPrice;
  return stock > 0 ? null : TEXT.outOfStock;
}

function buyOrWhy(locale: Locale, p: ProductDto, stock: number): SafeHtml {
  const why = notSellable(p, stock);
  return why === null
    ? buyBox(locale, p.id, true)
    : html`<p class="muted" data-not-sold>${t(locale, why)}</p>`;
}

async function productBody(
  env: PageEnv,
  p: ProductDto,
  shops: readonly Shop[],
  stock: number,
): Promise<SafeHtml> {
  const { locale } = env;
  const c = p.certificate;
  const badge = c !== null && hasBadge(c.status);
  const verifyPath = c ? signedVerifyPath(locale, env.secret, c.number, p.id) : null;
  const canonical = env.urls.product(p.id);
  return html`<div class="hero">
      <div>${productImage(locale, p.images, p.name)}${gallery(p)}</div>
      <div>
        <h1>${p.name}</h1>
        ${badge ? html`<p>${stars(locale, p.stars)}</p>` : ''} ${demoNote(locale, p.demo)}
        ${p.description ? html`<p>${p.description}</p>` : ''}
        ${facts([
          [
            t(locale, TEXT.producer),
            link(locale, `/producers/${encodeURIComponent(p.producer.id)}`, p.producer.name),
          ],
          [
            t(locale, TEXT.village),
            p.craftVillage
              ? link(locale, `/craft-villages/${encodeURIComponent(p.craftVillage.id)}`, p.craftVillage.name)
              : null,
          ],
          [t(locale, TEXT.commune), p.commune.name],
          [t(locale, TEXT.sector), p.sector.name],
          [t(locale, TEXT.scorecard), p.scorecard.name],
          [
            t(locale, TEXT.price),
            p.priceVnd === null ? null : `${formatMoney(locale, p.priceVnd)}${p.unit ? ` / ${p.unit}` : ''}`,
          ],
        ])}
        ${buyOrWhy(locale, p, stock)}
      </div>
    </div>
    ${certificateFacts(locale, p, verifyPath)} ${whereToBuy(locale, shops)} ${shareLinks(locale, canonical)}
    ${verifyPath ? await qrSection(locale, absoluteUrl(env.publicUrl, verifyPath)) : ''}`;
}

export const productPage: LocalePlugin = (app, { locale }) => {
  app.get('/products/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const { id } = request.params as { id: string };
    const [product, shops, stock] = await Promise.all([
      getProduct(env.ctx, id, env.urls),
      salesPointsStocking(env.ctx, id),
      stockOf(env.ctx, id),
    ]);
    const badge = product.certificate !== null && hasBadge(product.certificate.status);
    const image = product.images[0] ?? defaultOgImageUrl();
    const markup = page(
      {
        locale,
        path: `/products/${encodeURIComponent(id)}`,
        title: product.name,
        description: describe(locale, product, badge),
        publicUrl: env.publicUrl,
        image,
        imageAlt: product.name,
        ogType: 'product',
        jsonLd: productLd(env, product, image),
        scripts: shops.length ? islandScripts() : [],
      },
      await productBody(env, product, shops, stock),
    );
    return sendPage(reply, markup);
  });
  return Promise.resolve();
};
