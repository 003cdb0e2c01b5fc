import type { FastifyInstance } from 'fastify';
import { scopeOf } from '../accounts/policy.js';
import {
  assignCraftVillage,
  mayExport,
  selectedProducts,
  staffProducer,
  staffProducts,
  type StaffProductQuery,
} from '../catalog/catalog-staff.service.js';
import type { ProductDto } from '../catalog/product.presenter.js';
import { PRODUCT_SORTS } from '../catalog/product.repository.js';
import { productsWorkbook, XLSX_TYPE } from '../catalog/selection-export.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import type { Ctx } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { publicUrls } from '../core/public-urls.js';
import { SCORECARDS, SECTORS } from '../scorecards/taxonomy.js';
import { formatDate, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import {
  CAT,
  CERTIFICATE_STATUS,
  CERTIFICATE_STATUSES,
  mayCreateSomewhere,
  oneOf,
  pageOf,
  queryValue,
  queryValues,
  scopedCommuneOptions,
  villageOptions,
} from './catalog-ui.js';
import { boPage, csrfField, pagination, selectField, sortHeader, type BoView } from './layout.js';

const LIMIT = 20;
const BASE = '/admin/products';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/products';
const STAR_CHOICES = [3, 4, 5];
const ID = /^[a-z]{3}_[0-9a-z]{16}$/;

function parseQuery(q: unknown): StaffProductQuery {
  const scorecard = Number(queryValue(q, 'scorecard'));
  const sector = queryValue(q, 'sector');
  const producer = queryValue(q, 'producer');
  const certificate = queryValue(q, 'certificate');
  return {
    q: queryValue(q, 'q'),
    commune: queryValue(q, 'commune'),
    sector: SECTORS.some((s) => s.code === sector) ? sector : undefined,
    scorecard: SCORECARDS.some((s) => s.id === scorecard) ? scorecard : undefined,
    stars: queryValues(q, 'stars')
      .map(Number)
      .filter((n) => STAR_CHOICES.includes(n)),
    certificate: CERTIFICATE_STATUSES.includes(certificate as CertificateStatus)
      ? (certificate as CertificateStatus)
      : undefined,
    producer: producer !== undefined && ID.test(producer) ? producer : undefined,
    sort: oneOf(queryValue(q, 'sort'), PRODUCT_SORTS, 'name'),
    page: pageOf(q),
    limit: LIMIT,
  };
}

function paramsOf(f: StaffProductQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'commune', 'sector', 'scorecard', 'certificate', 'producer', 'sort'] as const) {
    const v = f[key];
    if (v !== undefined) params.set(key, String(v));
  }
  for (const s of f.stars ?? []) params.append('stars', String(s));
  return params;
}

/** The communes whose craft villages the bulk "assign" may offer: the filtered one, or the officer's own. */
function villageCommunes(ctx: Ctx, f: StaffProductQuery): string[] {
  if (f.commune !== undefined) return [f.commune];
  return scopeOf(ctx.actor, 'product').communeIds;
}

/** /admin/products: search, filters, sort, pages; bulk export and bulk assignment to a craft village. */
export function productListPages(app: FastifyInstance): void {
  app.get(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const f = parseQuery(request.query);
    const urls = publicUrls(app.publicUrl, view.locale);
    const [page, communes, villages, producer] = await Promise.all([
      staffProducts(ctx, f, urls),
      scopedCommuneOptions(ctx, 'product'),
      villageOptions(ctx, villageCommunes(ctx, f)),
      f.producer === undefined ? null : staffProducer(ctx, f.producer, urls).catch(() => null),
    ]);
    const params = paramsOf(f);
    const l = view.locale;
    const body = html`${mayCreateSomewhere(ctx.actor, 'product') ? html`<p><a class="button" href="${BASE}/new">${t(l, CAT.newProduct)}</a></p>` : ''}
    ${filterForm(view, f, communes, producer?.name ?? null)}
    ${listForm(view, page.items, params, f, { exportAllowed: mayExport(ctx), villages })}
    ${pagination(view, BASE, params, page.page, page.limit, page.total)}`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(boPage(view, { title: CAT.products, active: 'products', body }));
  });

  app.post(`${ROUTE}/bulk`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const ids = formValues(request.body, 'ids');
    const action = formValue(request.body, 'action');
    const back = formValue(request.body, 'back') ?? '';
    const backTo = (notice: string) => {
      const query = new URLSearchParams(back.startsWith('?') ? back.slice(1) : '');
      query.set('notice', notice);
      return `${BASE}?${query.toString()}`;
    };
    if (ids.length === 0) return reply.redirect(backTo(t(view.locale, CAT.noneSelected)), 303);
    if (action === 'export') {
      const rows = await selectedProducts(ctx, ids, publicUrls(app.publicUrl, view.locale));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="san-pham-ocop.xlsx"')
        .header('cache-control', 'no-store')
        .send(await productsWorkbook(rows, view.locale));
    }
    try {
      await assignCraftVillage(ctx, ids, formValue(request.body, 'craftVillageId') ?? '');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      return reply.redirect(backTo(view.locale === 'en' ? error.messageEn : error.message), 303);
    }
    return reply.redirect(backTo(t(view.locale, CAT.assigned)), 303);
  });
}

