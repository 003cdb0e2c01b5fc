/**
 * The back office's layout (issue 5): server-rendered, Vietnamese and English, usable by keyboard and on a
 * tablet; works without JavaScript. Pages call `boPage(view, { title, active, body })` and send the string.
 *
 * `BoView` carries what every page needs: the locale, the signed-in user (or null on the sign-in pages), the
 * CSRF token to put in every form (`csrfField(view)`), and the current URL for the language switch.
 */
import type { Grant, Locale } from '../core/context.js';
import { can, type Resource } from '../accounts/policy.js';
import { ROLE_LABELS } from '../accounts/roles.js';
import { t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { BO_STYLES } from './styles.js';

export interface BoView {
  locale: Locale;
  user: { id: string; email: string; name: string; grants: readonly Grant[] } | null;
  csrf: string;
  /** Path and query of this page, for the language switch. */
  url: string;
  /** A one-line notice after a redirect (?saved=1 and the like). */
  notice?: string | undefined;
}

type NavKey =
  | 'home'
  | 'producers'
  | 'products'
  | 'certificates'
  | 'imports'
  | 'villages'
  | 'salesPoints'
  | 'applications'
  | 'councilSessions'
  | 'decisions'
  | 'orders'
  | 'shop'
  | 'audit'
  | 'users'
  | 'outbox';

const NAV: Array<{
  key: NavKey;
  href: string;
  resource: Resource;
  action: 'list' | 'read' | 'use' | 'decide';
}> = [
  { key: 'home', href: '/admin', resource: { type: 'backOffice' }, action: 'use' },
  { key: 'producers', href: '/admin/producers', resource: { type: 'producer' }, action: 'list' },
  { key: 'products', href: '/admin/products', resource: { type: 'product' }, action: 'list' },
  { key: 'certificates', href: '/admin/certificates', resource: { type: 'certificate' }, action: 'list' },
  { key: 'imports', href: '/admin/imports', resource: { type: 'import' }, action: 'use' },
  { key: 'villages', href: '/admin/craft-villages', resource: { type: 'craftVillage' }, action: 'list' },
  { key: 'salesPoints', href: '/admin/sales-points', resource: { type: 'salesPoint' }, action: 'list' },
  { key: 'applications', href: '/admin/applications', resource: { type: 'application' }, action: 'list' },
  {
    key: 'councilSessions',
    href: '/admin/council-sessions',
    resource: { type: 'councilSession' },
    action: 'list',
  },
  { key: 'decisions', href: '/admin/decisions', resource: { type: 'application' }, action: 'decide' },
  { key: 'orders', href: '/admin/orders', resource: { type: 'subOrder' }, action: 'list' },
  { key: 'shop', href: '/admin/shop', resource: { type: 'subOrder' }, action: 'list' },
  { key: 'audit', href: '/admin/audit', resource: { type: 'auditLog' }, action: 'list' },
  { key: 'users', href: '/admin/users', resource: { type: 'user' }, action: 'list' },
  { key: 'outbox', href: '/admin/outbox', resource: { type: 'outbox' }, action: 'read' },
];

export function csrfField(view: BoView): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${view.csrf}" />`;
}

function switchUrl(view: BoView): string {
  const other = view.locale === 'vi' ? 'en' : 'vi';
  const [path = '/admin', query = ''] = view.url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other);
  return `${path}?${params.toString()}`;
}

