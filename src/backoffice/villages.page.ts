import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/policy.js';
import type { Ctx } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import { publicUrls } from '../core/public-urls.js';
import type { CraftVillageDto } from '../villages/craft-village.presenter.js';
import { CRAFT_VILLAGE_SORTS } from '../villages/craft-village.repository.js';
import {
  craftVillageInScope,
  createCraftVillage,
  listCraftVillagesInScope,
  recognizeCraftVillages,
  updateCraftVillage,
} from '../villages/craft-village.service.js';
import { formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { mayCreateSomewhere } from './catalog-ui.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import {
  boPage,
  checkboxField,
  csrfField,
  errorSummary,
  field,
  selectField,
  sortHeader,
  type BoView,
} from './layout.js';
import { communeOptions } from './options.js';
import {
  formErrors,
  intOrText,
  listParams,
  pageOf,
  queryOf,
  redirectWithNotice,
  registryList,
  requireBulkAction,
  selectCell,
  sendPage,
} from './registry.pages.js';
import { VT } from './registry.text.js';

const BASE = '/admin/craft-villages';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/craft-villages';
const LIMIT = 20;

type Values = Partial<
  Record<'name' | 'communeId' | 'craft' | 'recognitionDecision' | 'recognitionYear' | 'description', string>
> & { recognized?: boolean; traditional?: boolean };

/** /admin/craft-villages: list (search, filters, sort, bulk recognition), detail, create, edit. */
export function villagePages(app: FastifyInstance): void {
  const urlsOf = (ctx: Ctx) => publicUrls(app.publicUrl, ctx.locale);

  app.get(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const query = queryOf(request);
    const result = await listCraftVillagesInScope(ctx, listQuery(query), urlsOf(ctx));
    const options = await communeOptions(ctx);
    const body = html`${filters(view, query, options)}${listTable(view, ctx, query, result)}`;
    return sendPage(reply, boPage(view, { title: BO.villages, active: 'villages', body }));
  });

  app.post(`${ROUTE}/bulk`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const back = safeBack(formValue(request.body, 'back'));
    try {
      requireBulkAction(request.body, 'recognize');
      const n = await recognizeCraftVillages(ctx, formValues(request.body, 'ids'), {
        recognitionDecision: formValue(request.body, 'recognitionDecision') ?? '',
        recognitionYear: intOrText(formValue(request.body, 'recognitionYear')) ?? '',
      });
      const text = t(view.locale, VT.bulkDone).replace('{n}', formatNumber(view.locale, n));
      return await redirectWithNotice(reply, back, text);
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const body = html`${errorSummary(view, errors)}
        <p><a href="${back}">${t(view.locale, VT.backToList)}</a></p>`;
      return sendPage(reply, boPage(view, { title: VT.bulkFailed, active: 'villages', body }), 400);
    }
  });

  app.get(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const options = await creatableCommunes(ctx);
    return sendPage(reply, formPage(view, null, { traditional: true }, {}, options));
  });

  app.post(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const options = await creatableCommunes(ctx);
    const values = formValuesOf(request.body);
    try {
      const id = await createCraftVillage(ctx, toInput(values, false));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, VT.created));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, formPage(view, null, values, errors, options), 400);
    }
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const village = await craftVillageInScope(ctx, request.params.id, urlsOf(ctx));
    return sendPage(reply, await detailPage(view, ctx, village));
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const village = await craftVillageInScope(ctx, request.params.id, urlsOf(ctx));
    requireUpdate(ctx, village.commune.id);
    const options = await creatableCommunes(ctx);
    return sendPage(reply, formPage(view, village, valuesOf(village), {}, options));
  });

  app.post<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const village = await craftVillageInScope(ctx, request.params.id, urlsOf(ctx));
    const values = formValuesOf(request.body);
    try {
      await updateCraftVillage(ctx, village.id, toInput(values, true));
      return await redirectWithNotice(reply, `${BASE}/${village.id}`, t(view.locale, BO.saved));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const options = await creatableCommunes(ctx);
      return sendPage(reply, formPage(view, village, values, errors, options), 400);
    }
  });
}

function requireUpdate(ctx: Ctx, communeId: string): void {
  if (!can(ctx.actor, 'update', { type: 'craftVillage', communeId })) throw new ForbiddenError();
}

/** The communes the actor may file a village under: all for administrators, their own for commune officers. */
async function creatableCommunes(ctx: Ctx): Promise<Array<{ value: string; label: string }>> {
  const all = await communeOptions(ctx);
  const mine = all.filter((o) => can(ctx.actor, 'create', { type: 'craftVillage', communeId: o.value }));
  if (mine.length === 0) throw new ForbiddenError();
  return mine;
}

