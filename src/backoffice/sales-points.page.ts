import { islandScripts } from '../web/client-assets.js';
import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/policy.js';
import type { Ctx, Locale } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import { publicUrls } from '../core/public-urls.js';
import { LOCATION_TYPES, SALES_POINT_CHECKLIST } from '../sales-points/location-types.js';
import type { SalesPointDto } from '../sales-points/sales-point.presenter.js';
import { SALES_POINT_SORTS, type ProductChoice } from '../sales-points/sales-point.repository.js';
import {
  createSalesPoint,
  listSalesPointsInScope,
  markChecklist,
  productChoices,
  salesPointInScope,
  setSalesPointProducts,
  updateSalesPoint,
} from '../sales-points/sales-point.service.js';
import { formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { mayCreateSomewhere } from './catalog-ui.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import { boPage, csrfField, errorSummary, field, selectField, sortHeader, type BoView } from './layout.js';
import { communeOptions } from './options.js';
import { PS } from './pickup-stock.text.js';
import {
  formErrors,
  listParams,
  pageOf,
  queryOf,
  redirectWithNotice,
  registryList,
  requireBulkAction,
  selectCell,
  sendPage,
} from './registry.pages.js';
import {
  locationTypeOptions,
  salesPointForm,
  toInput,
  valuesFromForm,
  valuesOf,
  type SalesPointValues,
} from './sales-points.form.js';
import { ST } from './registry.text.js';

const BASE = '/admin/sales-points';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/sales-points';
const LIMIT = 20;

/** /admin/sales-points: list, detail, create, edit (map picker, Decision 950 checklist), products stocked. */
export function salesPointPages(app: FastifyInstance): void {
  const urlsOf = (ctx: Ctx) => publicUrls(app.publicUrl, ctx.locale);

  app.get(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const query = queryOf(request);
    const result = await listSalesPointsInScope(ctx, listQuery(query), urlsOf(ctx));
    const body = html`${filters(view, query, await communeOptions(ctx))}${listTable(view, ctx, query, result)}`;
    return sendPage(reply, boPage(view, { title: BO.salesPoints, active: 'salesPoints', body }));
  });

  app.post(`${ROUTE}/bulk`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const back = safeBack(formValue(request.body, 'back'));
    try {
      requireBulkAction(request.body, 'checklist');
      const met = formValue(request.body, 'met');
      const n = await markChecklist(ctx, formValues(request.body, 'ids'), {
        item: formValue(request.body, 'item') ?? '',
        met: met === '1' ? true : met === '0' ? false : (met ?? ''),
      });
      const text = t(view.locale, ST.bulkDone).replace('{n}', formatNumber(view.locale, n));
      return await redirectWithNotice(reply, back, text);
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const body = html`${errorSummary(view, errors)}
        <p><a href="${back}">${t(view.locale, ST.backToList)}</a></p>`;
      return sendPage(reply, boPage(view, { title: ST.bulkFailed, active: 'salesPoints', body }), 400);
    }
  });

  app.get(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const communes = await allowedCommunes(ctx, null);
    return sendPage(reply, formPage(view, null, { checklist: [] }, {}, communes));
  });

  app.post(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const communes = await allowedCommunes(ctx, null);
    const values = valuesFromForm(request.body);
    try {
      const id = await createSalesPoint(ctx, toInput(values, false));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, ST.created));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, formPage(view, null, values, errors, communes), 400);
    }
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const found = await salesPointInScope(ctx, request.params.id, urlsOf(ctx));
    return sendPage(reply, await detailPage(view, ctx, found.salesPoint, found.stocked));
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const { salesPoint } = await salesPointInScope(ctx, request.params.id, urlsOf(ctx));
    const communes = await allowedCommunes(ctx, salesPoint);
    return sendPage(reply, formPage(view, salesPoint, valuesOf(salesPoint), {}, communes));
  });

  app.post<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const { salesPoint } = await salesPointInScope(ctx, request.params.id, urlsOf(ctx));
    const values = valuesFromForm(request.body);
    try {
      await updateSalesPoint(ctx, salesPoint.id, toInput(values, true));
      return await redirectWithNotice(reply, `${BASE}/${salesPoint.id}`, t(view.locale, BO.saved));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const communes = await allowedCommunes(ctx, salesPoint);
      return sendPage(reply, formPage(view, salesPoint, values, errors, communes), 400);
    }
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id/products`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const found = await salesPointInScope(ctx, request.params.id, urlsOf(ctx));
    requireUpdate(ctx, found.salesPoint);
    const words = queryOf(request).pq?.slice(0, 100) ?? '';
    const matches = words ? await productChoices(ctx, words) : [];
    return sendPage(reply, stockPage(view, found.salesPoint, found.stocked, words, matches, {}));
  });

  app.post<{ Params: { id: string } }>(`${ROUTE}/:id/products`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    try {
      await setSalesPointProducts(ctx, request.params.id, {
        productIds: formValues(request.body, 'productIds'),
      });
      return await redirectWithNotice(
        reply,
        `${BASE}/${encodeURIComponent(request.params.id)}`,
        t(view.locale, ST.stockSaved),
      );
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const found = await salesPointInScope(ctx, request.params.id, urlsOf(ctx));
      return sendPage(reply, stockPage(view, found.salesPoint, found.stocked, '', [], errors), 400);
    }
  });
}

function safeBack(back: string | undefined): string {
  return back?.startsWith(`${BASE}?`) || back === BASE ? back : BASE;
}

function requireUpdate(ctx: Ctx, p: SalesPointDto): void {
  if (!can(ctx.actor, 'update', { type: 'salesPoint', id: p.id, communeId: p.commune.id }))
    throw new ForbiddenError();
}

/** Communes the point may be filed under by this actor: where they may create it, or keep it once edited. */
async function allowedCommunes(
  ctx: Ctx,
  point: SalesPointDto | null,
): Promise<Array<{ value: string; label: string }>> {
  if (point) requireUpdate(ctx, point);
  const all = await communeOptions(ctx);
  const mine = all.filter((o) =>
    point
      ? can(ctx.actor, 'update', { type: 'salesPoint', id: point.id, communeId: o.value })
      : can(ctx.actor, 'create', { type: 'salesPoint', communeId: o.value }),
  );
  if (mine.length === 0) throw new ForbiddenError();
  return mine;
}

/* ---------- list ---------- */

function listQuery(query: Record<string, string>) {
  const sort = SALES_POINT_SORTS.find((s) => s === query.sort);
  const type = LOCATION_TYPES.find((lt) => lt.code === query.locationType);
  return {
    page: pageOf(query),
    limit: LIMIT,
    ...(query.q ? { q: query.q.slice(0, 100) } : {}),
    ...(query.commune ? { commune: query.commune.slice(0, 64) } : {}),
    ...(type ? { locationType: type.code } : {}),
    sort: sort ?? 'name',
  };
}

function filters(
  view: BoView,
  query: Record<string, string>,
  communes: Array<{ value: string; label: string }>,
): SafeHtml {
  const l = view.locale;
  return html`<form method="get" action="${BASE}" class="filters" role="search">
    ${field({ name: 'q', label: t(l, ST.search), value: query.q })}
    ${selectField({ name: 'locationType', label: t(l, ST.locationType), value: query.locationType, blank: t(l, ST.any), options: locationTypeOptions(l) })}
    ${selectField({ name: 'commune', label: t(l, ST.commune), value: query.commune, blank: t(l, ST.any), options: communes })}
    ${query.sort ? html`<input type="hidden" name="sort" value="${query.sort}" />` : ''}
    <button type="submit">${t(l, BO.filter)}</button>
  </form>`;
}

function listTable(
  view: BoView,
  ctx: Ctx,
  query: Record<string, string>,
  result: { items: SalesPointDto[]; total: number; page: number; limit: number },
): SafeHtml {
  const l = view.locale;
  const params = listParams(query);
  const sort = query.sort ?? 'name';
  const editable = (p: SalesPointDto) =>
    can(ctx.actor, 'update', { type: 'salesPoint', id: p.id, communeId: p.commune.id });
  const bulk = result.items.some(editable);
  const table = html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${bulk ? html`<th scope="col">${t(l, BO.select)}</th>` : ''}
          ${sortHeader(BASE, params, 'name', t(l, ST.name), sort)}
          ${sortHeader(BASE, params, 'locationType', t(l, ST.locationType), sort)}
          ${sortHeader(BASE, params, 'commune', t(l, ST.commune), sort)}
          <th scope="col">${t(l, ST.address)}</th>
          <th scope="col" class="num">${t(l, ST.products)}</th>
        </tr>
      </thead>
      <tbody>
        ${result.items.map(
          (p) =>
            html`<tr>
              ${bulk ? selectCell(view, editable(p), p.id, p.name) : ''}
              <th scope="row"><a href="${BASE}/${p.id}">${p.name}</a></th>
              <td>${p.locationType.name}</td>
              <td>${p.commune.name}</td>
              <td>${p.address}</td>
              <td class="num">${formatNumber(l, p.productCount)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
  return registryList(view, {
    base: BASE,
    params,
    result,
    newLabel: mayCreateSomewhere(ctx.actor, 'salesPoint') ? t(l, ST.newTitle) : null,
    table,
    bulkControls: bulk ? bulkControls(view) : null,
  });
}

