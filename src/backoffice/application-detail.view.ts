import { can, hasRole } from '../accounts/policy.js';
import type { Ctx, Locale } from '../core/context.js';
import type { ApplicationDto } from '../evaluation/application.presenter.js';
import { applicationResource } from '../evaluation/application.service.js';
import { EVENT_LABELS, TRANSITIONS, type ApplicationEvent } from '../evaluation/application.workflow.js';
import {
  ASSESSMENT_LABELS,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  isTourism,
  requiredDocuments,
} from '../evaluation/dossier.js';
import { formatDate, formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { EV } from './evaluation.text.js';
import { csrfField, field, selectField, type BoView } from './layout.js';

const BASE = '/admin/applications';

/** The body of one application's page: facts, dossier, the commune's check, actions, result, history. */
export function applicationDetail(view: BoView, ctx: Ctx, a: ApplicationDto): SafeHtml {
  const resource = applicationResource({ producer_id: a.producer.id, commune_id: a.communeId });
  const editable = (a.state === 'draft' || a.state === 'returned') && can(ctx.actor, 'update', resource);
  return html`${facts(view.locale, a)} ${documents(view, a, editable)} ${editable ? samplesForm(view, a) : ''}
  ${assessment(view, a, a.state === 'submitted' && can(ctx.actor, 'check', resource))} ${actions(view, a)}
  ${council(view, ctx, a)} ${result(view.locale, a)} ${history(view.locale, a)}`;
}

function facts(l: Locale, a: ApplicationDto): SafeHtml {
  const row = (label: string, value: SafeHtml | string | null) =>
    value === null
      ? ''
      : html`<dt>${label}</dt>
          <dd>${value}</dd>`;
  return html`<dl class="facts">
    ${row(t(l, EV.state), html`<span class="status status-${a.state}">${a.stateLabel}</span>`)}
    ${row(t(l, EV.product), html`<a href="/admin/products/${a.product.id}">${a.product.name}</a>`)}
    ${row(t(l, EV.producer), html`<a href="/admin/producers/${a.producer.id}">${a.producer.name}</a>`)}
    ${row(t(l, EV.commune), a.communeName)} ${row(t(l, EV.kind), a.kindLabel)}
    ${row(t(l, EV.scorecard), String(a.scorecard))} ${row(t(l, EV.version), a.criteriaVersion)}
    ${row(t(l, EV.samples), formatNumber(l, a.sampleCount))}
    ${row(t(l, EV.siteVisit), a.siteVisitOn ? formatDate(l, a.siteVisitOn) : null)}
    ${row(t(l, EV.certificate), a.certificateId ? html`<a href="/admin/certificates/${a.certificateId}">${a.certificateId}</a>` : null)}
  </dl>`;
}

function documents(view: BoView, a: ApplicationDto, editable: boolean): SafeHtml {
  const l = view.locale;
  const have = new Set(a.documents.map((d) => d.kind));
  const missing = requiredDocuments(a.scorecard).filter((k) => !have.has(k));
  const list = a.documents.length
    ? html`<table class="list">
        <thead>
          <tr>
            <th scope="col">${t(l, EV.documentKind)}</th>
            <th scope="col">${t(l, EV.file)}</th>
            ${editable ? html`<th scope="col">${t(l, EV.actions)}</th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${a.documents.map(
            (d) =>
              html`<tr>
                <td>${d.kindLabel}</td>
                <td>
                  <a href="${d.url}">${d.fileName}</a>
                  <small>(${formatNumber(l, Math.ceil(d.size / 1024))} KB)</small>
                </td>
                ${
                  editable
                    ? html`<td>
                        <form method="post" action="${BASE}/${a.id}/documents/${d.id}/delete" class="inline">
                          ${csrfField(view)}<button type="submit" class="link">${t(l, EV.remove)}</button>
                        </form>
                      </td>`
                    : ''
                }
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p>${t(l, EV.noDocuments)}</p>`;
  return html`<h2 id="h-documents">${t(l, EV.documents)}</h2>
    ${
      missing.length
        ? html`<p class="hint">
            ${t(l, EV.missing)}: ${missing.map((k) => t(l, DOCUMENT_LABELS[k])).join(', ')}
          </p>`
        : ''
    }
    ${list} ${editable ? uploadForm(view, a) : ''}`;
}

function uploadForm(view: BoView, a: ApplicationDto): SafeHtml {
  const l = view.locale;
  const required = new Set<string>(requiredDocuments(a.scorecard));
  return html`<form
    method="post"
    action="${BASE}/${a.id}/documents?_csrf=${encodeURIComponent(view.csrf)}"
    enctype="multipart/form-data"
    class="form"
  >
    ${selectField({
      name: 'kind',
      label: t(l, EV.documentKind),
      required: true,
      options: DOCUMENT_KINDS.map((k) => ({
        value: k,
        label: `${t(l, DOCUMENT_LABELS[k])}${required.has(k) ? ` (${t(l, EV.required)})` : ''}`,
      })),
    })}
    <div class="field">
      <label for="f-file">${t(l, EV.file)}</label>
      <input type="file" id="f-file" name="file" required accept="application/pdf,image/jpeg,image/png" />
    </div>
    <button type="submit">${t(l, EV.upload)}</button>
  </form>`;
}

function samplesForm(view: BoView, a: ApplicationDto): SafeHtml {
  const l = view.locale;
  return html`<form method="post" action="${BASE}/${a.id}/samples" class="form">
    ${csrfField(view)}
    ${field({
      name: 'sampleCount',
      label: t(l, EV.samples),
      hint: t(l, EV.samplesHint),
      type: 'number',
      value: a.sampleCount,
      attrs: raw(' min="0" max="100"'),
    })}
    <button type="submit">${t(l, EV.saveSamples)}</button>
  </form>`;
}

const ASSESSMENT_KEYS = ['origin', 'localLabour', 'idea', 'identity'] as const;

function assessment(view: BoView, a: ApplicationDto, editable: boolean): SafeHtml {
  const l = view.locale;
  const current = a.communeAssessment;
  if (!editable && !current) return html``;
  const shown = current
    ? html`<dl class="facts">
        ${ASSESSMENT_KEYS.map(
          (k) =>
            html`<dt>${t(l, ASSESSMENT_LABELS[k])}</dt>
              <dd>${t(l, current[k] ? EV.yes : EV.no)}</dd>`,
        )}
        ${
          current.note
            ? html`<dt>${t(l, EV.note)}</dt>
                <dd>${current.note}</dd>`
            : ''
        }
      </dl>`
    : '';
  const form = editable
    ? html`<form method="post" action="${BASE}/${a.id}/assessment" class="form">
        ${csrfField(view)}
        ${ASSESSMENT_KEYS.map(
          (k) =>
            html`<fieldset>
              <legend>${t(l, ASSESSMENT_LABELS[k])}</legend>
              <label
                ><input type="radio" name="${k}" value="yes" required ${current?.[k] ? raw('checked') : ''} />
                ${t(l, EV.yes)}</label
              >
              <label
                ><input type="radio" name="${k}" value="no" ${current && !current[k] ? raw('checked') : ''} />
                ${t(l, EV.no)}</label
              >
            </fieldset>`,
        )}
        ${field({ name: 'note', label: t(l, EV.note), type: 'textarea', value: current?.note ?? '' })}
        <button type="submit">${t(l, EV.saveAssessment)}</button>
      </form>`
    : '';
  return html`<h2 id="h-assessment">${t(l, EV.assessment)}</h2>
    ${shown}${form}`;
}

function actions(view: BoView, a: ApplicationDto): SafeHtml {
  const l = view.locale;
  if (a.allowedEvents.length === 0) return html``;
  return html`<h2 id="h-actions">${t(l, EV.actions)}</h2>
    <div class="actions">
      ${a.allowedEvents.map((e) => {
        const event = e as ApplicationEvent;
        const needsReason = TRANSITIONS[event].needsReason === true;
        return html`<form method="post" action="${BASE}/${a.id}/events" class="form">
          ${csrfField(view)}<input type="hidden" name="event" value="${event}" />
          ${needsReason ? field({ name: 'reason', label: t(l, EV.reason), type: 'textarea' }) : ''}
          ${
            event === 'accept'
              ? field({
                  name: 'siteVisitOn',
                  label: t(l, EV.siteVisit),
                  type: 'date',
                  required: isTourism(a.scorecard),
                  ...(isTourism(a.scorecard) ? { hint: t(l, EV.siteVisitHint) } : {}),
                })
              : ''
          }
          <button type="submit" ${needsReason ? raw('class="secondary"') : ''}>
            ${t(l, EVENT_LABELS[event])}
          </button>
        </form>`;
      })}
    </div>`;
}

function council(view: BoView, ctx: Ctx, a: ApplicationDto): SafeHtml {
  const l = view.locale;
  if (a.sessionId === null) return html``;
  const member = hasRole(ctx.actor, 'council') && a.state === 'assigned';
  return html`<p>
    ${t(l, EV.session)}: <a href="/admin/council-sessions/${a.sessionId}">${a.sessionId}</a>
    ${member ? html` · <a class="button" href="${BASE}/${a.id}/sheet">${t(l, EV.scoreIt)}</a>` : ''}
  </p>`;
}

function result(l: Locale, a: ApplicationDto): SafeHtml {
  const r = a.result;
  if (!r) return html``;
  return html`<h2 id="h-result">${t(l, EV.result)}</h2>
    <dl class="facts">
      <dt>${t(l, EV.mean)}</dt>
      <dd>${formatNumber(l, r.mean)}</dd>
      <dt>${t(l, EV.spread)}</dt>
      <dd>
        ${formatNumber(l, r.spread)}${r.initialSpread !== r.spread ? ` (${formatNumber(l, r.initialSpread)})` : ''}
      </dd>
      ${
        r.stars === undefined
          ? ''
          : html`<dt>${t(l, EV.stars)}</dt>
              <dd>${'★'.repeat(r.stars)} (${String(r.stars)})</dd>`
      }
      ${
        r.knockOut
          ? html`<dt>${t(l, EV.knockOut)}</dt>
              <dd>${r.knockOut.criterionId}: ${r.knockOut.reason}</dd>`
          : ''
      }
    </dl>`;
}

function history(l: Locale, a: ApplicationDto): SafeHtml {
  if (a.history.length === 0) return html``;
  return html`<h2 id="h-history">${t(l, EV.history)}</h2>
    <ol class="history">
      ${a.history.map(
        (h) =>
          html`<li>
            <time datetime="${h.at}">${formatDate(l, h.at.slice(0, 10))}</time> —
            ${h.label}${h.reason ? html`: <q>${h.reason}</q>` : ''}
          </li>`,
      )}
    </ol>`;
}