function safeBack(back: string | undefined): string {
  return back?.startsWith(`${BASE}?`) || back === BASE ? back : BASE;
}

/* ---------- list ---------- */

function listQuery(query: Record<string, string>) {
  const sort = CRAFT_VILLAGE_SORTS.find((s) => s === query.sort);
  return {
    page: pageOf(query),
    limit: LIMIT,
    ...(query.q ? { q: query.q.slice(0, 100) } : {}),
    ...(query.commune ? { commune: query.commune.slice(0, 64) } : {}),
    ...(query.recognized === '1' || query.recognized === '0' ? { recognized: query.recognized === '1' } : {}),
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
    ${field({ name: 'q', label: t(l, VT.search), value: query.q })}
    ${selectField({ name: 'commune', label: t(l, VT.commune), value: query.commune, blank: t(l, VT.any), options: communes })}
    ${selectField({
      name: 'recognized',
      label: t(l, VT.recognition),
      value: query.recognized,
      blank: t(l, VT.any),
      options: [
        { value: '1', label: t(l, VT.recognized) },
        { value: '0', label: t(l, VT.notRecognized) },
      ],
    })}
    ${query.sort ? html`<input type="hidden" name="sort" value="${query.sort}" />` : ''}
    <button type="submit">${t(l, BO.filter)}</button>
  </form>`;
}

function listTable(
  view: BoView,
  ctx: Ctx,
  query: Record<string, string>,
  result: { items: CraftVillageDto[]; total: number; page: number; limit: number },
): SafeHtml {
  const l = view.locale;
  const params = listParams(query);
  const sort = query.sort ?? 'name';
  const editable = (v: CraftVillageDto) =>
    can(ctx.actor, 'update', { type: 'craftVillage', communeId: v.commune.id });
  const bulk = result.items.some(editable);
  const table = html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${bulk ? html`<th scope="col">${t(l, BO.select)}</th>` : ''}
          ${sortHeader(BASE, params, 'name', t(l, VT.name), sort)}
          <th scope="col">${t(l, VT.craft)}</th>
          ${sortHeader(BASE, params, 'commune', t(l, VT.commune), sort)}
          ${sortHeader(BASE, params, 'recognitionYear', t(l, VT.recognition), sort)}
          <th scope="col" class="num">${t(l, VT.products)}</th>
        </tr>
      </thead>
      <tbody>
        ${result.items.map(
          (v) =>
            html`<tr>
              ${bulk ? selectCell(view, editable(v), v.id, v.name) : ''}
              <th scope="row"><a href="${BASE}/${v.id}">${v.name}</a></th>
              <td>${v.craft}</td>
              <td>${v.commune.name}</td>
              <td>
                ${v.recognized ? `${v.recognitionDecision ?? ''} (${String(v.recognitionYear ?? '')})` : t(l, VT.notRecognized)}
              </td>
              <td class="num">${formatNumber(l, v.productCount)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
  return registryList(view, {
    base: BASE,
    params,
    result,
    newLabel: mayCreateSomewhere(ctx.actor, 'craftVillage') ? t(l, VT.newTitle) : null,
    table,
    bulkControls: bulk ? bulkControls(view) : null,
  });
}

function bulkControls(view: BoView): SafeHtml {
  const l = view.locale;
  return html`<fieldset class="filters">
    <legend>${t(l, VT.bulkLegend)}</legend>
    ${selectField({ name: 'action', label: t(l, BO.actions), value: 'recognize', options: [{ value: 'recognize', label: t(l, VT.markRecognized) }] })}
    ${field({ name: 'recognitionDecision', label: t(l, VT.decision), required: true })}
    ${field({ name: 'recognitionYear', label: t(l, VT.year), type: 'number', required: true, attrs: raw(' min="1990" max="2100"') })}
    <button type="submit">${t(l, BO.apply)}</button>
  </fieldset>`;
}

/* ---------- detail ---------- */

async function detailPage(view: BoView, ctx: Ctx, v: CraftVillageDto): Promise<string> {
  const l = view.locale;
  const yesNo = (b: boolean) => t(l, b ? VT.yes : VT.no);
  const body = html` ${can(ctx.actor, 'update', { type: 'craftVillage', communeId: v.commune.id }) ? html`<p class="toolbar"><a class="button" href="${BASE}/${v.id}/edit">${t(l, BO.edit)}</a></p>` : ''}
    <dl class="facts">
      <dt>${t(l, VT.craft)}</dt>
      <dd>${v.craft}</dd>
      <dt>${t(l, VT.commune)}</dt>
      <dd>${v.commune.name} (${v.commune.id})</dd>
      <dt>${t(l, VT.traditional)}</dt>
      <dd>${yesNo(v.traditional)}</dd>
      <dt>${t(l, VT.recognized)}</dt>
      <dd>
        ${v.recognized ? `${yesNo(true)} — ${v.recognitionDecision ?? ''} (${String(v.recognitionYear ?? '')})` : yesNo(false)}
      </dd>
      <dt>${t(l, VT.products)}</dt>
      <dd><a href="/admin/products?craftVillage=${v.id}">${formatNumber(l, v.productCount)}</a></dd>
      <dt>${t(l, VT.description)}</dt>
      <dd>${v.description ?? '—'}</dd>
      <dt>${t(l, VT.publicPage)}</dt>
      <dd><a href="${v.url}">${v.url}</a></dd>
    </dl>
    ${await recordHistory(ctx, 'craftVillage', v.id)}`;
  return boPage(view, { title: v.name, active: 'villages', body });
}

/* ---------- form ---------- */

function valuesOf(v: CraftVillageDto): Values {
  return {
    name: v.name,
    communeId: v.commune.id,
    craft: v.craft,
    recognized: v.recognized,
    traditional: v.traditional,
    recognitionDecision: v.recognitionDecision ?? undefined,
    recognitionYear: v.recognitionYear === null ? undefined : String(v.recognitionYear),
    description: v.description ?? undefined,
  };
}

function formValuesOf(body: unknown): Values {
  const names = [
    'name',
    'communeId',
    'craft',
    'recognitionDecision',
    'recognitionYear',
    'description',
  ] as const;
  const out: Values = {
    recognized: formValue(body, 'recognized') === '1',
    traditional: formValue(body, 'traditional') === '1',
  };
  for (const n of names) out[n] = formValue(body, n);
  return out;
}

/** Form values → the service's input; on edit, an emptied optional field clears it (null). */
function toInput(v: Values, patch: boolean): Record<string, unknown> {
  const optional = (value: unknown) => (value === undefined ? (patch ? null : undefined) : value);
  const input: Record<string, unknown> = {
    name: v.name ?? '',
    communeId: v.communeId ?? '',
    craft: v.craft ?? '',
    recognized: v.recognized ?? false,
    traditional: v.traditional ?? false,
    recognitionDecision: optional(v.recognitionDecision),
    recognitionYear: optional(intOrText(v.recognitionYear)),
    description: optional(v.description),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

function formPage(
  view: BoView,
  village: CraftVillageDto | null,
  v: Values,
  errors: Record<string, string>,
  communes: Array<{ value: string; label: string }>,
): string {
  const l = view.locale;
  const action = village ? `${BASE}/${village.id}/edit` : `${BASE}/new`;
  const body = html`${errorSummary(view, errors)}
    <form method="post" action="${action}" novalidate>
      ${csrfField(view)}
      ${field({ name: 'name', label: t(l, VT.name), value: v.name, error: errors.name, required: true })}
      ${selectField({ name: 'communeId', label: t(l, VT.commune), value: v.communeId, error: errors.communeId, required: true, blank: '', options: communes })}
      ${field({ name: 'craft', label: t(l, VT.craft), value: v.craft, error: errors.craft, required: true })}
      ${checkboxField({ name: 'traditional', label: t(l, VT.traditional), checked: v.traditional ?? false })}
      ${checkboxField({ name: 'recognized', label: t(l, VT.recognized), checked: v.recognized ?? false, hint: t(l, VT.recognitionHint) })}
      ${field({ name: 'recognitionDecision', label: t(l, VT.decision), value: v.recognitionDecision, error: errors.recognitionDecision })}
      ${field({ name: 'recognitionYear', label: t(l, VT.year), value: v.recognitionYear, error: errors.recognitionYear, type: 'number', attrs: raw(' min="1990" max="2100"') })}
      ${field({ name: 'description', label: t(l, VT.description), value: v.description, error: errors.description, type: 'textarea' })}
      <button type="submit">${t(l, BO.save)}</button>
      <a href="${village ? `${BASE}/${village.id}` : BASE}">${t(l, BO.cancel)}</a>
    </form>`;
  return boPage(view, {
    title: village ? `${t(l, VT.editTitle)}: ${village.name}` : t(l, VT.newTitle),
    active: 'villages',
    body,
  });
}
