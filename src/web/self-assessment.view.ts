import type { Locale } from '../core/context.js';
import type { SelfAssessmentOut } from '../scoring/self-assessment.presenter.js';
import type {
  Criterion,
  CriteriaGroup,
  CriteriaPart,
  CriteriaSet,
  CriterionOption,
} from '../scorecards/criteria.js';
import { flattenCriteria } from '../scorecards/criteria.js';
import { formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { fill } from './web-i18n.js';
import { pointsText, TEXT } from './self-assessment.text.js';

/**
 * The self-assessment sheet (a GET form: its answers travel in the query string) and the result panel. The
 * client island redraws the panel's body from the API's answer with the same classes and words.
 */
export interface SheetState {
  answers: Readonly<Record<string, string>>;
  knockOuts: readonly string[];
}

/** Criterion and option titles by id, for the result panel's sentences. */
export interface SheetIndex {
  criteria: Map<string, string>;
  options: Map<string, { title: string; points: number }>;
}

export function sheetIndex(set: CriteriaSet): SheetIndex {
  const criteria = new Map<string, string>();
  const options = new Map<string, { title: string; points: number }>();
  for (const { criterion } of flattenCriteria(set)) {
    criteria.set(criterion.id, criterion.title);
    for (const o of criterion.options) options.set(o.id, { title: o.title, points: o.points });
  }
  return { criteria, options };
}

/** Criteria text exists only in Vietnamese: on the English page it is marked as such for screen readers. */
function vi(locale: Locale, text: string): SafeHtml {
  return locale === 'vi' ? html`${text}` : html`<span lang="vi">${text}</span>`;
}

/** A criterion's or an option's title, where the island reads it to write its sentences. */
function title(locale: Locale, text: string): SafeHtml {
  return html`<span class="sa-t" ${locale === 'vi' ? '' : html`lang="vi"`}>${text}</span>`;
}

const pts = (locale: Locale, n: number) => pointsText(locale, formatNumber(locale, n), n);

function optionLabel(locale: Locale, name: string, o: CriterionOption, checked: boolean): SafeHtml {
  return html`<label class="sa-opt"
    ><input type="radio" name="${name}" value="${o.id}" ${checked ? html`checked` : ''} />
    <span
      >${title(locale, o.title)} <span class="sa-pts">${pts(locale, o.points)}</span>${
        o.mandatoryFor
          ? html` <strong class="sa-req"
              >${fill(t(locale, TEXT.mandatoryFor), { n: o.mandatoryFor })}</strong
            >`
          : ''
      }</span
    ></label
  >`;
}

function knockOutBox(locale: Locale, c: Criterion, state: SheetState): SafeHtml | '' {
  if (!c.knockOut) return '';
  const checked = state.knockOuts.includes(c.id);
  return html`<label class="sa-opt sa-ko"
    ><input type="checkbox" name="ko" value="${c.id}" ${checked ? html`checked` : ''} />
    <span>${t(locale, TEXT.knockOut)} ${vi(locale, c.knockOut.text)}</span></label
  >`;
}

function criterionFieldset(locale: Locale, c: Criterion, state: SheetState, caseOf?: string): SafeHtml {
  const chosen = state.answers[c.id];
  const described = c.description && c.description !== c.knockOut?.text ? c.description : '';
  return html`<fieldset
    class="sa-criterion"
    id="c-${c.id}"
    data-criterion="${c.id}"
    ${caseOf ? html`data-case="${caseOf}"` : ''}
  >
    <legend>
      ${c.id}. ${title(locale, c.title)}
      <span class="sa-pts">(${fill(t(locale, TEXT.upTo), { n: formatNumber(locale, c.max) })})</span>
    </legend>
    ${described ? html`<p class="muted">${vi(locale, described)}</p>` : ''}
    ${c.mandatoryFor ? html`<p class="sa-req">${fill(t(locale, TEXT.answerRequired), { n: c.mandatoryFor })}</p>` : ''}
    <label class="sa-opt"
      ><input type="radio" name="${c.id}" value="" ${chosen ? '' : html`checked`} />
      <span>${t(locale, TEXT.unanswered)}</span></label
    >
    ${c.options.map((o) => optionLabel(locale, c.id, o, chosen === o.id))} ${knockOutBox(locale, c, state)}
  </fieldset>`;
}

/** A "choose one of the cases" group (set 26): each case is a fieldset of its criteria. */
function casesOf(locale: Locale, part: CriteriaPart, g: CriteriaGroup, state: SheetState): SafeHtml {
  const key = `${part.code}${g.code}`;
  return html`<p class="notice info">${t(locale, TEXT.cases)}</p>
    ${(g.alternatives ?? []).map(
      (a) =>
        html`<fieldset class="sa-case" data-case-group="${key}" data-case-code="${a.code}">
          <legend>${vi(locale, a.title)}</legend>
          ${a.criteria.map((c) => criterionFieldset(locale, c, state, key))}
        </fieldset>`,
    )}`;
}

function groupSection(locale: Locale, part: CriteriaPart, g: CriteriaGroup, state: SheetState): SafeHtml {
  const knockOutNote = g.criteria.some((c) => c.knockOut?.text === g.description);
  const note = g.description && !g.alternatives && !knockOutNote ? g.description : '';
  return html`<h3>
      ${g.code}. ${vi(locale, g.title)}
      <span class="sa-pts">(${fill(t(locale, TEXT.upTo), { n: formatNumber(locale, g.max) })})</span>
    </h3>
    ${note ? html`<p class="muted">${vi(locale, note)}</p>` : ''}
    ${g.alternatives ? casesOf(locale, part, g, state) : g.criteria.map((c) => criterionFieldset(locale, c, state))}`;
}

function partSection(locale: Locale, part: CriteriaPart, state: SheetState): SafeHtml {
  const heading = fill(t(locale, TEXT.part), { code: part.code });
  return html`<section class="sa-part" aria-labelledby="part-${part.code}">
    <h2 id="part-${part.code}">
      ${heading}. ${vi(locale, part.title)}
      <span class="sa-pts">(${fill(t(locale, TEXT.upTo), { n: formatNumber(locale, part.max) })})</span>
    </h2>
    ${part.groups.map((g) => groupSection(locale, part, g, state))}
  </section>`;
}

export function errorList(locale: Locale, messages: readonly string[]): SafeHtml | '' {
  if (!messages.length) return '';
  return html`<div class="notice" role="alert" id="sa-errors">
    <p><strong>${t(locale, TEXT.errorsTitle)}</strong></p>
    <ul>
      ${messages.map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

export function sheetForm(locale: Locale, action: string, set: CriteriaSet, state: SheetState): SafeHtml {
  return html`<form class="sa-sheet" method="get" action="${action}">
    ${set.parts.map((p) => partSection(locale, p, state))}
    <p class="sa-actions">
      <button type="submit">${t(locale, TEXT.submit)}</button>
      <a class="button secondary" href="${action}" data-sa-reset>${t(locale, TEXT.startOver)}</a>
    </p>
  </form>`;
}

function starsImage(locale: Locale, n: number): SafeHtml {
  const label = fill(t(locale, TEXT.starsLabel), { n });
  return html`<span class="stars" role="img" aria-label="${label}"
    >${'★'.repeat(n)}${'☆'.repeat(Math.max(0, 5 - n))}</span
  >`;
}

/** The one-line summary, also the polite live region the island updates. */
export function statusLine(locale: Locale, result: SelfAssessmentOut | null): string {
  if (!result) return t(locale, TEXT.statusNone);
  const n = formatNumber(locale, result.total);
  if (result.stars === null) return fill(t(locale, TEXT.statusKnockedOut), { n });
  return fill(t(locale, TEXT.statusLine), { n, stars: `${String(result.stars)}★` });
}

function scoreFacts(locale: Locale, set: CriteriaSet, r: SelfAssessmentOut): SafeHtml {
  const outOf = (n: number, max: number) =>
    fill(t(locale, TEXT.outOf), { n: formatNumber(locale, n), max: formatNumber(locale, max) });
  const parts = set.parts.map(
    (p) =>
      html`<dt>${fill(t(locale, TEXT.part), { code: p.code })}</dt>
        <dd>${outOf(r.parts[p.code], p.max)}</dd>`,
  );
  const levels =
    r.band === null || r.cap === null
      ? ''
      : html`<dt>${t(locale, TEXT.band)}</dt>
          <dd>${r.band}★</dd>
          <dt>${t(locale, TEXT.cap)}</dt>
          <dd>${r.cap}★</dd>`;
  return html`<dl class="facts sa-facts">
    <dt>${t(locale, TEXT.total)}</dt>
    <dd><strong class="sa-total">${outOf(r.total, 100)}</strong></dd>
    ${parts} ${levels}
  </dl>`;
}

function optionName(locale: Locale, index: SheetIndex, id: string | null): string {
  if (id === null) return t(locale, TEXT.unanswered);
  return index.options.get(id)?.title ?? id;
}

function criterionName(index: SheetIndex, id: string): string {
  return `${id} (${index.criteria.get(id) ?? ''})`;
}

function unmetList(locale: Locale, index: SheetIndex, r: SelfAssessmentOut): SafeHtml | '' {
  if (!r.unmet.length) return '';
  const items = r.unmet.map(
    (u) =>
      html`<li>
        ${fill(t(locale, TEXT.unmetItem), {
          criterion: criterionName(index, u.criterionId),
          option: optionName(locale, index, u.needed),
          points: pts(locale, u.minPoints),
          stars: u.forStars,
          chosen: optionName(locale, index, u.chosen),
        })}
      </li>`,
  );
  return html`<h4>${t(locale, TEXT.unmetTitle)}</h4>
    <ul class="sa-unmet">
      ${items}
    </ul>`;
}

function nextStar(locale: Locale, index: SheetIndex, r: SelfAssessmentOut): SafeHtml {
  const next = r.nextStar;
  if (!next) return html`<p>${t(locale, TEXT.topLevel)}</p>`;
  const needed =
    next.pointsNeeded > 0
      ? fill(t(locale, TEXT.pointsNeeded), { n: formatNumber(locale, next.pointsNeeded) })
      : t(locale, TEXT.onlyMandatory);
  const steps = next.cheapestSteps.map(
    (s) =>
      html`<li>
        ${fill(t(locale, TEXT.step), {
          criterion: criterionName(index, s.criterionId),
          from: optionName(locale, index, s.from),
          to: optionName(locale, index, s.to),
          points: pts(locale, s.points),
        })}
      </li>`,
  );
  return html`<h3>${fill(t(locale, TEXT.nextTitle), { n: next.stars })}</h3>
    <p>${needed}</p>
    ${unmetList(locale, index, r)}
    ${
      steps.length
        ? html`<p>${t(locale, TEXT.stepsTitle)}</p>
            <ol class="sa-steps">
              ${steps}
            </ol>
            <p>${fill(t(locale, TEXT.totalAfter), { n: formatNumber(locale, next.totalAfter) })}</p>`
        : html`<p>${t(locale, TEXT.noStep)}</p>`
    }`;
}

function resultBody(locale: Locale, set: CriteriaSet, r: SelfAssessmentOut): SafeHtml {
  const index = sheetIndex(set);
  if (r.knockOut) {
    const title = r.knockOut.effect === 'eliminated' ? TEXT.eliminated : TEXT.stopped;
    return html`<p class="sa-knockout">
        <strong>${t(locale, title)}</strong>: ${criterionName(index, r.knockOut.criterionId)} —
        ${vi(locale, r.knockOut.text)}
      </p>
      <p>${t(locale, TEXT.knockedOutNote)}</p>
      ${scoreFacts(locale, set, r)}`;
  }
  const stars = r.stars ?? 1;
  return html`<p class="sa-stars">${t(locale, TEXT.stars)}: ${starsImage(locale, stars)}</p>
    ${stars < 3 ? html`<p>${t(locale, TEXT.notCertified)}</p>` : ''}
    ${stars === 5 ? html`<p>${t(locale, TEXT.potentialFive)}</p>` : ''} ${scoreFacts(locale, set, r)}
    ${nextStar(locale, index, r)}`;
}

/** The result panel: the score when there is one, and always the version and the estimate notice. */
export function resultPanel(locale: Locale, set: CriteriaSet, result: SelfAssessmentOut | null): SafeHtml {
  return html`<section class="sa-result" aria-labelledby="sa-result-title">
    <h2 id="sa-result-title">${t(locale, TEXT.resultTitle)}</h2>
    <div data-sa-body>
      ${result ? resultBody(locale, set, result) : html`<p>${t(locale, TEXT.noAnswers)}</p>`}
    </div>
    <p class="muted">
      ${fill(t(locale, TEXT.version), { v: result?.version ?? set.version })} ${t(locale, TEXT.estimate)}
    </p>
  </section>`;
}
