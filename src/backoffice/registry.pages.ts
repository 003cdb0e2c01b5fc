import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../core/context.js';
import { DomainError, ValidationError } from '../core/errors.js';
import { t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { csrfField, pagination, type BoView } from './layout.js';
import { fieldErrors, formValue } from './bo-context.js';
import { certificatePages } from './certificates.page.js';
import { salesPointPages } from './sales-points.page.js';
import { villagePages } from './villages.page.js';

/** Certificates, craft villages and sales points in the back office. */
export function registryPages(app: FastifyInstance): void {
  certificatePages(app);
  villagePages(app);
  salesPointPages(app);
}

/* Helpers shared by the three registry pages (used at request time only, so the import cycle is harmless). */

/** Sends a rendered page, never cached (it shows what the signed-in user may see). */
export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
}

/** After a successful POST: back to the record's page with a short notice (Post/Redirect/Get). */
export function redirectWithNotice(reply: FastifyReply, path: string, notice: string): FastifyReply {
  // The query goes before any #fragment, or the browser would never send it.
  const [base = '', fragment] = path.split('#', 2);
  const sep = base.includes('?') ? '&' : '?';
  const hash = fragment === undefined ? '' : `#${fragment}`;
  return reply.redirect(`${base}${sep}notice=${encodeURIComponent(notice)}${hash}`, 303);
}

/** The query string as single strings (the last value wins for repeated keys); empty values dropped. */
export function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const one = Array.isArray(value) ? (value as unknown[]).at(-1) : value;
    if (typeof one === 'string' && one.trim() !== '') out[key] = one.trim();
  }
  return out;
}

/** The list's own parameters, to rebuild links (sort, pages) without the notice and language. */
export function listParams(query: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (key !== 'notice' && key !== 'lang') params.set(key, value);
  return params;
}

/** A page number from the query: 1 when absent or nonsense, capped so the offset stays sane. */
export function pageOf(query: Record<string, string>): number {
  const n = Number(query.page);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 100_000) : 1;
}

/** A whole number from a form field; the raw text when it is not one, so the schema names the field. */
export function intOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** A decimal number from a form field (a comma is accepted as the decimal mark); else the raw text. */
export function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : value;
}

/** Field errors of a refused form (validation, or a conflict naming a field), else null: rethrow. */
export function formErrors(error: unknown, locale: Locale): Record<string, string> | null {
  const fields = fieldErrors(error, locale);
  if (fields) return fields;
  if (error instanceof DomainError && error.code === 'conflict') {
    const field = error.details.find((d) => d.field)?.field ?? '_';
    return { [field]: locale === 'en' ? error.messageEn : error.message };
  }
  return null;
}

/** An error not tied to a visible field ("_"), shown above the form. */
export function generalError(errors: Record<string, string>, known: readonly string[]): SafeHtml {
  const other = Object.entries(errors).filter(([field]) => !known.includes(field));
  if (other.length === 0) return html``;
  return html`<div class="error-summary" role="alert">
    <ul>
      ${other.map(([, m]) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

/** A status badge ("Còn hiệu lực") with its colour class. */
export function badge(kind: string, label: string): SafeHtml {
  return html`<span class="status status-${kind}">${label}</span>`;
}

/** A bulk form names its action; anything else (or none) is refused before touching a row. */
export function requireBulkAction(body: unknown, expected: string): void {
  if (formValue(body, 'action') === expected) return;
  throw new ValidationError([
    { field: 'action', message: 'action: hãy chọn một thao tác', messageEn: 'action: choose an action' },
  ]);
}

/**
 * The frame of a registry list: the "new" button when the actor may create, the table — inside the bulk form with
 * its controls when the actor may act on some row, so "back" returns to the same filters — and the pages.
 */
export function registryList(
  view: BoView,
  o: {
    base: string;
    params: URLSearchParams;
    result: { total: number; page: number; limit: number };
    newLabel: string | null;
    table: SafeHtml;
    bulkControls: SafeHtml | null;
  },
): SafeHtml {
  const toolbar = o.newLabel
    ? html`<p class="toolbar"><a class="button" href="${o.base}/new">${o.newLabel}</a></p>`
    : '';
  if (o.result.total === 0)
    return html`${toolbar}
      <p>${t(view.locale, BO.none)}</p>`;
  const content = o.bulkControls
    ? html`<form method="post" action="${o.base}/bulk">
        ${csrfField(view)}
        <input type="hidden" name="back" value="${`${o.base}?${o.params.toString()}`}" />
        ${o.table}${o.bulkControls}
      </form>`
    : o.table;
  return html`${toolbar}${content}${pagination(view, o.base, o.params, o.result.page, o.result.limit, o.result.total)}`;
}

/** The "select" cell of a bulk list: a labelled checkbox where the actor may act on the row, else empty. */
export function selectCell(view: BoView, selectable: boolean, id: string, name: string): SafeHtml {
  const label = t(view.locale, BO.select);
  return html`<td>
    ${selectable ? html`<input type="checkbox" name="ids" value="${id}" aria-label="${label} ${name}" />` : ''}
  </td>`;
}
