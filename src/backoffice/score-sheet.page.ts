import type { FastifyInstance } from 'fastify';
import type { Ctx, Locale } from '../core/context.js';
import { DomainError, ForbiddenError } from '../core/errors.js';
import type { ApplicationDto } from '../evaluation/application.presenter.js';
import { getApplication } from '../evaluation/application.query.js';
import { loadApplication } from '../evaluation/application.service.js';
import { ASSESSMENT_LABELS } from '../evaluation/dossier.js';
import { frozenSet } from '../evaluation/frozen-set.js';
import {
  reopenSheet,
  saveSheet,
  sheetsView,
  submitSheet,
  type SheetView,
  type SheetsView,
} from '../evaluation/score-sheet.service.js';
import type { CriteriaSet } from '../scorecards/criteria.js';
import { formatDateTime, formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { islandScripts } from '../web/client-assets.js';
import { fill } from '../web/web-i18n.js';
import { requireStaff } from './bo-context.js';
import { boPage, csrfField, type BoView } from './layout.js';
import { badge, redirectWithNotice, sendPage } from './registry.pages.js';
import { SS } from './score-sheet.text.js';
import {
  criteriaSheet,
  sheetErrors,
  sheetErrorSummary,
  totalsBox,
  type Answers,
} from './score-sheet.view.js';

/** Routes are registered inside the /admin plugin. */
const ROUTE = '/applications/:id/sheet';
const pathOf = (id: string) => `/admin/applications/${encodeURIComponent(id)}/sheet`;

/** What the page shows: the dossier, the frozen set, the member's own sheet and what they may see of others. */
interface SheetPage {
  app: ApplicationDto;
  set: CriteriaSet;
  sheets: SheetsView;
  own: SheetView;
  /** A draft of an application still being scored. */
  editable: boolean;
  /** Submitted, and the secretary recorded the council's discussion: the member may take it back. */
  mayReopen: boolean;
}

/**
 * /admin/applications/:id/sheet — the council member scores one application, the dossier beside the sheet of the
 * criteria set frozen on it. The form works without JavaScript ("Lưu nháp", "Nộp phiếu"); the score-sheet island
 * autosaves through PUT /api/v1/applications/:id/sheets/me. The services decide who may score.
 */
export function scoreSheetPages(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const page = await loadPage(ctx, request.params.id);
    return sendPage(reply, sheetPage(view, page, page.own.answers ?? {}, {}));
  });

  app.post<{ Params: { id: string } }>(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const id = request.params.id;
    const l = view.locale;
    const action = formAction(request.body);
    if (action === 'reopen') {
      await reopenSheet(ctx, id);
      return redirectWithNotice(reply, pathOf(id), t(l, SS.reopenedNotice));
    }
    const answers = answersOf(request.body);
    try {
      await saveSheet(ctx, id, { answers });
      if (action === 'submit') await submitSheet(ctx, id);
      return await redirectWithNotice(
        reply,
        pathOf(id),
        t(l, action === 'submit' ? SS.submittedNotice : SS.savedNotice),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      const page = await loadPage(ctx, id);
      return sendPage(reply, sheetPage(view, page, answers, sheetErrors(l, error.details)), 400);
    }
  });
}

function formAction(body: unknown): 'save' | 'submit' | 'reopen' {
  const action = (body as Record<string, unknown> | undefined)?.action;
  return action === 'submit' || action === 'reopen' ? action : 'save';
}

/**
 * The answers of the posted form: every field but the token and the button, the "not scored" choice (an empty
 * value) left out. The service checks them against the frozen set and names any unknown one.
 */
function answersOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || name === 'action') continue;
    const one: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof one === 'string' && one !== '') out[name] = one;
  }
  return out;
}

function notEligible(): ForbiddenError {
  return new ForbiddenError(
    'Bạn không chấm hồ sơ này (không thuộc phiên, vắng mặt hoặc có liên quan đến chủ thể).',
    'You do not score this application (not in the session, absent, or tied to the producer).',
  );
}

async function loadPage(ctx: Ctx, id: string): Promise<SheetPage> {
  const sheets = await sheetsView(ctx, id).catch((error: unknown) => {
    throw error instanceof ForbiddenError ? notEligible() : error;
  });
  // sheetsView lists only the eligible members: present in the opened session and not tied to the producer.
  const own = sheets.sheets.find((s) => s.memberId === ctx.actor.id);
  if (!own) throw notEligible();
  const [app, row] = await Promise.all([getApplication(ctx, id), loadApplication(ctx, id)]);
  const set = await frozenSet(ctx, row);
  const scoring = app.state === 'assigned';
  return {
    app,
    set,
    sheets,
    own,
    editable: scoring && own.state !== 'submitted',
    mayReopen: scoring && own.state === 'submitted' && app.discussion !== null,
  };
}

