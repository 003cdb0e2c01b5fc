import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../accounts/policy.js';
import { staffProduct } from '../catalog/catalog-staff.service.js';
import type { ProductDto } from '../catalog/product.presenter.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import type { Ctx } from '../core/context.js';
import { publicUrls } from '../core/public-urls.js';
import { MAX_IMAGES_PER_PRODUCT, productImages } from '../media/image.service.js';
import { formatDate, formatMoney, formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { requireStaff } from './bo-context.js';
import { CAT, CERTIFICATE_STATUS } from './catalog-ui.js';
import { boPage, csrfField, type BoView } from './layout.js';

const BASE = '/admin/products';

const TXT = {
  images: { vi: 'Ảnh sản phẩm', en: 'Product images' },
  upload: { vi: 'Tải ảnh lên', en: 'Upload an image' },
  file: {
    vi: 'Tệp ảnh (JPEG, PNG hoặc WebP, tối đa 10 MB)',
    en: 'Image file (JPEG, PNG or WebP, up to 10 MB)',
  },
  alt: { vi: 'Mô tả ảnh (cho người khiếm thị)', en: 'Image description (for blind readers)' },
  remove: { vi: 'Xóa ảnh', en: 'Remove image' },
  full: {
    vi: `Sản phẩm đã có đủ ${String(MAX_IMAGES_PER_PRODUCT)} ảnh; xóa một ảnh để thêm ảnh khác.`,
    en: `The product has ${String(MAX_IMAGES_PER_PRODUCT)} images already; remove one to add another.`,
  },
  stripped: {
    vi: 'Ảnh được xoay đúng chiều, thu nhỏ và xóa mọi siêu dữ liệu (EXIF, vị trí GPS) trước khi lưu.',
    en: 'Images are turned upright, resized and stripped of all metadata (EXIF, GPS position) before they are stored.',
  },
  number: { vi: 'Số GCN', en: 'Number' },
  score: { vi: 'Điểm', en: 'Score' },
  issued: { vi: 'Ngày cấp', en: 'Issued on' },
  price: { vi: 'Giá', en: 'Price' },
  unit: { vi: 'Đơn vị tính', en: 'Unit' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  description: { vi: 'Mô tả', en: 'Description' },
  publicPage: { vi: 'Trang công khai', en: 'Public page' },
};

/** /admin/products/:id: details, the current certificate's status, images (upload, remove), change history. */
export function productPage(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/products/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendProductPage(app, reply, view, ctx, request.params.id);
  });
}

/** Renders the product's page; `uploadError` re-renders it after a refused upload (status 400). */
export async function sendProductPage(
  app: FastifyInstance,
  reply: FastifyReply,
  view: BoView,
  ctx: Ctx,
  id: string,
  uploadError?: string,
) {
  const product = await staffProduct(ctx, id, publicUrls(app.publicUrl, view.locale));
  const mayEdit = can(ctx.actor, 'update', {
    type: 'product',
    producerId: product.producer.id,
    communeId: product.commune.id,
  });
  const l = view.locale;
  const body = html`${mayEdit ? html`<p><a class="button" href="${BASE}/${product.id}/edit">${t(l, BO.edit)}</a></p>` : ''}
  ${facts(view, product)} ${certificate(view, product)}
  ${await images(view, ctx, product, mayEdit, uploadError)} ${await recordHistory(ctx, 'product', product.id)}`;
  return reply
    .status(uploadError === undefined ? 200 : 400)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(boPage(view, { title: product.nameVi, active: 'products', body }));
}

function facts(view: BoView, p: ProductDto): SafeHtml {
  const l = view.locale;
  const row = (label: string, value: SafeHtml | string | null) =>
    value === null || value === ''
      ? ''
      : html`<dt>${label}</dt>
          <dd>${value}</dd>`;
  return html`<section aria-labelledby="h-details">
    <h2 id="h-details">${t(l, CAT.details)}</h2>
    <dl class="facts">
      ${row(t(l, TXT.nameEn), p.nameEn)}
      ${row(t(l, CAT.producer), html`<a href="/admin/producers/${p.producer.id}">${p.producer.name}</a>`)}
      ${row(t(l, CAT.commune), p.commune.name)} ${row(t(l, CAT.sector), `${p.sector.code}. ${p.sector.name}`)}
      ${row(t(l, CAT.scorecard), `${String(p.scorecard.id)}. ${p.scorecard.name}`)}
      ${row(t(l, CAT.craftVillage), p.craftVillage?.name ?? null)} ${row(t(l, TXT.unit), p.unit)}
      ${row(t(l, TXT.price), p.priceVnd === null ? null : formatMoney(l, p.priceVnd))}
      ${row(t(l, TXT.description), p.description)}
    </dl>
    <p><a href="${p.url}">${t(l, TXT.publicPage)}</a></p>
  </section>`;
}

