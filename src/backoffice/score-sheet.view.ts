import type { Locale } from '../core/context.js';
import {
  flattenCriteria,
  type CriteriaGroup,
  type CriteriaPart,
  type CriteriaSet,
  type Criterion,
  type CriterionOption,
  type PartCode,
} from '../scorecards/criteria.js';
import { formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { fill } from '../web/web-i18n.js';
import { BO } from './bo-i18n.js';
import { SS } from './score-sheet.text.js';

/**
 * The council member's sheet of the frozen criteria set: one fieldset per criterion (`#c-<id>`, radios named by
 * the criterion id, so the form posts `A1a=A1a.2`), the running total with parts A/B/C, and the error summary
 * that links to each unanswered criterion. The autosave island (src/web/client/score-sheet.ts) reads the
 * `data-points` of the checked radios inside each `data-part` section to redraw the parts.
 */
export type Answers = Readonly<Record<string, string>>;

/** Criteria text exists only in Vietnamese: on the English page it is marked as such for screen readers. */
function vi(locale: Locale, text: string): SafeHtml {
  return locale === 'vi' ? html`${text}` : html`<span lang="vi">${text}</span>`;
}

const num = (l: Locale, n: number) => formatNumber(l, n);
const pts = (l: Locale, n: number) => fill(t(l, n === 1 ? SS.point : SS.points), { n: num(l, n) });
const upTo = (l: Locale, n: number) =>
  html`<span class="ss-pts">(${fill(t(l, SS.upTo), { n: num(l, n) })})</span>`;

/** Points per part of the chosen options, to two decimals (the island sums the same way). */
export function partTotals(set: CriteriaSet, answers: Answers): Record<PartCode, number> {
  const out: Record<PartCode, number> = { A: 0, B: 0, C: 0 };
  for (const { part, criterion } of flattenCriteria(set)) {
    const chosen = criterion.options.find((o) => o.id === answers[criterion.id]);
    if (chosen && Number.isFinite(chosen.points)) out[part] += chosen.points;
  }
  for (const code of ['A', 'B', 'C'] as const) out[code] = Math.round(out[code] * 100) / 100;
  return out;
}

export function totalsBox(l: Locale, set: CriteriaSet, answers: Answers): SafeHtml {
  const parts = partTotals(set, answers);
  const total = Math.round((parts.A + parts.B + parts.C) * 100) / 100;
  const outOf = (n: number, max: number) => fill(t(l, SS.outOf), { n: num(l, n), max: num(l, max) });
  // Each pair in its own <div> (allowed inside <dl>) so a narrow screen wraps between pairs, not inside one.
  return html`<dl class="ss-totals" data-out-of="${t(l, SS.outOf)}">
    <div>
      <dt>${t(l, SS.total)}</dt>
      <dd><strong data-ss-total data-max="100">${outOf(total, 100)}</strong></dd>
    </div>
    ${set.parts.map(
      (p) =>
        html`<div>
          <dt>${fill(t(l, SS.part), { code: p.code })}</dt>
          <dd data-ss-part-total="${p.code}" data-max="${p.max}">${outOf(parts[p.code], p.max)}</dd>
        </div>`,
    )}
  </dl>`;
}

function option(l: Locale, c: Criterion, o: CriterionOption, checked: boolean): SafeHtml {
  return html`<label class="ss-opt"
    ><input
      type="radio"
      name="${c.id}"
      value="${o.id}"
      data-points="${o.points}"
      ${checked ? raw('checked') : ''}
    />
    <span
      >${vi(l, o.title)} <span class="ss-pts">${pts(l, o.points)}</span>${
        o.mandatoryFor
          ? html` <strong class="ss-req">${fill(t(l, SS.mandatoryFor), { n: o.mandatoryFor })}</strong>`
          : ''
      }</span
    ></label
  >`;
}

function criterionFieldset(l: Locale, c: Criterion, answers: Answers, error: string | undefined): SafeHtml {
  const chosen = answers[c.id];
  const errorId = `c-${c.id}-error`;
  return html`<fieldset
    class="ss-criterion${error ? ' has-error' : ''}"
    id="c-${c.id}"
    data-criterion="${c.id}"
    ${error ? html`aria-describedby="${errorId}"` : ''}
  >
    <legend>${c.id}. ${vi(l, c.title)} ${upTo(l, c.max)}</legend>
    ${error ? html`<p class="error" id="${errorId}">${error}</p>` : ''}
    <label class="ss-opt"
      ><input type="radio" name="${c.id}" value="" data-points="0" ${chosen ? '' : raw('checked')} />
      <span>${t(l, SS.unanswered)}</span></label
    >
    ${c.options.map((o) => option(l, c, o, chosen === o.id))}
  </fieldset>`;
}

function groupSection(
  l: Locale,
  g: CriteriaGroup,
  answers: Answers,
  errors: Record<string, string>,
): SafeHtml {
  const criteria = (list: readonly Criterion[]) =>
    list.map((c) => criterionFieldset(l, c, answers, errors[c.id]));
  return html`<h4>${g.code}. ${vi(l, g.title)} ${upTo(l, g.max)}</h4>
    ${
      g.alternatives
        ? html`<p class="hint">${t(l, SS.cases)}</p>
            ${g.alternatives.map(
              (a) =>
                html`<fieldset class="ss-case">
                  <legend>${vi(l, a.title)}</legend>
                  ${criteria(a.criteria)}
                </fieldset>`,
            )}`
        : criteria(g.criteria)
    }`;
}

function partSection(l: Locale, p: CriteriaPart, answers: Answers, errors: Record<string, string>): SafeHtml {
  return html`<section class="ss-part" data-part="${p.code}" aria-labelledby="part-${p.code}">
    <h3 id="part-${p.code}">${fill(t(l, SS.part), { code: p.code })}. ${vi(l, p.title)} ${upTo(l, p.max)}</h3>
    ${p.groups.map((g) => groupSection(l, g, answers, errors))}
  </section>`;
}

/** Every part of the set; inside a disabled fieldset when the sheet is read-only. */
export function criteriaSheet(
  l: Locale,
  set: CriteriaSet,
  answers: Answers,
  errors: Record<string, string>,
  editable: boolean,
): SafeHtml {
  const parts = set.parts.map((p) => partSection(l, p, answers, errors));
  return editable ? html`${parts}` : html`<fieldset class="ss-readonly" disabled>${parts}</fieldset>`;
}

/** Errors keyed by criterion id (or "_" and other fields); the summary links each criterion to its fieldset. */
export function sheetErrorSummary(l: Locale, set: CriteriaSet, errors: Record<string, string>): SafeHtml {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  const titles = new Map(flattenCriteria(set).map(({ criterion }) => [criterion.id, criterion.title]));
  return html`<div class="error-summary" role="alert" tabindex="-1" id="ss-errors">
    <p>${t(l, BO.errorsTitle)}</p>
    <ul>
      ${entries.map(([key, message]) => {
        const title = titles.get(key);
        return title === undefined
          ? html`<li>${message}</li>`
          : html`<li><a href="#c-${key}">${key}. ${vi(l, title)}: ${message}</a></li>`;
      })}
    </ul>
  </div>`;
}

/**
 * A refusal's details as page errors: `answers.<criterion>` becomes the criterion's id with a short message in
 * the page's language, without the field name the API's message starts with.
 */
export function sheetErrors(
  l: Locale,
  details: ReadonlyArray<{ field?: string | undefined; message: string; messageEn?: string | undefined }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    const text = l === 'en' ? (d.messageEn ?? d.message) : d.message;
    const criterion = /^answers\.([^.:\s]+)/.exec(d.field ?? '')?.[1];
    if (criterion === undefined) out[d.field ?? '_'] ??= text;
    else out[criterion] ??= text.replace(/^[^:]*:\s*/, '');
  }
  return out;
}