function sheetPage(view: BoView, page: SheetPage, answers: Answers, errors: Record<string, string>): string {
  const l = view.locale;
  const session = page.app.sessionId;
  const back = session
    ? html`<a href="/admin/council-sessions/${encodeURIComponent(session)}">${t(l, SS.backToSession)}</a>`
    : '';
  // On a narrow screen the dossier comes first: one link jumps over it to the sheet.
  const body = html`<p class="toolbar">${back} <a href="#h-sheet">${t(l, SS.toSheet)}</a></p>
    ${sheetErrorSummary(l, page.set, errors)}
    <div class="ss-layout">${dossierColumn(l, page.app)}${sheetColumn(view, page, answers, errors)}</div>`;
  return boPage(view, {
    title: `${t(l, SS.title)}: ${page.app.product.name}`,
    body,
    // The autosave island; without it (no JavaScript, no client build) the buttons post the form.
    scripts: page.editable ? islandScripts() : [],
  });
}

/* ---------- the dossier ---------- */

function dossierColumn(l: Locale, app: ApplicationDto): SafeHtml {
  return html`<section class="ss-dossier" aria-labelledby="h-dossier">
    <h2 id="h-dossier">${t(l, SS.dossier)}</h2>
    <dl class="facts">
      <dt>${t(l, SS.product)}</dt>
      <dd><a href="/admin/products/${app.product.id}">${app.product.name}</a></dd>
      <dt>${t(l, SS.producer)}</dt>
      <dd><a href="/admin/producers/${app.producer.id}">${app.producer.name}</a></dd>
      <dt>${t(l, SS.kind)}</dt>
      <dd>${app.kindLabel}</dd>
      <dt>${t(l, SS.commune)}</dt>
      <dd>${app.communeName ?? app.communeId}</dd>
      <dt>${t(l, SS.scorecard)}</dt>
      <dd>${app.scorecard}</dd>
      <dt>${t(l, SS.version)}</dt>
      <dd>${app.criteriaVersion ?? '—'}</dd>
      <dt>${t(l, SS.samples)}</dt>
      <dd>${formatNumber(l, app.sampleCount)}</dd>
      <dt>${t(l, SS.state)}</dt>
      <dd>${app.stateLabel}</dd>
    </dl>
    ${assessment(l, app)} ${documents(l, app)}
    ${
      app.discussion
        ? html`<h3>${t(l, SS.discussion)} (${formatDateTime(l, app.discussion.at)})</h3>
            <p>${app.discussion.note ?? ''}</p>`
        : ''
    }
  </section>`;
}

function assessment(l: Locale, app: ApplicationDto): SafeHtml {
  const a = app.communeAssessment;
  const heading = html`<h3>${t(l, SS.communeAssessment)}</h3>`;
  if (!a)
    return html`${heading}
      <p>${t(l, SS.noAssessment)}</p>`;
  const facts = (Object.keys(ASSESSMENT_LABELS) as Array<keyof typeof ASSESSMENT_LABELS>).map(
    (key) =>
      html`<dt>${t(l, ASSESSMENT_LABELS[key])}</dt>
        <dd>${t(l, a[key] ? SS.yes : SS.no)}</dd>`,
  );
  return html`${heading}
    <dl class="facts">
      ${facts}
      ${
        a.note
          ? html`<dt>${t(l, SS.note)}</dt>
              <dd>${a.note}</dd>`
          : ''
      }
    </dl>`;
}

function documents(l: Locale, app: ApplicationDto): SafeHtml {
  const heading = html`<h3>${t(l, SS.documents)}</h3>`;
  if (app.documents.length === 0)
    return html`${heading}
      <p>${t(l, SS.noDocuments)}</p>`;
  const kb = (size: number) => `${formatNumber(l, Math.max(1, Math.ceil(size / 1024)))} KB`;
  return html`${heading}
    <ul class="ss-documents">
      ${app.documents.map(
        (d) =>
          html`<li>
            <a href="${d.url}">${d.kindLabel}</a>
            <small>${d.fileName} · ${kb(d.size)}</small>
          </li>`,
      )}
    </ul>`;
}

