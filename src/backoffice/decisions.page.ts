import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../core/context.js';
import { applicationPage } from '../evaluation/application.query.js';
import { issueDecision, recordCentralDecision } from '../evaluation/decision.service.js';
import { decisionsList } from '../evaluation/evaluation-documents.js';
import { formatDate, formatNumber, t, type Text } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import { EV } from './evaluation.text.js';
import { boPage, csrfField, errorSummary, field, type BoView } from './layout.js';
import { formErrors, redirectWithNotice, sendPage } from './registry.pages.js';

const BASE = '/admin/decisions';

const DT = {
  title: { vi: 'Quyết định công nhận', en: 'Decisions' },
  issued: { vi: 'Các quyết định đã ban hành', en: 'Decisions issued' },
  none: { vi: 'Chưa có quyết định nào.', en: 'No decisions yet.' },
  number: { vi: 'Số quyết định', en: 'Decision number' },
  numberHint: { vi: 'Ví dụ: 1234/QĐ-UBND', en: 'For example 1234/QĐ-UBND' },
  date: { vi: 'Ngày ký', en: 'Date signed' },
  signerTitle: { vi: 'Chức vụ người ký', en: 'Signer’s title' },
  signerName: { vi: 'Họ tên người ký', en: 'Signer’s name' },
  scored: { vi: 'Hồ sơ đã chấm, chờ quyết định', en: 'Scored applications awaiting a decision' },
  noneScored: { vi: 'Không có hồ sơ nào chờ quyết định.', en: 'No application awaits a decision.' },
  issue: { vi: 'Ban hành quyết định và cấp giấy chứng nhận', en: 'Issue the decision and the certificates' },
  done: {
    vi: 'Đã ban hành: {c} công nhận, {n} không đạt, {t} đề nghị Trung ương.',
    en: 'Issued: {c} certified, {n} not certified, {t} sent to the central council.',
  },
  central: { vi: 'Chờ Hội đồng Trung ương (tiềm năng 5 sao)', en: 'With the central council (potential 5★)' },
  approved: { vi: 'Trung ương công nhận 5 sao', en: 'The central council certifies 5★' },
  notApproved: {
    vi: 'Trung ương không công nhận (thành phố cấp 4 sao)',
    en: 'Not certified centrally (the city grants 4★)',
  },
  record: { vi: 'Ghi quyết định Trung ương', en: 'Record the central decision' },
  recorded: {
    vi: 'Đã ghi quyết định Trung ương và cấp giấy chứng nhận.',
    en: 'Recorded; the certificate is issued.',
  },
  appendix: { vi: 'Phụ lục', en: 'Appendix' },
  count: { vi: 'Số hồ sơ', en: 'Applications' },
} satisfies Record<string, Text>;

/** /admin/decisions: the province's decisions on scored applications, and the central council's on potential 5★. */
export function decisionPages(app: FastifyInstance): void {
  app.get('/decisions', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await decisionsPage(view, ctx, {}, {}));
  });

  app.post('/decisions', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const values = {
      number: formValue(request.body, 'number') ?? '',
      date: formValue(request.body, 'date') ?? '',
      signerTitle: formValue(request.body, 'signerTitle'),
      signerName: formValue(request.body, 'signerName'),
    };
    try {
      const out = await issueDecision(ctx, {
        number: values.number,
        date: values.date,
        ...(values.signerTitle ? { signerTitle: values.signerTitle } : {}),
        ...(values.signerName ? { signerName: values.signerName } : {}),
        applicationIds: formValues(request.body, 'applicationIds'),
      });
      const text = t(view.locale, DT.done)
        .replace('{c}', String(out.certified))
        .replace('{n}', String(out.notCertified))
        .replace('{t}', String(out.central));
      return await redirectWithNotice(reply, BASE, text);
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, await decisionsPage(view, ctx, values, errors), 400);
    }
  });

  app.post<{ Params: { id: string } }>('/decisions/central/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    try {
      await recordCentralDecision(ctx, request.params.id, {
        approved: formValue(request.body, 'approved') === 'yes',
        number: formValue(request.body, 'number') ?? '',
        date: formValue(request.body, 'date') ?? '',
      });
      return await redirectWithNotice(reply, BASE, t(view.locale, DT.recorded));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, await decisionsPage(view, ctx, {}, errors), 400);
    }
  });
}

interface Values {
  number?: string;
  date?: string;
  signerTitle?: string | undefined;
  signerName?: string | undefined;
}