function bulkControls(view: BoView): SafeHtml {
  const l = view.locale;
  return html`<fieldset class="filters">
    <legend>${t(l, ST.bulkLegend)}</legend>
    ${selectField({ name: 'action', label: t(l, BO.actions), value: 'checklist', options: [{ value: 'checklist', label: t(l, ST.markChecklist) }] })}
    ${selectField({ name: 'item', label: t(l, ST.checklistItem), required: true, blank: '', options: SALES_POINT_CHECKLIST.map((c) => ({ value: c.code, label: c[l] })) })}
    ${selectField({
      name: 'met',
      label: t(l, ST.met),
      value: '1',
      options: [
        { value: '1', label: t(l, ST.yes) },
        { value: '0', label: t(l, ST.no) },
      ],
    })}
    <button type="submit">${t(l, BO.apply)}</button>
  </fieldset>`;
}

/* ---------- detail ---------- */

async function detailPage(
  view: BoView,
  ctx: Ctx,
  p: SalesPointDto,
  stocked: ProductChoice[],
): Promise<string> {
  const l = view.locale;
  const mayEdit = can(ctx.actor, 'update', { type: 'salesPoint', id: p.id, communeId: p.commune.id });
  const yesNo = (b: boolean) => t(l, b ? ST.yes : ST.no);
  const contact = [p.operator, p.phone, p.email].filter((x) => x !== null).join(' · ');
  const body = html` ${
      mayEdit
        ? html`<p class="toolbar">
            <a class="button" href="${BASE}/${p.id}/edit">${t(l, BO.edit)}</a>
            <a class="button secondary" href="${BASE}/${p.id}/products">${t(l, ST.stockEdit)}</a>
            <a class="button secondary" href="${BASE}/${p.id}/stock">${t(l, PS.link)}</a>
          </p>`
        : ''
    }
    <dl class="facts">
      <dt>${t(l, ST.locationType)}</dt>
      <dd>${p.locationType.name}</dd>
      <dt>${t(l, ST.address)}</dt>
      <dd>${p.address}</dd>
      <dt>${t(l, ST.commune)}</dt>
      <dd>${p.commune.name} (${p.commune.id})</dd>
      <dt>${t(l, ST.location)}</dt>
      <dd>${p.location ? `${String(p.location.lat)}, ${String(p.location.lon)}` : '—'}</dd>
      <dt>${t(l, ST.contact)}</dt>
      <dd>${contact || '—'}</dd>
      <dt>${t(l, ST.website)}</dt>
      <dd>${p.website ? html`<a href="${p.website}" rel="noopener">${p.website}</a>` : '—'}</dd>
      <dt>${t(l, ST.openingHours)}</dt>
      <dd>${p.openingHours ?? '—'}</dd>
      <dt>${t(l, ST.tourismLinked)}</dt>
      <dd>${yesNo(p.tourismLinked)}</dd>
      <dt>${t(l, ST.village)}</dt>
      <dd>
        ${p.craftVillage ? html`<a href="/admin/craft-villages/${p.craftVillage.id}">${p.craftVillage.name}</a>` : '—'}
      </dd>
      <dt>${t(l, ST.publicPage)}</dt>
      <dd><a href="${p.url}">${p.url}</a></dd>
    </dl>
    <h2>${t(l, ST.checklist)}</h2>
    <ul>
      ${SALES_POINT_CHECKLIST.map((c) => html`<li>${p.checklist[c.code] ? '✓' : '✗'} ${c[l]} — ${yesNo(p.checklist[c.code] === true)}</li>`)}
    </ul>
    <h2>${t(l, ST.products)} (${formatNumber(l, stocked.length)})</h2>
    ${
      stocked.length
        ? html`<ul>
            ${stocked.map((s) => html`<li><a href="/admin/products/${s.id}">${productName(l, s)}</a> — ${s.producer_name}</li>`)}
          </ul>`
        : html`<p>${t(l, BO.none)}</p>`
    }
    ${await recordHistory(ctx, 'salesPoint', p.id)}`;
  return boPage(view, { title: p.name, active: 'salesPoints', body });
}