/* ---------- the sheet ---------- */

const STATE_TEXT = { draft: SS.draft, submitted: SS.submitted, missing: SS.missing } as const;
const STATE_BADGE = { draft: 'expiring', submitted: 'valid', missing: 'none' } as const;

function sheetState(l: Locale, s: SheetView): SafeHtml {
  return html`${badge(STATE_BADGE[s.state], t(l, STATE_TEXT[s.state]))}${
    s.rescored ? html` <small>(${t(l, SS.rescored)})</small>` : ''
  }`;
}

function sheetColumn(
  view: BoView,
  page: SheetPage,
  answers: Answers,
  errors: Record<string, string>,
): SafeHtml {
  const l = view.locale;
  const { set, own } = page;
  const intro = html`<h2 id="h-sheet">${t(l, SS.sheet)}</h2>
    <p>${sheetState(l, own)}</p>
    <p class="hint">${fill(t(l, SS.sheetOf), { n: set.scorecardId, name: set.name, v: set.version })}</p>`;
  const sheet = criteriaSheet(l, set, answers, errors, page.editable);
  if (!page.editable) {
    return html`<section class="ss-sheet" aria-labelledby="h-sheet">
      ${intro}
      <p class="notice">${t(l, page.app.state === 'assigned' ? SS.readOnly : SS.closed)}</p>
      ${page.mayReopen ? reopenForm(view, page) : ''} ${own.state === 'submitted' ? othersTable(l, page) : ''}
      <div class="ss-sticky">${totalsBox(l, set, answers)}</div>
      ${sheet}
    </section>`;
  }
  return html`<section class="ss-sheet" aria-labelledby="h-sheet">
    ${intro}
    <form
      method="post"
      action="${pathOf(page.app.id)}"
      novalidate
      data-island="score-sheet"
      data-url="/api/v1/applications/${encodeURIComponent(page.app.id)}/sheets/me"
      data-csrf="${view.csrf}"
      data-text-saved="${t(l, SS.savedAt)}"
      data-text-failed="${t(l, SS.saveFailed)}"
      data-text-auto="${t(l, SS.autosaveHint)}"
    >
      ${csrfField(view)}
      <div class="ss-sticky">
        ${totalsBox(l, set, answers)}
        <p class="ss-status" role="status" aria-live="polite" data-ss-status></p>
      </div>
      ${sheet}
      <p class="hint">${t(l, SS.submitHint)}</p>
      <p class="toolbar">
        <button type="submit" name="action" value="save" class="secondary">${t(l, SS.saveDraft)}</button>
        <button type="submit" name="action" value="submit">${t(l, SS.submit)}</button>
      </p>
    </form>
  </section>`;
}

function reopenForm(view: BoView, page: SheetPage): SafeHtml {
  const l = view.locale;
  return html`<form method="post" action="${pathOf(page.app.id)}" class="ss-reopen">
    ${csrfField(view)}
    <p>${t(l, SS.rescoreHint)}</p>
    <button type="submit" name="action" value="reopen">${t(l, SS.rescore)}</button>
  </form>`;
}

/** Shown only once the member's own sheet is submitted (the service hides the others' totals before). */
function othersTable(l: Locale, page: SheetPage): SafeHtml {
  const result = page.sheets.evaluation?.result;
  const total = (s: SheetView) => (s.total === null ? '—' : formatNumber(l, s.total));
  return html`<section aria-labelledby="h-others">
    <h3 id="h-others">${t(l, SS.others)}</h3>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(l, SS.member)}</th>
            <th scope="col">${t(l, SS.sheetState)}</th>
            <th scope="col" class="num">${t(l, SS.total)}</th>
          </tr>
        </thead>
        <tbody>
          ${page.sheets.sheets.map(
            (s) =>
              html`<tr>
                <th scope="row">
                  ${s.memberName}${s.memberId === page.own.memberId ? ` ${t(l, SS.you)}` : ''}
                </th>
                <td>${sheetState(l, s)}</td>
                <td class="num">${total(s)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      result
        ? html`<dl class="facts">
            <dt>${t(l, SS.mean)}</dt>
            <dd>${formatNumber(l, result.mean)}</dd>
            <dt>${t(l, SS.spread)}</dt>
            <dd>${formatNumber(l, result.spread)}</dd>
          </dl>`
        : html`<p class="hint">${t(l, SS.waiting)}</p>`
    }
  </section>`;
}