async function decisionsPage(
  view: BoView,
  ctx: Ctx,
  values: Values,
  errors: Record<string, string>,
): Promise<string> {
  const [issued, scored, central] = await Promise.all([
    decisionsList(ctx),
    applicationPage(ctx, { state: 'scored', page: 1, limit: 100 }),
    applicationPage(ctx, { state: 'central_review', page: 1, limit: 100 }),
  ]);
  const body = html`${errorSummary(view, errors)} ${issueForm(view, scored.items, values, errors)}
  ${centralBlock(view, central.items)} ${issuedTable(view, issued)}`;
  return boPage(view, { title: DT.title, active: 'decisions', body });
}

type Item = Awaited<ReturnType<typeof applicationPage>>['items'][number];

function issueForm(
  view: BoView,
  items: readonly Item[],
  v: Values,
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  if (items.length === 0)
    return html`<h2>${t(l, DT.scored)}</h2>
      <p>${t(l, DT.noneScored)}</p>`;
  return html`<h2 id="h-issue">${t(l, DT.scored)}</h2>
    <form method="post" action="${BASE}" class="form" novalidate>
      ${csrfField(view)}
      <fieldset id="f-applicationIds">
        <legend>${t(l, EV.applications)}</legend>
        ${errors.applicationIds ? html`<p class="error">${errors.applicationIds}</p>` : ''}
        ${items.map(
          (a) =>
            html`<label class="check"
              ><input type="checkbox" name="applicationIds" value="${a.id}" checked /> ${a.product.name} —
              ${a.producer.name}: ${a.score === null ? '—' : formatNumber(l, a.score)}
              ${a.stars === null ? '' : '★'.repeat(a.stars)}</label
            >`,
        )}
      </fieldset>
      ${field({ name: 'number', label: t(l, DT.number), hint: t(l, DT.numberHint), value: v.number, required: true, error: errors.number })}
      ${field({ name: 'date', label: t(l, DT.date), type: 'date', value: v.date, required: true, error: errors.date })}
      ${field({ name: 'signerTitle', label: t(l, DT.signerTitle), value: v.signerTitle })}
      ${field({ name: 'signerName', label: t(l, DT.signerName), value: v.signerName })}
      <button type="submit">${t(l, DT.issue)}</button>
    </form>`;
}

function centralBlock(view: BoView, items: readonly Item[]): SafeHtml {
  const l = view.locale;
  if (items.length === 0) return html``;
  return html`<h2 id="h-central">${t(l, DT.central)}</h2>
    ${items.map(
      (a) =>
        html`<form method="post" action="${BASE}/central/${a.id}" class="form">
          ${csrfField(view)}
          <fieldset>
            <legend>
              ${a.product.name} — ${a.producer.name} (${a.score === null ? '—' : formatNumber(l, a.score)})
            </legend>
            <label class="check"
              ><input type="radio" name="approved" value="yes" required /> ${t(l, DT.approved)}</label
            >
            <label class="check"
              ><input type="radio" name="approved" value="no" /> ${t(l, DT.notApproved)}</label
            >
            <div class="field">
              <label for="c-${a.id}-number">${t(l, DT.number)}</label>
              <input id="c-${a.id}-number" name="number" required />
            </div>
            <div class="field">
              <label for="c-${a.id}-date">${t(l, DT.date)}</label>
              <input id="c-${a.id}-date" name="date" type="date" required />
            </div>
          </fieldset>
          <button type="submit">${t(l, DT.record)}</button>
        </form>`,
    )}`;
}

function issuedTable(view: BoView, issued: Awaited<ReturnType<typeof decisionsList>>): SafeHtml {
  const l = view.locale;
  if (issued.length === 0)
    return html`<h2>${t(l, DT.issued)}</h2>
      <p>${t(l, DT.none)}</p>`;
  return html`<h2 id="h-issued">${t(l, DT.issued)}</h2>
    <table class="list">
      <thead>
        <tr>
          <th scope="col">${t(l, DT.number)}</th>
          <th scope="col">${t(l, DT.date)}</th>
          <th scope="col">${t(l, DT.count)}</th>
          <th scope="col">${t(l, DT.appendix)}</th>
        </tr>
      </thead>
      <tbody>
        ${issued.map(
          (d) =>
            html`<tr>
              <td>${d.number}</td>
              <td>${formatDate(l, d.date)}</td>
              <td>${formatNumber(l, d.applications)}</td>
              <td>
                <a href="/api/v1/decisions/${d.id}/appendix.pdf">PDF</a> ·
                <a href="/api/v1/decisions/${d.id}/appendix.xlsx">XLSX</a>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
