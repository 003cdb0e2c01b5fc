import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../accounts/policy.js';
import {
  CERTIFICATE_STATUSES,
  type CertificateLevel,
  type CertificateStatus,
} from '../certificates/certificate.js';
import type { CertificateDto } from '../certificates/certificate.presenter.js';
import { CERTIFICATE_SORTS } from '../certificates/certificate.repository.js';
import {
  certificateInScope,
  issueCertificate,
  listCertificatesInScope,
  REVOCATION_REASONS,
  revokeCertificate,
  revokeCertificates,
  type CertificateInScope,
} from '../certificates/certificate.service.js';
import type { Ctx } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import { publicUrls } from '../core/public-urls.js';
import { signedVerifyPath } from '../web/verification.js';
import { formatDate, formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import { boPage, csrfField, errorSummary, field, selectField, sortHeader, type BoView } from './layout.js';
import { communeOptions } from './options.js';
import { CT, LEVELS, REASONS, reasonText, STATUS_TEXT, statusBadge } from './registry.text.js';
import {
  formErrors,
  intOrText,
  listParams,
  numberOrText,
  pageOf,
  queryOf,
  redirectWithNotice,
  registryList,
  requireBulkAction,
  sendPage,
} from './registry.pages.js';

const BASE = '/admin/certificates';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/certificates';
const LIMIT = 20;

/** /admin/certificates: list, detail, issue, revoke (one and "revoke selected"). */
export function certificatePages(app: FastifyInstance): void {
  const urlsOf = (ctx: Ctx) => publicUrls(app.publicUrl, ctx.locale);
  /** The address the certificate's QR code carries (signed, as printed under it), not the bare look-up. */
  const qrAddress = (found: CertificateInScope) =>
    `${app.publicUrl}${signedVerifyPath('vi', app.secret, found.certificate.number, found.certificate.product.id)}`;

  app.get(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const query = queryOf(request);
    const result = await listCertificatesInScope(ctx, listQuery(query), urlsOf(ctx));
    const body = html`${await filters(view, ctx, query)}${listTable(view, ctx, query, result)}`;
    return sendPage(reply, boPage(view, { title: BO.certificates, active: 'certificates', body }));
  });

  app.post(`${ROUTE}/bulk`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const ids = formValues(request.body, 'ids');
    const back = safeBack(formValue(request.body, 'back'));
    try {
      requireBulkAction(request.body, 'revoke');
      const done = await revokeCertificates(ctx, ids, revocationForm(request));
      const text = t(view.locale, CT.bulkDone)
        .replace('{n}', formatNumber(view.locale, done.revoked))
        .replace('{m}', formatNumber(view.locale, done.alreadyRevoked));
      return await redirectWithNotice(reply, back, text);
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const body = html`${errorSummary(view, errors)}
        <p><a href="${back}">${t(view.locale, CT.backToList)}</a></p>`;
      return sendPage(reply, boPage(view, { title: CT.bulkFailed, active: 'certificates', body }), 400);
    }
  });

  app.get(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    requireIssuer(ctx);
    const product = queryOf(request).product;
    return sendPage(reply, issuePage(view, { productId: product, level: 'province', stars: '4' }, {}));
  });

  app.post(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    requireIssuer(ctx);
    const values = issueValues(request.body);
    try {
      const id = await issueCertificate(ctx, issueInput(values));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, CT.issued));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, issuePage(view, values, errors), 400);
    }
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const found = await certificateInScope(ctx, request.params.id, urlsOf(ctx));
    return sendPage(reply, await detailPage(view, ctx, found, qrAddress(found), {}, {}));
  });

  app.post<{ Params: { id: string } }>(`${ROUTE}/:id/revoke`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    try {
      await revokeCertificate(ctx, request.params.id, revocationForm(request));
      return await redirectWithNotice(
        reply,
        `${BASE}/${encodeURIComponent(request.params.id)}`,
        t(view.locale, CT.revoked),
      );
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const found = await certificateInScope(ctx, request.params.id, urlsOf(ctx));
      const values = { reason: formValue(request.body, 'reason'), note: formValue(request.body, 'note') };
      return sendPage(reply, await detailPage(view, ctx, found, qrAddress(found), values, errors), 400);
    }
  });
}

function requireIssuer(ctx: Ctx): void {
  if (!can(ctx.actor, 'issue', { type: 'certificate' })) throw new ForbiddenError();
}

/** Only paths inside the list go back there (no open redirect through the form). */
function safeBack(back: string | undefined): string {
  return back?.startsWith(`${BASE}?`) || back === BASE ? back : BASE;
}