function certificate(view: BoView, p: ProductDto): SafeHtml {
  const l = view.locale;
  const c = p.certificate;
  const heading = html`<h2 id="h-certificate">${t(l, CAT.certificate)}</h2>`;
  if (!c)
    return html`<section aria-labelledby="h-certificate">
      ${heading}
      <p>${t(l, CAT.noCertificate)}</p>
    </section>`;
  const status = c.status as CertificateStatus;
  return html`<section aria-labelledby="h-certificate">
    ${heading}
    <dl class="facts">
      <dt>${t(l, TXT.number)}</dt>
      <dd><a href="/admin/certificates/${c.id}">${c.number}</a></dd>
      <dt>${t(l, CAT.stars)}</dt>
      <dd>${'★'.repeat(c.stars)} (${c.stars})</dd>
      ${
        c.score === null
          ? ''
          : html`<dt>${t(l, TXT.score)}</dt>
              <dd>${formatNumber(l, c.score)}</dd>`
      }
      <dt>${t(l, CAT.certificateStatus)}</dt>
      <dd><span class="status status-${status}">${t(l, CERTIFICATE_STATUS[status])}</span></dd>
      <dt>${t(l, TXT.issued)}</dt>
      <dd>${formatDate(l, c.issuedOn)}</dd>
      <dt>${t(l, CAT.expires)}</dt>
      <dd>${formatDate(l, c.expiresOn)}</dd>
    </dl>
  </section>`;
}

async function images(view: BoView, ctx: Ctx, p: ProductDto, mayEdit: boolean, uploadError?: string) {
  const l = view.locale;
  const list = await productImages(ctx, p.id);
  const gallery = list.length
    ? html`<ul class="gallery">
        ${list.map(
          (i) =>
            html`<li>
              <figure>
                <img src="${i.thumbnailUrl}" alt="${i.alt}" width="200" loading="lazy" />
                <figcaption>${i.alt} — ${formatNumber(l, i.width)}×${formatNumber(l, i.height)}</figcaption>
              </figure>
              ${mayEdit ? html`<form method="post" action="${BASE}/${p.id}/images/${i.id}/delete" class="inline">${csrfField(view)}<button type="submit" class="danger" aria-label="${t(l, TXT.remove)}: ${i.alt}">${t(l, TXT.remove)}</button></form>` : ''}
            </li>`,
        )}
      </ul>`
    : html`<p>${t(l, BO.none)}</p>`;
  const upload = !mayEdit
    ? ''
    : list.length >= MAX_IMAGES_PER_PRODUCT && uploadError === undefined
      ? html`<p>${t(l, TXT.full)}</p>`
      : html`<form
          method="post"
          action="${BASE}/${p.id}/images?_csrf=${encodeURIComponent(view.csrf)}"
          enctype="multipart/form-data"
        >
          ${
            uploadError === undefined
              ? ''
              : html`<div class="error-summary" role="alert" tabindex="-1">
                  <p>${t(l, BO.errorsTitle)}</p>
                  <ul>
                    <li><a href="#f-file">${uploadError}</a></li>
                  </ul>
                </div>`
          }
          <div class="field${uploadError === undefined ? '' : ' has-error'}">
            <label for="f-file">${t(l, TXT.file)}</label>
            <p class="hint" id="f-file-hint">${t(l, TXT.stripped)}</p>
            ${uploadError === undefined ? '' : html`<p class="error" id="f-file-error">${uploadError}</p>`}
            <input
              type="file"
              id="f-file"
              name="file"
              accept="image/jpeg,image/png,image/webp"
              required
              aria-describedby="f-file-hint${uploadError === undefined ? '' : ' f-file-error'}"
            />
          </div>
          <div class="field">
            <label for="f-alt">${t(l, TXT.alt)}</label
            ><input type="text" id="f-alt" name="alt" maxlength="300" />
          </div>
          <button type="submit">${t(l, TXT.upload)}</button>
        </form>`;
  return html`<section aria-labelledby="h-images">
    <h2 id="h-images">${t(l, TXT.images)} (${list.length}/${MAX_IMAGES_PER_PRODUCT})</h2>
    ${gallery}${upload}
  </section>`;
}
