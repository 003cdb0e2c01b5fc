import type { SubOrderDetail } from '../shop/producer-shop.service.js';
import type { SubOrderListRow } from '../shop/producer-shop.repository.js';
import {
  EVENT_LABELS,
  FULFILMENT_LABELS,
  FULFILMENT_STATES,
  PAYMENT_LABELS,
  PAYMENT_METHOD_LABELS,
  REFUSAL_LABELS,
  TRANSITIONS,
  type FulfilmentState,
  type PaymentState,
  type SubOrderEvent,
} from '../shop/sub-order.workflow.js';
import { formatDateTime, formatMoney, formatNumber, t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { csrfField, errorSummary, pagination, type BoView } from './layout.js';
import { SH } from './shop.text.js';

/** The back office's views of sub-orders: the list to handle and one sub-order with its buttons. */

export const ORDERS = '/admin/orders';

/** States stored as text: a label when known, the raw value otherwise (never an empty cell). */
const stateLabel = (l: BoView['locale'], s: string) =>
  s in FULFILMENT_LABELS ? t(l, FULFILMENT_LABELS[s as FulfilmentState]) : s;
const paymentLabel = (l: BoView['locale'], s: string) =>
  s in PAYMENT_LABELS ? t(l, PAYMENT_LABELS[s as PaymentState]) : s;
const eventLabel = (l: BoView['locale'], e: string) =>
  e in EVENT_LABELS ? t(l, EVENT_LABELS[e as SubOrderEvent]) : e === 'place' ? t(l, SH.placed) : e;
const orderCode = (number: string, seq: number) => `${number}-P${String(seq)}`;

export function ordersList(
  view: BoView,
  list: { rows: SubOrderListRow[]; total: number },
  f: { status?: string | undefined; page: number; limit: number },
): SafeHtml {
  const l = view.locale;
  const params = new URLSearchParams(f.status ? { status: f.status } : {});
  return html`<form method="get" action="${ORDERS}" class="filters" role="search">
      <div class="field">
        <label for="f-status">${t(l, SH.status)}</label>
        <select id="f-status" name="status">
          <option value="">${t(l, SH.allStatuses)}</option>
          ${FULFILMENT_STATES.map(
            (s) =>
              html`<option value="${s}" ${s === f.status ? raw(' selected') : ''}>
                ${t(l, FULFILMENT_LABELS[s])}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit">${t(l, BO.filter)}</button>
    </form>
    ${list.rows.length === 0 ? html`<p>${t(l, SH.none)}</p>` : ordersTable(view, list.rows)}
    ${pagination(view, ORDERS, params, f.page, f.limit, list.total)}`;
}

function ordersTable(view: BoView, rows: readonly SubOrderListRow[]): SafeHtml {
  const l = view.locale;
  return html`<table class="list">
    <thead>
      <tr>
        <th scope="col">${t(l, SH.number)}</th>
        <th scope="col">${t(l, SH.date)}</th>
        <th scope="col">${t(l, SH.buyer)}</th>
        <th scope="col">${t(l, SH.producer)}</th>
        <th scope="col">${t(l, SH.total)}</th>
        <th scope="col">${t(l, SH.status)}</th>
        <th scope="col">${t(l, SH.payment)}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td><a href="${ORDERS}/${r.id}">${orderCode(r.number, r.seq)}</a></td>
            <td>${formatDateTime(l, r.created_at)}</td>
            <td>${r.customer_name}</td>
            <td>${r.producer_name}</td>
            <td>${formatMoney(l, r.total_vnd)}</td>
            <td>${stateLabel(l, r.status)}</td>
            <td>${t(l, PAYMENT_METHOD_LABELS[r.payment])} · ${paymentLabel(l, r.payment_status)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function orderTitle(d: SubOrderDetail): Text {
  const code = orderCode(d.number, d.seq);
  return { vi: SH.order.vi.replace('{n}', code), en: SH.order.en.replace('{n}', code) };
}

export function orderDetail(view: BoView, d: SubOrderDetail, errors: Record<string, string>): SafeHtml {
  const l = view.locale;
  return html`<p><a href="${ORDERS}">${t(l, SH.back)}</a></p>
    ${errorSummary(view, errors)}
    <dl class="facts">
      <dt>${t(l, SH.producer)}</dt>
      <dd>${d.producer.name}</dd>
      <dt>${t(l, SH.date)}</dt>
      <dd>${formatDateTime(l, d.createdAt)}</dd>
      <dt>${t(l, SH.status)}</dt>
      <dd id="status">${stateLabel(l, d.status)}</dd>
      <dt>${t(l, SH.payment)}</dt>
      <dd id="payment">
        ${t(l, PAYMENT_METHOD_LABELS[d.payment])} · ${paymentLabel(l, d.paymentStatus)}
        ${d.shipBeforePayment ? html` · ${t(l, SH.shippedUnpaid)}` : ''}
      </dd>
      ${
        d.memo
          ? html`<dt>${t(l, SH.memo)}</dt>
              <dd><code>${d.memo}</code></dd>`
          : ''
      }
      ${
        d.cancelReason
          ? html`<dt>${t(l, SH.cancelReason)}</dt>
              <dd>${d.cancelReason}</dd>`
          : ''
      }
      <dt>${t(l, SH.buyer)}</dt>
      <dd>${d.buyer.name} · ${d.buyer.phone}${d.buyer.email ? html` · ${d.buyer.email}` : ''}</dd>
      <dt>${t(l, SH.delivery)}</dt>
      <dd>${deliveryText(view, d)}</dd>
    </dl>
    ${linesTable(view, d)} ${eventForms(view, d, errors)} ${historyTable(view, d)}`;
}

function deliveryText(view: BoView, d: SubOrderDetail): string {
  const l = view.locale;
  if (d.delivery.method === 'pickup') return `${t(l, SH.pickup)}: ${d.delivery.salesPoint ?? ''}`;
  const where = [d.delivery.line, d.delivery.commune].filter(Boolean).join(', ');
  return `${t(l, SH.ship)}: ${where}`;
}

function linesTable(view: BoView, d: SubOrderDetail): SafeHtml {
  const l = view.locale;
  return html`<table class="list">
    <thead>
      <tr>
        <th scope="col">${t(l, SH.product)}</th>
        <th scope="col">${t(l, SH.unitPrice)}</th>
        <th scope="col">${t(l, SH.quantity)}</th>
        <th scope="col">${t(l, SH.amount)}</th>
      </tr>
    </thead>
    <tbody>
      ${d.lines.map(
        (line) =>
          html`<tr>
            <td>${line.name}</td>
            <td>${formatMoney(l, line.unit_price_vnd)}</td>
            <td>${formatNumber(l, line.quantity)}</td>
            <td>${formatMoney(l, line.unit_price_vnd * line.quantity)}</td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan="3">${t(l, SH.total)}</th>
        <td>${formatMoney(l, d.total)}</td>
      </tr>
    </tfoot>
  </table>`;
}

/** One form per event the actor may fire; events that need a reason carry their own reason field. */
function eventForms(view: BoView, d: SubOrderDetail, errors: Record<string, string>): SafeHtml {
  const l = view.locale;
  if (d.events.length === 0) return html`<p>${t(l, SH.noActions)}</p>`;
  // Why "ship" is missing: told before the producer wonders, not only after a refused post.
  const unpaid = d.status === 'packed' && d.payment === 'vietqr' && d.paymentStatus === 'pending';
  return html`<h2 id="h-actions">${t(l, SH.actions)}</h2>
    ${unpaid ? html`<p class="hint" id="unpaid">${t(l, REFUSAL_LABELS.unpaid_transfer)}</p>` : ''}
    <div class="actions">
      ${d.events.map((event) => eventForm(view, d, event, errors))}
      ${d.mayShipUnpaid ? shipUnpaidForm(view, d) : ''}
    </div>`;
}

/** Shipping a VietQR part before its transfer: a separate form, confirmed by a box the producer ticks. */
function shipUnpaidForm(view: BoView, d: SubOrderDetail): SafeHtml {
  const l = view.locale;
  return html`<form
    method="post"
    action="${ORDERS}/${d.id}/events/ship"
    class="form inline-form"
    id="ship-unpaid"
  >
    ${csrfField(view)}
    <div class="field">
      <input type="checkbox" id="f-ship-unpaid" name="shipBeforePayment" required />
      <label for="f-ship-unpaid">${t(l, SH.shipUnpaidConfirm)}</label>
    </div>
    <button type="submit">${t(l, SH.shipUnpaid)}</button>
  </form>`;
}

function eventForm(
  view: BoView,
  d: SubOrderDetail,
  event: SubOrderEvent,
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  const reason = TRANSITIONS[event].needsReason === true;
  const id = `f-reason-${event}`;
  return html`<form method="post" action="${ORDERS}/${d.id}/events/${event}" class="form inline-form">
    ${csrfField(view)}
    ${
      reason
        ? html`<div class="field${errors.reason ? ' has-error' : ''}" id="f-reason">
            <label for="${id}">${t(l, SH.reason)}</label>
            <input id="${id}" name="reason" maxlength="500" required />
          </div>`
        : ''
    }
    <button type="submit" name="event" value="${event}">${t(l, EVENT_LABELS[event])}</button>
  </form>`;
}

function historyTable(view: BoView, d: SubOrderDetail): SafeHtml {
  const l = view.locale;
  return html`<h2 id="h-history">${t(l, SH.history)}</h2>
    <table class="list">
      <thead>
        <tr>
          <th scope="col">${t(l, SH.at)}</th>
          <th scope="col">${t(l, SH.event)}</th>
          <th scope="col">${t(l, SH.status)}</th>
          <th scope="col">${t(l, SH.by)}</th>
        </tr>
      </thead>
      <tbody>
        ${d.history.map(
          (e) =>
            html`<tr>
              <td>${formatDateTime(l, e.at)}</td>
              <td>${eventLabel(l, e.event)} ${e.reason ? html`— ${e.reason}` : ''}</td>
              <td>${stateLabel(l, e.to_status)} · ${paymentLabel(l, e.to_payment)}</td>
              <td>${e.actor.split(':')[0] ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