function productName(l: Locale, s: ProductChoice): string {
  const name = l === 'en' && s.name_en ? s.name_en : s.name_vi;
  return s.stars ? `${name} ${'★'.repeat(s.stars)}` : name;
}

/* ---------- products stocked ---------- */

function stockPage(
  view: BoView,
  p: SalesPointDto,
  stocked: ProductChoice[],
  words: string,
  matches: ProductChoice[],
  errors: Record<string, string>,
): string {
  const l = view.locale;
  const have = new Set(stocked.map((s) => s.id));
  const extra = matches.filter((m) => !have.has(m.id));
  const box = (s: ProductChoice, checked: boolean) =>
    html`<div class="field check">
      <input
        type="checkbox"
        id="pr-${s.id}"
        name="productIds"
        value="${s.id}"
        ${checked ? html` checked` : ''}
      />
      <label for="pr-${s.id}">${productName(l, s)} — ${s.producer_name}</label>
    </div>`;
  const body = html`${errorSummary(view, errors)}
    <form method="get" action="${BASE}/${p.id}/products" class="filters" role="search">
      ${field({ name: 'pq', label: t(l, ST.stockSearch), value: words })}
      <button type="submit">${t(l, BO.search)}</button>
    </form>
    ${words && extra.length === 0 ? html`<p>${t(l, ST.noMatch)}</p>` : ''}
    <form method="post" action="${BASE}/${p.id}/products">
      ${csrfField(view)}
      <fieldset>
        <legend>${t(l, ST.stockHint)}</legend>
        ${extra.map((s) => box(s, false))} ${stocked.map((s) => box(s, true))}
      </fieldset>
      <button type="submit">${t(l, BO.save)}</button> <a href="${BASE}/${p.id}">${t(l, BO.cancel)}</a>
    </form>`;
  return boPage(view, { title: `${t(l, ST.stockTitle)} ${p.name}`, active: 'salesPoints', body });
}

/* ---------- form ---------- */

function formPage(
  view: BoView,
  point: SalesPointDto | null,
  values: SalesPointValues,
  errors: Record<string, string>,
  communes: Array<{ value: string; label: string }>,
): string {
  const l = view.locale;
  const action = point ? `${BASE}/${point.id}/edit` : `${BASE}/new`;
  const cancel = point ? `${BASE}/${point.id}` : BASE;
  const body = html`${errorSummary(view, errors)}${salesPointForm(view, action, cancel, values, errors, communes)}`;
  return boPage(view, {
    title: point ? `${t(l, ST.editTitle)}: ${point.name}` : t(l, ST.newTitle),
    active: 'salesPoints',
    body,
    // The map picker island; without it (no JavaScript, no client build) the coordinates are plain inputs.
    scripts: islandScripts(),
  });
}
