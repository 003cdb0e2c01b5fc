import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/policy.js';
import {
  mayExport,
  selectedProducers,
  staffProducer,
  staffProducers,
} from '../catalog/catalog-staff.service.js';
import { LEGAL_FORMS } from '../catalog/legal-forms.js';
import type { ProducerDto } from '../catalog/producer.presenter.js';
import { PRODUCER_SORTS, productsOfProducer } from '../catalog/producer.repository.js';
import { producersWorkbook, XLSX_TYPE } from '../catalog/selection-export.js';
import { publicUrls } from '../core/public-urls.js';
import { formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import { CAT, mayCreateSomewhere, oneOf, pageOf, queryValue, scopedCommuneOptions } from './catalog-ui.js';
import { boPage, csrfField, pagination, selectField, sortHeader, type BoView } from './layout.js';

const LIMIT = 20;
const BASE = '/admin/producers';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/producers';

/** /admin/producers: the list (search, filters, sort, pages, bulk export) and one producer's page. */
export function producerPages(app: FastifyInstance): void {
  app.get(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const q = request.query;
    const filters = {
      q: queryValue(q, 'q'),
      commune: queryValue(q, 'commune'),
      legalForm: LEGAL_FORMS.some((f) => f.code === queryValue(q, 'legalForm'))
        ? queryValue(q, 'legalForm')
        : undefined,
      sort: oneOf(queryValue(q, 'sort'), PRODUCER_SORTS, 'name'),
    };
    const page = await staffProducers(
      ctx,
      { ...filters, page: pageOf(q), limit: LIMIT },
      publicUrls(app.publicUrl, view.locale),
    );
    const communes = await scopedCommuneOptions(ctx, 'producer');
    const params = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const body = html`${mayCreateSomewhere(ctx.actor, 'producer') ? html`<p><a class="button" href="${BASE}/new">${t(view.locale, CAT.newProducer)}</a></p>` : ''}
    ${filterForm(view, filters, communes)} ${listForm(view, page.items, params, filters.sort, mayExport(ctx))}
    ${pagination(view, BASE, params, page.page, page.limit, page.total)}`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(boPage(view, { title: CAT.producers, active: 'producers', body }));
  });

  app.post(`${ROUTE}/bulk`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const ids = formValues(request.body, 'ids');
    if (formValue(request.body, 'action') !== 'export' || ids.length === 0) {
      return redirectWithNotice(reply, BASE, t(view.locale, CAT.noneSelected));
    }
    const rows = await selectedProducers(ctx, ids, publicUrls(app.publicUrl, view.locale));
    const file = await producersWorkbook(rows, view.locale);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', 'attachment; filename="chu-the-ocop.xlsx"')
      .header('cache-control', 'no-store')
      .send(file);
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const producer = await staffProducer(ctx, request.params.id, publicUrls(app.publicUrl, view.locale));
    const products = await productsOfProducer(ctx, producer.id);
    const l = view.locale;
    const mayEdit = can(ctx.actor, 'update', {
      type: 'producer',
      id: producer.id,
      communeId: producer.commune.id,
    });
    const mayAdd = can(ctx.actor, 'create', {
      type: 'product',
      producerId: producer.id,
      communeId: producer.commune.id,
    });
    const body = html`${mayEdit ? html`<p><a class="button" href="${BASE}/${producer.id}/edit">${t(l, BO.edit)}</a></p>` : ''}
      ${producerFacts(view, producer)}
      <section aria-labelledby="h-products">
        <h2 id="h-products">${t(l, CAT.productList)} (${formatNumber(l, producer.productCount)})</h2>
        ${
          products.length === 0
            ? html`<p>${t(l, BO.none)}</p>`
            : html`<ul>
                ${products.map((p) => html`<li><a href="/admin/products/${p.id}">${l === 'en' ? (p.name_en ?? p.name_vi) : p.name_vi}</a>${p.stars ? ` ${'★'.repeat(p.stars)}` : ''}</li>`)}
              </ul>`
        }
        <p>
          <a href="/admin/products?producer=${producer.id}">${t(l, BO.view)}: ${t(l, CAT.productList)}</a
          >${mayAdd ? html` · <a href="/admin/products/new?producerId=${producer.id}">${t(l, CAT.newProduct)}</a>` : ''}
        </p>
      </section>
      ${await recordHistory(ctx, 'producer', producer.id)}`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(boPage(view, { title: producer.name, active: 'producers', body }));
  });
}