function nav(view: BoView, active: NavKey | null): SafeHtml {
  const user = view.user;
  if (!user) return html``;
  const actor = { kind: 'user' as const, id: user.id, grants: user.grants };
  const items = NAV.filter((n) => can(actor, n.action, n.resource));
  return html`<nav
    class="bo-nav"
    aria-label="${view.locale === 'vi' ? 'Điều hướng quản trị' : 'Back office'}"
  >
    <ul>
      ${items.map(
        (n) =>
          html`<li>
            <a href="${n.href}" ${n.key === active ? raw(' aria-current="page"') : ''}
              >${t(view.locale, BO[n.key])}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

export function roleNames(locale: Locale, grants: readonly Grant[]): string {
  return [...new Set(grants.map((g) => t(locale, ROLE_LABELS[g.role])))].join(', ');
}

export function boPage(
  view: BoView,
  options: {
    title: Text | string;
    active?: NavKey | null;
    body: SafeHtml;
    /** Module scripts (client islands), loaded at the end of <body>. */
    scripts?: readonly string[];
  },
): string {
  const l = view.locale;
  const title = typeof options.title === 'string' ? options.title : t(l, options.title);
  const user = view.user;
  return `<!doctype html>${
    html`<html lang="${l}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title} — ${t(l, BO.brand)}</title>
        <style>
          ${raw(BO_STYLES)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${t(l, BO.skip)}</a>
        <header class="bo-header">
          <a class="brand" href="/admin">${t(l, BO.brand)}</a>
          <div class="bo-user">
            <a
              href="${switchUrl(view)}"
              lang="${l === 'vi' ? 'en' : 'vi'}"
              hreflang="${l === 'vi' ? 'en' : 'vi'}"
              >${t(l, BO.language)}</a
            >
            ${
              user
                ? html`<span class="who">${user.name} <small>(${roleNames(l, user.grants)})</small></span>
                    <form method="post" action="/admin/sign-out" class="inline">
                      ${csrfField(view)}<button type="submit" class="link">${t(l, BO.signOut)}</button>
                    </form>`
                : ''
            }
          </div>
        </header>
        ${nav(view, options.active ?? null)}
        <main id="main" tabindex="-1">
          ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
          <h1>${title}</h1>
          ${options.body}
        </main>
        ${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </body>
    </html>`.value
  }`;
}

/** The list of field errors at the top of a form, linked to the fields (WCAG 3.3.1). */
export function errorSummary(view: BoView, errors: Record<string, string>): SafeHtml {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
    <p>${t(view.locale, BO.errorsTitle)}</p>
    <ul>
      ${entries.map(([field, message]) => html`<li><a href="#f-${field}">${message}</a></li>`)}
    </ul>
  </div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'tel' | 'date' | 'textarea';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  attrs?: SafeHtml;
}

/** A labelled input with its hint and error tied by aria-describedby. */
export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html`id="${id}"
  name="${o.name}"${o.required ? raw(' required') : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${o.error ? raw(' aria-invalid="true"') : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.attrs ?? ''}`;
  const control =
    o.type === 'textarea'
      ? html`<textarea ${common} rows="4">${o.value ?? ''}</textarea>`
      : html`<input type="${o.type ?? 'text'}" ${common} value="${o.value ?? ''}" />`;
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''} ${control}
  </div>`;
}

export function selectField(
  o: Omit<FieldOptions, 'type'> & {
    options: ReadonlyArray<{ value: string; label: string }>;
    blank?: string;
  },
): SafeHtml {
  const id = `f-${o.name}`;
  const value = o.value === null || o.value === undefined ? '' : String(o.value);
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''}
    <select
      id="${id}"
      name="${o.name}"
      ${o.required ? raw(' required') : ''}${o.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}
    >
      ${o.blank !== undefined ? html`<option value="">${o.blank}</option>` : ''}
      ${o.options.map(
        (opt) =>
          html`<option value="${opt.value}" ${opt.value === value ? raw(' selected') : ''}>
            ${opt.label}
          </option>`,
      )}
    </select>
  </div>`;
}

export function checkboxField(o: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field check">
    <input type="checkbox" id="${id}" name="${o.name}" value="1" ${o.checked ? raw(' checked') : ''} />
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
  </div>`;
}

/** Page links that keep the other query parameters. */
export function pagination(
  view: BoView,
  base: string,
  params: URLSearchParams,
  page: number,
  limit: number,
  total: number,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / limit));
  const link = (p: number) => {
    const q = new URLSearchParams(params);
    q.set('page', String(p));
    return `${base}?${q.toString()}`;
  };
  const l = view.locale;
  return html`<nav class="pagination" aria-label="${t(l, BO.page)}">
    <p>
      ${total.toLocaleString(l === 'vi' ? 'vi-VN' : 'en-GB')} ${t(l, BO.results)} · ${t(l, BO.page)} ${page}
      ${t(l, BO.of)} ${pages}
    </p>
    ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← ${t(l, BO.previous)}</a>` : ''}
    ${page < pages ? html`<a href="${link(page + 1)}" rel="next">${t(l, BO.next)} →</a>` : ''}
  </nav>`;
}

/** A sortable column header: links toggle between ascending and descending. */
export function sortHeader(
  base: string,
  params: URLSearchParams,
  key: string,
  label: string,
  current: string,
): SafeHtml {
  const q = new URLSearchParams(params);
  const next = current === key ? `-${key}` : key;
  q.set('sort', next);
  q.delete('page');
  const state = current === key ? 'ascending' : current === `-${key}` ? 'descending' : 'none';
  return html`<th scope="col" aria-sort="${state}">
    <a href="${base}?${q.toString()}"
      >${label}${state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}</a
    >
  </th>`;
}