function filterForm(
  view: BoView,
  f: StaffProductQuery,
  communes: ReadonlyArray<{ value: string; label: string }>,
  producerName: string | null,
): SafeHtml {
  const l = view.locale;
  const sorts: Array<[string, { vi: string; en: string }]> = [
    ['name', CAT.nameAsc],
    ['-name', CAT.nameDesc],
    ['-stars', { vi: 'Nhiều sao trước', en: 'Most stars first' }],
    ['expiresOn', { vi: 'Sắp hết hạn trước', en: 'Expiring first' }],
    ['-createdAt', CAT.newest],
    ['createdAt', CAT.oldest],
  ];
  return html`<form method="get" action="${BASE}" class="filters" role="search">
    <div class="field">
      <label for="f-q">${t(l, CAT.searchName)}</label
      ><input type="search" id="f-q" name="q" value="${f.q ?? ''}" />
    </div>
    ${selectField({ name: 'commune', label: t(l, CAT.commune), value: f.commune, options: communes, blank: t(l, CAT.allCommunes) })}
    ${selectField({ name: 'sector', label: t(l, CAT.sector), value: f.sector, options: SECTORS.map((s) => ({ value: s.code, label: `${s.code}. ${l === 'en' ? s.nameEn : s.nameVi}` })), blank: t(l, CAT.allSectors) })}
    ${selectField({ name: 'scorecard', label: t(l, CAT.scorecard), value: f.scorecard, options: SCORECARDS.map((s) => ({ value: String(s.id), label: `${String(s.id)}. ${l === 'en' ? s.nameEn : s.nameVi}` })), blank: t(l, CAT.allScorecards) })}
    ${selectField({ name: 'certificate', label: t(l, CAT.certificateStatus), value: f.certificate, options: CERTIFICATE_STATUSES.map((s) => ({ value: s, label: t(l, CERTIFICATE_STATUS[s]) })), blank: t(l, CAT.anyStatus) })}
    <fieldset class="field">
      <legend>${t(l, CAT.stars)}</legend>
      ${STAR_CHOICES.map((s) => html`<label><input type="checkbox" name="stars" value="${s}" ${f.stars?.includes(s) ? raw(' checked') : ''} /> ${s} ★</label> `)}
    </fieldset>
    ${selectField({ name: 'sort', label: t(l, CAT.sortBy), value: f.sort, options: sorts.map(([value, text]) => ({ value, label: t(l, text) })) })}
    ${f.producer === undefined ? '' : html`<p><input type="hidden" name="producer" value="${f.producer}" />${t(l, CAT.onlyProducer)} <strong>${producerName ?? f.producer}</strong> — <a href="${BASE}">${t(l, CAT.removeFilter)}</a></p>`}
    <button type="submit">${t(l, BO.filter)}</button>
  </form>`;
}

function statusCell(view: BoView, p: ProductDto): SafeHtml {
  const c = p.certificate;
  if (!c) return html`<td>${t(view.locale, CAT.noCertificate)}</td>`;
  const status = c.status as CertificateStatus;
  return html`<td>
    <span class="status status-${status}">${t(view.locale, CERTIFICATE_STATUS[status])}</span>
  </td>`;
}

function listForm(
  view: BoView,
  rows: readonly ProductDto[],
  params: URLSearchParams,
  f: StaffProductQuery,
  o: { exportAllowed: boolean; villages: ReadonlyArray<{ value: string; label: string }> },
): SafeHtml {
  const l = view.locale;
  if (rows.length === 0) return html`<p>${t(l, BO.none)}</p>`;
  const actions = [
    ...(o.exportAllowed ? [{ value: 'export', label: t(l, CAT.exportSelected) }] : []),
    ...(o.villages.length ? [{ value: 'assign', label: t(l, CAT.assignVillage) }] : []),
  ];
  const sort = f.sort;
  return html`<form method="post" action="${BASE}/bulk">
    ${csrfField(view)}
    <input type="hidden" name="back" value="?${params.toString()}" />
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(l, BO.select)}</th>
            ${sortHeader(BASE, params, 'name', t(l, CAT.name), sort)}
            <th scope="col">${t(l, CAT.producer)}</th>
            <th scope="col">${t(l, CAT.commune)}</th>
            <th scope="col">${t(l, CAT.scorecard)}</th>
            ${sortHeader(BASE, params, 'stars', t(l, CAT.stars), sort)}
            <th scope="col">${t(l, CAT.certificate)}</th>
            ${sortHeader(BASE, params, 'expiresOn', t(l, CAT.expires), sort)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) =>
              html`<tr>
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value="${p.id}"
                    aria-label="${t(l, BO.select)} ${p.name}"
                  />
                </td>
                <th scope="row">
                  <a href="${BASE}/${p.id}">${p.name}</a>${p.demo ? raw(' <small>(demo)</small>') : ''}
                </th>
                <td><a href="/admin/producers/${p.producer.id}">${p.producer.name}</a></td>
                <td>${p.commune.name}</td>
                <td>${p.scorecard.id}. ${p.scorecard.name}</td>
                <td>${p.stars ? '★'.repeat(p.stars) : '—'}</td>
                ${statusCell(view, p)}
                <td>${formatDate(l, p.certificate?.expiresOn)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      actions.length
        ? html`<div class="toolbar">
              ${selectField({ name: 'action', label: t(l, CAT.bulkAction), value: actions[0]?.value, options: actions })}
              ${o.villages.length ? selectField({ name: 'craftVillageId', label: t(l, CAT.chooseVillage), value: undefined, options: o.villages, blank: '—' }) : ''}
              <button type="submit">${t(l, BO.apply)}</button>
            </div>
            ${o.villages.length ? '' : html`<p class="hint">${t(l, CAT.villageNeedsCommune)}</p>`}`
        : ''
    }
  </form>`;
}