function filterForm(
  view: BoView,
  f: { q?: string | undefined; commune?: string | undefined; legalForm?: string | undefined; sort: string },
  communes: ReadonlyArray<{ value: string; label: string }>,
): SafeHtml {
  const l = view.locale;
  return html`<form method="get" action="${BASE}" class="filters" role="search">
    <div class="field">
      <label for="f-q">${t(l, CAT.searchName)}</label
      ><input type="search" id="f-q" name="q" value="${f.q ?? ''}" />
    </div>
    ${selectField({ name: 'commune', label: t(l, CAT.commune), value: f.commune, options: communes, blank: t(l, CAT.allCommunes) })}
    ${selectField({ name: 'legalForm', label: t(l, CAT.legalForm), value: f.legalForm, options: LEGAL_FORMS.map((lf) => ({ value: lf.code, label: lf[l] })), blank: t(l, CAT.allLegalForms) })}
    ${selectField({
      name: 'sort',
      label: t(l, CAT.sortBy),
      value: f.sort,
      options: [
        { value: 'name', label: t(l, CAT.nameAsc) },
        { value: '-name', label: t(l, CAT.nameDesc) },
        { value: '-createdAt', label: t(l, CAT.newest) },
        { value: 'createdAt', label: t(l, CAT.oldest) },
      ],
    })}
    <button type="submit">${t(l, BO.filter)}</button>
  </form>`;
}

function listForm(
  view: BoView,
  rows: readonly ProducerDto[],
  params: URLSearchParams,
  sort: string,
  exportAllowed: boolean,
): SafeHtml {
  const l = view.locale;
  if (rows.length === 0) return html`<p>${t(l, BO.none)}</p>`;
  return html`<form method="post" action="${BASE}/bulk">
    ${csrfField(view)}
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(l, BO.select)}</th>
            ${sortHeader(BASE, params, 'name', t(l, CAT.name), sort)}
            <th scope="col">${t(l, CAT.legalForm)}</th>
            <th scope="col">${t(l, CAT.commune)}</th>
            <th scope="col">${t(l, CAT.productCount)}</th>
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
                    id="sel-${p.id}"
                    aria-label="${t(l, BO.select)} ${p.name}"
                  />
                </td>
                <th scope="row">
                  <a href="${BASE}/${p.id}">${p.name}</a>${p.demo ? raw(' <small>(demo)</small>') : ''}
                </th>
                <td>${p.legalForm.name}</td>
                <td>${p.commune.name}</td>
                <td>${formatNumber(l, p.productCount)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      exportAllowed
        ? html`<div class="toolbar">
            ${selectField({ name: 'action', label: t(l, CAT.bulkAction), value: 'export', options: [{ value: 'export', label: t(l, CAT.exportSelected) }] })}
            <button type="submit">${t(l, BO.apply)}</button>
          </div>`
        : ''
    }
  </form>`;
}

function producerFacts(view: BoView, p: ProducerDto): SafeHtml {
  const l = view.locale;
  const row = (label: string, value: string | null) =>
    value
      ? html`<dt>${label}</dt>
          <dd>${value}</dd>`
      : '';
  return html`<section aria-labelledby="h-details">
    <h2 id="h-details">${t(l, CAT.details)}</h2>
    <dl class="facts">
      ${row(t(l, CAT.legalForm), p.legalForm.name)}
      ${row(l === 'en' ? 'Registration number' : 'Mã số ĐKKD', p.registrationNumber)}
      ${row(l === 'en' ? 'Representative' : 'Người đại diện', p.representative)}
      ${row(l === 'en' ? 'Phone' : 'Điện thoại', p.phone)} ${row('E-mail', p.email)}
      ${row('Website', p.website)} ${row(l === 'en' ? 'Address' : 'Địa chỉ', p.address)}
      ${row(l === 'en' ? 'Address before the 2025 reform' : 'Địa chỉ trước sắp xếp 2025', p.oldAddress)}
      ${row(t(l, CAT.commune), p.commune.name)}
    </dl>
    <p><a href="${p.url}">${l === 'en' ? 'Public page' : 'Trang công khai'}</a></p>
  </section>`;
}
