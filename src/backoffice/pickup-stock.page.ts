import type { FastifyInstance } from 'fastify';
import type { Locale } from '../core/context.js';
import { DomainError, ForbiddenError } from '../core/errors.js';
import type { PickupStockRow } from '../shop/pickup-stock.repository.js';
import { pickupStock, setPickupStock, type PickupStock } from '../shop/pickup-stock.service.js';
import { MAX_STOCK } from '../shop/producer-shop.service.js';
import { t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { requireStaff } from './bo-context.js';
import { boPage, csrfField, errorSummary, type BoView } from './layout.js';
import { PS } from './pickup-stock.text.js';
import { intOrText, redirectWithNotice, sendPage } from './registry.pages.js';

const BASE = '/admin/sales-points';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/sales-points/:id/stock';
const PREFIX = 'quantity.';

/**
 * /admin/sales-points/:id/stock: the units a sales point holds for pickup, one number per product it carries.
 * A plain form (no JavaScript); a refused save answers 400 with each bad row marked and what was typed kept.
 */
export function pickupStockPages(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const data = await pickupStock(ctx, request.params.id);
    if (!data.mayUpdate) throw new ForbiddenError();
    return sendPage(reply, stockPage(view, data, {}, {}));
  });

  app.post<{ Params: { id: string } }>(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const typed = typedValues(request.body);
    try {
      await setPickupStock(
        ctx,
        request.params.id,
        typed.map(([productId, value]) => ({ productId, quantity: intOrText(value.trim()) })),
      );
      const back = `${BASE}/${encodeURIComponent(request.params.id)}/stock`;
      return await redirectWithNotice(reply, back, t(view.locale, PS.saved));
    } catch (error) {
      const errors = errorsByField(error, view.locale);
      if (!errors) throw error;
      const data = await pickupStock(ctx, request.params.id);
      return sendPage(reply, stockPage(view, data, Object.fromEntries(typed), errors), 400);
    }
  });
}

/** The form's `quantity.<product id>` fields as [product id, text typed]; a repeated field gives two entries. */
function typedValues(body: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!key.startsWith(PREFIX)) continue;
    for (const one of [value].flat()) if (typeof one === 'string') out.push([key.slice(PREFIX.length), one]);
  }
  return out;
}

/** A refused save's messages keyed by their whole field (`quantity.<product id>`), so each row shows its own. */
function errorsByField(error: unknown, locale: Locale): Record<string, string> | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  const out: Record<string, string> = {};
  for (const d of error.details)
    out[d.field ?? '_'] ??= locale === 'en' ? (d.messageEn ?? d.message) : d.message;
  if (Object.keys(out).length === 0) out._ = locale === 'en' ? error.messageEn : error.message;
  return out;
}

function productName(l: Locale, r: PickupStockRow): string {
  return l === 'en' && r.name_en ? r.name_en : r.name_vi;
}

function stockPage(
  view: BoView,
  data: PickupStock,
  typed: Record<string, string>,
  errors: Record<string, string>,
): string {
  const l = view.locale;
  const p = data.salesPoint;
  const body = html`<p><a href="${BASE}/${p.id}">${t(l, PS.back)}</a></p>
    <p class="hint">${t(l, PS.hint)}</p>
    ${errorSummary(view, errors)}
    ${
      data.rows.length === 0
        ? html`<p>${t(l, PS.none)}</p>
            <p><a class="button" href="${BASE}/${p.id}/products">${t(l, PS.chooseProducts)}</a></p>`
        : html`<form method="post" action="${BASE}/${p.id}/stock" class="form">
            ${csrfField(view)}
            <div class="table-wrap">
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">${t(l, PS.product)}</th>
                    <th scope="col">${t(l, PS.producer)}</th>
                    <th scope="col">${t(l, PS.quantity)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.rows.map((r) => row(l, r, typed, errors))}
                </tbody>
              </table>
            </div>
            <button type="submit">${t(l, PS.save)}</button>
          </form>`
    }`;
  return boPage(view, { title: `${t(l, PS.title)}: ${p.name}`, active: 'salesPoints', body });
}

function row(
  l: Locale,
  r: PickupStockRow,
  typed: Record<string, string>,
  errors: Record<string, string>,
): SafeHtml {
  const name = `${PREFIX}${r.product_id}`;
  const id = `f-${name}`;
  const error = errors[name];
  const value = typed[r.product_id] ?? String(r.quantity);
  return html`<tr${error ? raw(' class="has-error"') : ''}>
    <th scope="row"><label for="${id}">${productName(l, r)}</label></th>
    <td>${r.producer_name}</td>
    <td>
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
      <input
        id="${id}"
        name="${name}"
        type="number"
        min="0"
        max="${MAX_STOCK}"
        step="1"
        inputmode="numeric"
        value="${value}"
        ${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}
      />
    </td>
  </tr>`;
}