function revocationForm(request: FastifyRequest): Record<string, unknown> {
  const reason = formValue(request.body, 'reason');
  const note = formValue(request.body, 'note');
  return { reason: reason ?? '', ...(note === undefined ? {} : { note }) };
}

/* ---------- list ---------- */

function listQuery(query: Record<string, string>) {
  const status = CERTIFICATE_STATUSES.find((s) => s === query.status);
  const stars = Number(query.stars);
  const level = (['district', 'province', 'central'] as const).find((l) => l === query.level);
  const year = Number(query.year);
  const sort = CERTIFICATE_SORTS.find((s) => s === query.sort);
  return {
    page: pageOf(query),
    limit: LIMIT,
    ...(query.q ? { q: query.q.slice(0, 100) } : {}),
    ...(status ? { certificate: status } : {}),
    ...(stars >= 3 && stars <= 5 ? { stars: [stars] } : {}),
    ...(level ? { level } : {}),
    ...(query.commune ? { commune: query.commune.slice(0, 64) } : {}),
    ...(Number.isInteger(year) && year >= 1990 && year <= 2100 ? { year } : {}),
    sort: sort ?? '-issuedOn',
  };
}

async function filters(view: BoView, ctx: Ctx, query: Record<string, string>): Promise<SafeHtml> {
  const l = view.locale;
  const communes = await communeOptions(ctx);
  return html`<form method="get" action="${BASE}" class="filters" role="search">
    ${field({ name: 'q', label: t(l, CT.searchLabel), value: query.q, type: 'text' })}
    ${selectField({
      name: 'status',
      label: t(l, CT.status),
      value: query.status,
      blank: t(l, CT.any),
      options: CERTIFICATE_STATUSES.map((s) => ({ value: s, label: t(l, STATUS_TEXT[s]) })),
    })}
    ${selectField({
      name: 'stars',
      label: t(l, CT.stars),
      value: query.stars,
      blank: t(l, CT.any),
      options: [3, 4, 5].map((s) => ({ value: String(s), label: `${'★'.repeat(s)} (${String(s)})` })),
    })}
    ${selectField({
      name: 'level',
      label: t(l, CT.level),
      value: query.level,
      blank: t(l, CT.any),
      options: Object.entries(LEVELS).map(([value, text]) => ({ value, label: t(l, text) })),
    })}
    ${selectField({ name: 'commune', label: t(l, CT.commune), value: query.commune, blank: t(l, CT.any), options: communes })}
    ${field({ name: 'year', label: t(l, CT.year), value: query.year, type: 'number', attrs: raw(' min="1990" max="2100"') })}
    ${query.sort ? html`<input type="hidden" name="sort" value="${query.sort}" />` : ''}
    <button type="submit">${t(l, BO.filter)}</button>
  </form>`;
}

