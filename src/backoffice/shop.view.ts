import type { Locale } from '../core/context.js';
import type { ProducerPayeeTable } from '../db/schema.js';
import type { StockRow } from '../shop/producer-shop.repository.js';
import type { SalesRow } from '../shop/producer-shop.service.js';
import { VIETQR_BANKS } from '../shop/vietqr.js';
import { formatMoney, formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { csrfField, errorSummary, field, selectField, type BoView } from './layout.js';
import { SH } from './shop.text.js';

/** /admin/shop: a producer's bank account, stock and sales; the city office's sales by producer and commune. */

export const SHOP = '/admin/shop';

export interface PayeeValues {
  bankBin?: string | undefined;
  accountNumber?: string | undefined;
  accountName?: string | undefined;
}

export function payeeValues(payee: ProducerPayeeTable | null): PayeeValues {
  if (!payee) return {};
  return {
    bankBin: payee.bank_bin,
    accountNumber: payee.account_number,
    accountName: payee.account_name ?? undefined,
  };
}

export function payeeForm(
  view: BoView,
  producerId: string,
  v: PayeeValues,
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  const banks = VIETQR_BANKS.map((b) => ({ value: b.bin, label: `${b.shortName} — ${t(l, b.name)}` }));
  // A BIN saved earlier that is not in the picker's list stays selectable, or saving again would lose it.
  if (v.bankBin && !banks.some((b) => b.value === v.bankBin))
    banks.push({ value: v.bankBin, label: v.bankBin });
  return html`<h2 id="h-bank">${t(l, SH.bank)}</h2>
    <p class="hint">${t(l, SH.bankHint)}</p>
    ${errorSummary(view, errors)}
    <form method="post" action="${SHOP}/payee?producer=${producerId}" class="form" novalidate>
      ${csrfField(view)}
      ${selectField({
        name: 'bankBin',
        label: t(l, SH.bankName),
        options: banks,
        blank: t(l, SH.chooseBank),
        value: v.bankBin,
        required: true,
        error: errors.bankBin,
      })}
      ${field({ name: 'accountNumber', label: t(l, SH.accountNumber), value: v.accountNumber, required: true, error: errors.accountNumber, autocomplete: 'off' })}
      ${field({ name: 'accountName', label: t(l, SH.accountName), value: v.accountName, error: errors.accountName })}
      <button type="submit">${t(l, BO.save)}</button>
    </form>`;
}

export function stockForm(
  view: BoView,
  producerId: string,
  rows: readonly StockRow[],
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  if (rows.length === 0)
    return html`<h2 id="h-stock">${t(l, SH.stock)}</h2>
      <p>${t(l, SH.noProducts)}</p>`;
  return html`<h2 id="h-stock">${t(l, SH.stock)}</h2>
    <p class="hint">${t(l, SH.stockHint)}</p>
    ${errors.stock ? html`<p class="error" id="f-stock">${errors.stock}</p>` : ''}
    <form method="post" action="${SHOP}/stock?producer=${producerId}" class="form">
      ${csrfField(view)}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">${t(l, SH.product)}</th>
            <th scope="col">${t(l, SH.price)}</th>
            <th scope="col">${t(l, SH.quantity)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td><label for="s-${r.id}">${r.name_vi}</label></td>
                <td>${r.price_vnd === null ? '—' : formatMoney(l, r.price_vnd)}</td>
                <td>
                  <input
                    id="s-${r.id}"
                    name="stock.${r.id}"
                    type="number"
                    min="0"
                    max="1000000"
                    step="1"
                    inputmode="numeric"
                    value="${r.quantity ?? 0}"
                  />
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <button type="submit">${t(l, SH.saveStock)}</button>
    </form>`;
}

export function salesTable(
  locale: Locale,
  rows: readonly SalesRow[],
  by: 'month' | 'producer' | 'commune',
): SafeHtml {
  const l = locale;
  if (rows.length === 0) return html`<p>${t(l, SH.noSales)}</p>`;
  return html`<table class="list">
    <thead>
      <tr>
        <th scope="col">${t(l, SH.month)}</th>
        ${by === 'producer' ? html`<th scope="col">${t(l, SH.producer)}</th>` : ''}
        ${by !== 'month' ? html`<th scope="col">${t(l, SH.commune)}</th>` : ''}
        <th scope="col">${t(l, SH.count)}</th>
        <th scope="col">${t(l, SH.revenue)}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td>${r.month}</td>
            ${by === 'producer' ? html`<td>${r.producerName}</td>` : ''}
            ${by !== 'month' ? html`<td>${r.communeName ?? r.communeId}</td>` : ''}
            <td>${formatNumber(l, r.subOrders)}</td>
            <td>${formatMoney(l, r.totalVnd)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
