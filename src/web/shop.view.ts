import type { FastifyRequest } from 'fastify';
import type { Locale } from '../core/context.js';
import { PAYMENT_METHOD_LABELS } from '../shop/sub-order.workflow.js';
import { formatMoney, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import { localePath, page } from './layout.js';
import type { PageEnv } from './page-context.js';
import type { BasketProduct } from './shop.repository.js';
import { SHOP } from './shop.text.js';
import { fill } from './web-i18n.js';

/** Markup of the shop pages: the basket's groups, the problem summary, the checkout form, the buy box. */

export interface ShownLine {
  product: BasketProduct;
  quantity: number;
}

export interface ProducerGroup {
  producerName: string;
  lines: ShownLine[];
  subtotalVnd: number;
}

const lineTotal = (l: ShownLine) => (l.product.priceVnd ?? 0) * l.quantity;

/** Lines grouped by producer, in the order producers first appear (as the order will be split). */
export function groupByProducer(lines: readonly ShownLine[]): ProducerGroup[] {
  const groups = new Map<string, ProducerGroup>();
  for (const line of lines) {
    const group = groups.get(line.product.producerId) ?? {
      producerName: line.product.producerName,
      lines: [],
      subtotalVnd: 0,
    };
    group.lines.push(line);
    group.subtotalVnd += lineTotal(line);
    groups.set(line.product.producerId, group);
  }
  return [...groups.values()];
}

/** The error summary at the top of a form: focusable, announced, one item per problem. */
export function problemSummary(title: string, messages: ReadonlyArray<string | SafeHtml>): SafeHtml | '' {
  if (messages.length === 0) return '';
  return html`<div class="notice" role="alert" id="problems" tabindex="-1">
    <h2>${title}</h2>
    <ul>
      ${messages.map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

function quantityCell(locale: Locale, line: ShownLine, editable: boolean): SafeHtml | number {
  if (!editable) return line.quantity;
  const id = `q-${line.product.id}`;
  return html`<label class="visually-hidden" for="${id}"
      >${t(locale, SHOP.quantity)} — ${line.product.name}</label
    ><input
      type="number"
      id="${id}"
      name="${`q_${line.product.id}`}"
      value="${line.quantity}"
      min="1"
      max="99"
      inputmode="numeric"
      class="qty"
    />`;
}

function lineRow(locale: Locale, line: ShownLine, editable: boolean): SafeHtml {
  const p = line.product;
  const price = p.priceVnd === null ? '—' : formatMoney(locale, p.priceVnd);
  const expiring =
    p.certificateStatus === 'expiring' ? html`<br /><small>${t(locale, SHOP.expiring)}</small>` : '';
  const remove = editable
    ? html`<td>
        <button
          type="submit"
          class="secondary"
          form="${`remove-${p.id}`}"
          name="remove"
          value="${p.id}"
          aria-label="${fill(t(locale, SHOP.removeNamed), { name: p.name })}"
        >
          ${t(locale, SHOP.remove)}
        </button>
      </td>`
    : '';
  return html`<tr>
    <th scope="row">
      <a href="${localePath(locale, `/products/${encodeURIComponent(p.id)}`)}">${p.name}</a>${expiring}
    </th>
    <td>${price}</td>
    <td>${quantityCell(locale, line, editable)}</td>
    <td>${formatMoney(locale, lineTotal(line))}</td>
    ${remove}
  </tr>`;
}

/**
 * One table per producer with its subtotal; `editable` adds quantity inputs and remove buttons. Each remove button
 * submits its own small form (`removeForms`), so Enter in a quantity field submits "update", never a removal.
 */
export function basketTables(locale: Locale, groups: readonly ProducerGroup[], editable: boolean): SafeHtml {
  return html`${groups.map(
    (g) =>
      html`<table class="basket">
        <caption>
          ${fill(t(locale, SHOP.producerPart), { name: g.producerName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t(locale, SHOP.product)}</th>
            <th scope="col">${t(locale, SHOP.unitPrice)}</th>
            <th scope="col">${t(locale, SHOP.quantity)}</th>
            <th scope="col">${t(locale, SHOP.lineTotal)}</th>
            ${editable ? html`<th scope="col"><span class="visually-hidden">${t(locale, SHOP.remove)}</span></th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${g.lines.map((l) => lineRow(locale, l, editable))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="3">${fill(t(locale, SHOP.subtotal), { name: g.producerName })}</th>
            <td>${formatMoney(locale, g.subtotalVnd)}</td>
            ${editable ? html`<td></td>` : ''}
          </tr>
        </tfoot>
      </table>`,
  )}`;
}

export function removeForms(locale: Locale, lines: readonly ShownLine[]): SafeHtml {
  return html`${lines.map(
    (l) =>
      html`<form
        id="${`remove-${l.product.id}`}"
        method="post"
        action="${localePath(locale, '/basket')}"
      ></form>`,
  )}`;
}

export function totalLine(locale: Locale, groups: readonly ProducerGroup[]): SafeHtml {
  const total = groups.reduce((sum, g) => sum + g.subtotalVnd, 0);
  return html`<p class="total">
    <strong>${t(locale, SHOP.total)}: <span data-total>${formatMoney(locale, total)}</span></strong>
  </p>`;
}

/** What the checkout form was given (kept when it is shown again with its errors). */
export interface CheckoutValues {
  name: string;
  phone: string;
  email: string;
  delivery: string;
  line: string;
  communeId: string;
  salesPointId: string;
  payment: string;
}

export interface CheckoutForm {
  action: string;
  values: CheckoutValues;
  /** Error messages by the form field they concern ('name', 'phone', … or '_' for the whole form). */
  errors: ReadonlyMap<string, string>;
  csrf: string;
  idempotencyKey: string;
  /** The unit prices shown, sent back so a price changed meanwhile is reported, never charged. */
  prices: ReadonlyArray<readonly [string, number]>;
  /** `search`: folded names, '|' between them, that the commune picker island filters on (old names too). */
  communes: ReadonlyArray<{ value: string; label: string; search?: string }>;
  points: ReadonlyArray<{ value: string; label: string }>;
}

function invalid(errors: ReadonlyMap<string, string>, field: string): SafeHtml | '' {
  return errors.has(field) ? html` aria-invalid="true" aria-describedby="${`${field}-error`}"` : '';
}

function fieldError(errors: ReadonlyMap<string, string>, field: string): SafeHtml | '' {
  const message = errors.get(field);
  return message === undefined ? '' : html`<p class="field-error" id="${`${field}-error`}">${message}</p>`;
}

function textField(
  f: CheckoutForm,
  field: keyof CheckoutValues,
  label: string,
  attrs: { type?: string; autocomplete: string; required?: boolean; maxlength: number },
): SafeHtml {
  return html`<div class="field">
    <label for="${field}">${label}</label>
    <input
      type="${attrs.type ?? 'text'}"
      id="${field}"
      name="${field}"
      value="${f.values[field]}"
      autocomplete="${attrs.autocomplete}"
      maxlength="${attrs.maxlength}"
      ${attrs.required ? raw(' required') : ''}${invalid(f.errors, field)}
    />
    ${fieldError(f.errors, field)}
  </div>`;
}

function choice(name: string, value: string, current: string, label: string): SafeHtml {
  const id = `${name}-${value}`;
  return html`<div class="choice">
    <input
      type="radio"
      id="${id}"
      name="${name}"
      value="${value}"
      ${current === value ? raw(' checked') : ''}
    />
    <label for="${id}">${label}</label>
  </div>`;
}

function optionTag(o: CheckoutForm['communes'][number], current: string): SafeHtml {
  const search = o.search === undefined ? '' : html`data-search="${o.search}"`;
  return html`<option value="${o.value}" ${search}${o.value === current ? raw(' selected') : ''}>
    ${o.label}
  </option>`;
}

/**
 * A plain select; `island` names the client island that enhances it (the commune picker adds a search box above
 * the list and filters it by the options' `data-search`). Without JavaScript the select is all there is.
 */
function selectBox(
  f: CheckoutForm,
  field: 'communeId' | 'salesPointId',
  label: string,
  options: CheckoutForm['communes'],
  blank: string,
  island?: string,
): SafeHtml {
  const hook = island === undefined ? '' : html`data-island="${island}"`;
  return html`<div class="field" ${hook}>
    <label for="${field}">${label}</label>
    <select id="${field}" name="${field}" ${invalid(f.errors, field)}>
      <option value="">${blank}</option>
      ${options.map((o) => optionTag(o, f.values[field]))}
    </select>
    ${fieldError(f.errors, field)}
  </div>`;
}

function deliveryFieldset(locale: Locale, f: CheckoutForm): SafeHtml {
  const pickup = f.points.length
    ? selectBox(f, 'salesPointId', t(locale, SHOP.salesPoint), f.points, '—')
    : html`<p class="muted">${t(locale, SHOP.noPickup)}</p>`;
  return html`<fieldset>
    <legend>${t(locale, SHOP.delivery)}</legend>
    ${choice('delivery', 'ship', f.values.delivery, t(locale, SHOP.ship))}
    ${textField(f, 'line', t(locale, SHOP.address), { autocomplete: 'address-line1', maxlength: 200 })}
    ${selectBox(f, 'communeId', t(locale, SHOP.commune), f.communes, t(locale, SHOP.chooseCommune), 'commune-picker')}
    ${f.points.length ? choice('delivery', 'pickup', f.values.delivery, t(locale, SHOP.pickup)) : ''}
    ${pickup} ${fieldError(f.errors, 'delivery')}
  </fieldset>`;
}

export function checkoutFormView(locale: Locale, f: CheckoutForm): SafeHtml {
  return html`<form method="post" action="${f.action}" novalidate>
    <input type="hidden" name="_csrf" value="${f.csrf}" />
    <input type="hidden" name="key" value="${f.idempotencyKey}" />
    ${f.prices.map(([id, price]) => html`<input type="hidden" name="${`p_${id}`}" value="${price}" />`)}
    <fieldset>
      <legend>${t(locale, SHOP.contact)}</legend>
      ${textField(f, 'name', t(locale, SHOP.name), { autocomplete: 'name', required: true, maxlength: 100 })}
      ${textField(f, 'phone', t(locale, SHOP.phone), { type: 'tel', autocomplete: 'tel', required: true, maxlength: 20 })}
      ${textField(f, 'email', t(locale, SHOP.email), { type: 'email', autocomplete: 'email', maxlength: 200 })}
    </fieldset>
    ${deliveryFieldset(locale, f)}
    <fieldset>
      <legend>${t(locale, SHOP.payment)}</legend>
      ${choice('payment', 'cod', f.values.payment, t(locale, PAYMENT_METHOD_LABELS.cod))}
      ${choice('payment', 'vietqr', f.values.payment, t(locale, PAYMENT_METHOD_LABELS.vietqr))}
      ${fieldError(f.errors, 'payment')}
    </fieldset>
    <button type="submit">${t(locale, SHOP.placeOrder)}</button>
  </form>`;
}

/** The product page's "add to basket" form, or why the product is not sold online. */
export function buyBox(locale: Locale, productId: string, sellable: boolean): SafeHtml {
  if (!sellable) return html`<p class="muted">${t(locale, SHOP.notSoldOnline)}</p>`;
  return html`<form class="buy" method="post" action="${localePath(locale, '/basket')}">
    <input type="hidden" name="action" value="add" />
    <input type="hidden" name="productId" value="${productId}" />
    <label for="buy-qty">${t(locale, SHOP.quantity)}</label>
    <input
      type="number"
      id="buy-qty"
      name="quantity"
      value="1"
      min="1"
      max="99"
      inputmode="numeric"
      class="qty"
    />
    <button type="submit">${t(locale, SHOP.addToBasket)}</button>
  </form>`;
}

/** Every shop page belongs to one visitor (their basket, their order): kept by no browser, proxy or page cache. */
export const PRIVATE = 'private, no-store';

export type Body = Record<string, string | undefined>;
export const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

/** Shop pages whose markup has an island hook; the others ship no JavaScript. */
const ISLAND_PAGES = new Set(['/checkout']);

/** A shop page in the layout, out of search engines; `query` is kept by the language switch. */
export function shopPage(env: PageEnv, path: string, title: string, body: SafeHtml, query?: string): string {
  return page(
    {
      locale: env.locale,
      path,
      title,
      description: t(env.locale, SHOP.basketDescription),
      publicUrl: env.publicUrl,
      noindex: true,
      ...(query === undefined ? {} : { query }),
      ...(ISLAND_PAGES.has(path) ? { scripts: islandScripts() } : {}),
    },
    body,
  );
}