function listTable(
  view: BoView,
  ctx: Ctx,
  query: Record<string, string>,
  result: { items: CertificateDto[]; total: number; page: number; limit: number },
): SafeHtml {
  const l = view.locale;
  const params = listParams(query);
  const sort = query.sort ?? '-issuedOn';
  const mayRevoke = can(ctx.actor, 'revoke', { type: 'certificate' });
  const table = html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${mayRevoke ? html`<th scope="col">${t(l, BO.select)}</th>` : ''}
          ${sortHeader(BASE, params, 'number', t(l, CT.number), sort)}
          <th scope="col">${t(l, CT.product)}</th>
          ${sortHeader(BASE, params, 'stars', t(l, CT.stars), sort)}
          <th scope="col">${t(l, CT.producer)}</th>
          <th scope="col">${t(l, CT.status)}</th>
          ${sortHeader(BASE, params, 'issuedOn', t(l, CT.issuedOn), sort)}
          ${sortHeader(BASE, params, 'expiresOn', t(l, CT.expiresOn), sort)}
        </tr>
      </thead>
      <tbody>
        ${result.items.map((c) => row(view, c, mayRevoke))}
      </tbody>
    </table>
  </div>`;
  return registryList(view, {
    base: BASE,
    params,
    result,
    newLabel: can(ctx.actor, 'issue', { type: 'certificate' }) ? t(l, CT.issueTitle) : null,
    table,
    bulkControls: mayRevoke ? bulkControls(view) : null,
  });
}

function row(view: BoView, c: CertificateDto, selectable: boolean): SafeHtml {
  const l = view.locale;
  return html`<tr>
    ${selectable ? html`<td><input type="checkbox" name="ids" value="${c.id}" id="sel-${c.id}" aria-label="${t(l, BO.select)} ${c.number}" /></td>` : ''}
    <th scope="row"><a href="${BASE}/${c.id}">${c.number}</a></th>
    <td><a href="/admin/products/${c.product.id}">${c.product.name}</a></td>
    <td><span aria-label="${String(c.stars)} ${t(l, CT.starsWord)}">${'★'.repeat(c.stars)}</span></td>
    <td><a href="/admin/producers/${c.producer.id}">${c.producer.name}</a></td>
    <td>${statusBadge(l, c.status as CertificateStatus)}</td>
    <td>${formatDate(l, c.issuedOn)}</td>
    <td>${formatDate(l, c.expiresOn)}</td>
  </tr>`;
}

function bulkControls(view: BoView): SafeHtml {
  const l = view.locale;
  return html`<fieldset class="filters">
    <legend>${t(l, CT.bulkLegend)}</legend>
    ${selectField({ name: 'action', label: t(l, BO.actions), value: 'revoke', options: [{ value: 'revoke', label: t(l, CT.revokeSelected) }] })}
    ${reasonSelect(view, undefined, undefined)}
    ${field({ name: 'note', label: t(l, CT.note), hint: t(l, CT.noteHint) })}
    <button type="submit" class="danger">${t(l, BO.apply)}</button>
  </fieldset>`;
}

function reasonSelect(view: BoView, value: string | undefined, error: string | undefined): SafeHtml {
  const l = view.locale;
  return selectField({
    name: 'reason',
    label: t(l, CT.reason),
    value,
    error,
    required: true,
    blank: t(l, CT.chooseReason),
    options: REVOCATION_REASONS.map((r) => ({ value: r, label: t(l, REASONS[r]) })),
  });
}

/* ---------- detail ---------- */

async function detailPage(
  view: BoView,
  ctx: Ctx,
  found: CertificateInScope,
  verifyUrl: string,
  values: { reason?: string | undefined; note?: string | undefined },
  errors: Record<string, string>,
): Promise<string> {
  const l = view.locale;
  const c = found.certificate;
  const resource = { type: 'certificate' as const, producerId: c.producer.id, communeId: found.communeId };
  const mayRevoke = c.revokedOn === null && can(ctx.actor, 'revoke', resource);
  const body = html` <p>
      ${statusBadge(l, c.status as CertificateStatus)}
      ${c.demo ? html`<span class="status">${t(l, CT.demo)}</span>` : ''}
    </p>
    <dl class="facts">
      <dt>${t(l, CT.product)}</dt>
      <dd><a href="/admin/products/${c.product.id}">${c.product.name}</a></dd>
      <dt>${t(l, CT.producer)}</dt>
      <dd><a href="/admin/producers/${c.producer.id}">${c.producer.name}</a></dd>
      <dt>${t(l, CT.stars)}</dt>
      <dd>${'★'.repeat(c.stars)} (${String(c.stars)})</dd>
      <dt>${t(l, CT.score)}</dt>
      <dd>${c.score === null ? '—' : formatNumber(l, c.score)}</dd>
      <dt>${t(l, CT.level)}</dt>
      <dd>${t(l, LEVELS[c.level as CertificateLevel])}</dd>
      <dt>${t(l, CT.decision)}</dt>
      <dd>${c.decisionNumber} — ${formatDate(l, c.decisionDate)}</dd>
      <dt>${t(l, CT.issuedOn)}</dt>
      <dd>${formatDate(l, c.issuedOn)}</dd>
      <dt>${t(l, CT.expiresOn)}</dt>
      <dd>${formatDate(l, c.expiresOn)}</dd>
      ${
        c.revokedOn
          ? html`<dt>${t(l, CT.revokedOn)}</dt>
              <dd>${formatDate(l, c.revokedOn)}</dd>
              <dt>${t(l, CT.reason)}</dt>
              <dd>${reasonText(l, c.revocationReason)}</dd>`
          : ''
      }
      ${
        c.supersededBy
          ? html`<dt>${t(l, CT.supersededBy)}</dt>
              <dd><a href="${BASE}/${c.supersededBy}">${c.supersededBy}</a></dd>`
          : ''
      }
      <dt>${t(l, CT.verify)}</dt>
      <dd><a href="${verifyUrl}">${verifyUrl}</a></dd>
      ${
        c.level === 'district'
          ? ''
          : html`<dt>${t(l, CT.document)}</dt>
              <dd><a href="/api/v1/certificates/${c.id}/document.pdf">${t(l, CT.downloadPdf)}</a></dd>`
      }
    </dl>
    ${mayRevoke ? revokeForm(view, c, values, errors) : ''} ${siblingsTable(view, found)}
    ${await recordHistory(ctx, 'certificate', c.id)}`;
  return boPage(view, { title: `${t(l, CT.certificate)} ${c.number}`, active: 'certificates', body });
}

function revokeForm(
  view: BoView,
  c: CertificateDto,
  values: { reason?: string | undefined; note?: string | undefined },
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  return html`<section aria-labelledby="h-revoke">
    <h2 id="h-revoke">${t(l, CT.revokeTitle)}</h2>
    ${errorSummary(view, errors)}
    <form method="post" action="${BASE}/${c.id}/revoke">
      ${csrfField(view)} ${reasonSelect(view, values.reason, errors.reason)}
      ${field({ name: 'note', label: t(l, CT.note), hint: t(l, CT.noteHint), type: 'textarea', value: values.note, error: errors.note })}
      <button type="submit" class="danger">${t(l, CT.revokeButton)}</button>
    </form>
  </section>`;
}

function siblingsTable(view: BoView, found: CertificateInScope): SafeHtml {
  const l = view.locale;
  if (found.ofProduct.length < 2) return html``;
  return html`<section aria-labelledby="h-siblings">
    <h2 id="h-siblings">${t(l, CT.ofProduct)}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(l, CT.number)}</th>
            <th scope="col">${t(l, CT.stars)}</th>
            <th scope="col">${t(l, CT.status)}</th>
            <th scope="col">${t(l, CT.issuedOn)}</th>
            <th scope="col">${t(l, CT.expiresOn)}</th>
          </tr>
        </thead>
        <tbody>
          ${found.ofProduct.map(
            (s) =>
              html`<tr>
                <th scope="row">
                  ${s.id === found.certificate.id ? s.number : html`<a href="${BASE}/${s.id}">${s.number}</a>`}
                </th>
                <td>${'★'.repeat(s.stars)}</td>
                <td>${statusBadge(l, s.status)}</td>
                <td>${formatDate(l, s.issuedOn)}</td>
                <td>${formatDate(l, s.expiresOn)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/* ---------- issue ---------- */

type IssueValues = Partial<
  Record<
    'productId' | 'number' | 'stars' | 'score' | 'level' | 'decisionNumber' | 'decisionDate' | 'issuedOn',
    string
  >
>;

function issueValues(body: unknown): IssueValues {
  const names = [
    'productId',
    'number',
    'stars',
    'score',
    'level',
    'decisionNumber',
    'decisionDate',
    'issuedOn',
  ] as const;
  return Object.fromEntries(
    names.map((n) => [n, formValue(body, n)]).filter(([, v]) => v !== undefined),
  ) as IssueValues;
}

function issueInput(v: IssueValues): Record<string, unknown> {
  return {
    productId: v.productId ?? '',
    number: v.number ?? '',
    stars: intOrText(v.stars) ?? '',
    ...(v.score === undefined ? {} : { score: numberOrText(v.score) }),
    level: v.level ?? '',
    decisionNumber: v.decisionNumber ?? '',
    decisionDate: v.decisionDate ?? '',
    issuedOn: v.issuedOn ?? '',
  };
}

function issuePage(view: BoView, v: IssueValues, errors: Record<string, string>): string {
  const l = view.locale;
  const body = html`${errorSummary(view, errors)}
    <form method="post" action="${BASE}/new" novalidate>
      ${csrfField(view)}
      ${field({ name: 'productId', label: t(l, CT.productId), hint: t(l, CT.productIdHint), value: v.productId, error: errors.productId, required: true })}
      ${field({ name: 'number', label: t(l, CT.number), hint: t(l, CT.numberHint), value: v.number, error: errors.number, required: true })}
      ${selectField({ name: 'stars', label: t(l, CT.stars), value: v.stars, error: errors.stars, required: true, options: [3, 4, 5].map((s) => ({ value: String(s), label: `${'★'.repeat(s)} (${String(s)})` })) })}
      ${field({ name: 'score', label: t(l, CT.score), value: v.score, error: errors.score, type: 'number', attrs: raw(' min="0" max="100" step="0.01"') })}
      ${selectField({ name: 'level', label: t(l, CT.level), value: v.level, error: errors.level, required: true, options: Object.entries(LEVELS).map(([value, text]) => ({ value, label: t(l, text) })) })}
      ${field({ name: 'decisionNumber', label: t(l, CT.decisionNumber), value: v.decisionNumber, error: errors.decisionNumber, required: true })}
      ${field({ name: 'decisionDate', label: t(l, CT.decisionDate), value: v.decisionDate, error: errors.decisionDate, type: 'date', required: true })}
      ${field({ name: 'issuedOn', label: t(l, CT.issuedOn), hint: t(l, CT.issuedHint), value: v.issuedOn, error: errors.issuedOn, type: 'date', required: true })}
      <button type="submit">${t(l, CT.issueButton)}</button> <a href="${BASE}">${t(l, BO.cancel)}</a>
    </form>`;
  return boPage(view, { title: CT.issueTitle, active: 'certificates', body });
}
