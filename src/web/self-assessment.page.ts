import type { FastifyInstance } from 'fastify';
import type { Locale } from '../core/context.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../core/errors.js';
import { presentSelfAssessment, type SelfAssessmentOut } from '../scoring/self-assessment.presenter.js';
import { selfAssess } from '../scoring/self-assessment.service.js';
import type { CriteriaSet } from '../scorecards/criteria.js';
import type { ScorecardRow } from '../scorecards/scorecard.repository.js';
import { browseScorecards, getScorecard } from '../scorecards/scorecard.service.js';
import { SECTOR_CODES } from '../scorecards/taxonomy.js';
import { t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { islandScripts } from './client-assets.js';
import { absoluteUrl, localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { clientText, TEXT } from './self-assessment.text.js';
import { errorList, resultPanel, sheetForm, sheetIndex, statusLine } from './self-assessment.view.js';
import { fill } from './web-i18n.js';

/**
 * The producers' self-assessment (issue 7): choose a scorecard, fill its sheet, see the estimated stars and what
 * blocks the next one. The sheet is a GET form, so its address is the draft (bookmarkable, shareable) and the
 * page works without JavaScript; answers are scored by the same service as POST /api/v1/self-assessment.
 */

/** Criterion ids look like "A1a", "A1dd", "C6a1"; other query names (tracking tags) are ignored. */
const CRITERION_KEY = /^[A-Z][0-9A-Za-z]{0,15}$/;
const MAX_ANSWERS = 200;
const MAX_VALUE = 24;

export interface SheetQuery {
  answers: Record<string, string>;
  knockOuts: string[];
  /** Problems found before scoring: two answers for one criterion, an over-long value, too many answers. */
  problems: ErrorDetail[];
}

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

function problem(key: 'answeredTwice' | 'tooLong' | 'tooMany', id = ''): ErrorDetail {
  return {
    field: id,
    message: TEXT[key].vi.replace('{id}', id),
    messageEn: TEXT[key].en.replace('{id}', id),
  };
}

/** The answers of a sheet's query string (`?A1a=A1a.3&ko=C10a`); an empty value means "not answered". */
export function readSheetQuery(query: Readonly<Record<string, unknown>>): SheetQuery {
  const out: SheetQuery = { answers: {}, knockOuts: [], problems: [] };
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'ko') {
      for (const id of new Set(values(raw))) {
        if (id.length > MAX_VALUE) out.problems.push(problem('tooLong', id.slice(0, MAX_VALUE)));
        else out.knockOuts.push(id);
      }
      continue;
    }
    if (!CRITERION_KEY.test(key)) continue;
    const given = [...new Set(values(raw))];
    const [first] = given;
    if (first === undefined) continue;
    if (given.length > 1) out.problems.push(problem('answeredTwice', key));
    else if (first.length > MAX_VALUE) out.problems.push(problem('tooLong', key));
    else out.answers[key] = first;
  }
  if (Object.keys(out.answers).length > MAX_ANSWERS) out.problems.push(problem('tooMany'));
  return out;
}

export const hasAnswers = (q: SheetQuery) =>
  Object.keys(q.answers).length > 0 || q.knockOuts.length > 0 || q.problems.length > 0;

interface Scored {
  result: SelfAssessmentOut | null;
  problems: ErrorDetail[];
}

/** Scores the query's answers against the set shown (its version, so the result matches the sheet). */
async function scoreQuery(
  app: FastifyInstance,
  env: PageEnv,
  set: CriteriaSet,
  q: SheetQuery,
): Promise<Scored> {
  if (!hasAnswers(q)) return { result: null, problems: [] };
  const input = {
    scorecard: set.scorecardId,
    answers: q.answers,
    knockOuts: q.knockOuts,
    version: set.version,
  };
  try {
    const result = presentSelfAssessment(await selfAssess(env.ctx, input, app.changeTracker.version()));
    return q.problems.length ? { result: null, problems: q.problems } : { result, problems: [] };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { result: null, problems: [...q.problems, ...e.details] };
  }
}

/** "answers.A1a: không có phương án …" → "A1a (Nguồn gốc sản phẩm): không có phương án …". */
function problemText(locale: Locale, titles: ReadonlyMap<string, string>, d: ErrorDetail): string {
  const message = locale === 'en' ? (d.messageEn ?? d.message) : d.message;
  const id = (d.field ?? '').replace(/^(answers|knockOuts)\./, '');
  const title = titles.get(id);
  const label = title ? `${id} (${title})` : id;
  return d.field && message.startsWith(`${d.field}: `)
    ? `${label}: ${message.slice(d.field.length + 2)}`
    : message;
}

function scorecardNumber(raw: string): number {
  const n = /^[1-9][0-9]{0,2}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw new NotFoundError('scorecard', raw);
  return n;
}

function sectorList(locale: Locale, rows: readonly ScorecardRow[]): SafeHtml[] {
  return SECTOR_CODES.map((code) => {
    const inSector = rows.filter((r) => r.sector_code === code);
    const [first] = inSector;
    if (!first) return html``;
    const name = locale === 'en' ? first.sector_name_en : first.sector_name_vi;
    const links = inSector.map(
      (r) =>
        html`<li>
          <a href="${localePath(locale, `/self-assessment/${String(r.id)}`)}"
            >${fill(t(locale, TEXT.scorecard), { n: r.id, name: locale === 'en' ? r.name_en : r.name_vi })}</a
          >
        </li>`,
    );
    return html`<section aria-labelledby="sector-${code}">
      <h2 id="sector-${code}">${fill(t(locale, TEXT.sector), { code, name })}</h2>
      <ul class="sa-sets">
        ${links}
      </ul>
    </section>`;
  });
}

async function indexPage(env: PageEnv): Promise<string> {
  const { locale } = env;
  const { rows } = await browseScorecards(env.ctx, { page: 1, limit: 100 });
  const body = html`<h1>${t(locale, TEXT.indexTitle)}</h1>
    <p>${t(locale, TEXT.indexIntro)}</p>
    ${sectorList(locale, rows)}`;
  return page(
    {
      locale,
      path: '/self-assessment',
      title: t(locale, TEXT.indexTitle),
      description: t(locale, TEXT.indexDescription),
      publicUrl: env.publicUrl,
    },
    body,
  );
}

interface SheetPage {
  env: PageEnv;
  row: ScorecardRow;
  set: CriteriaSet;
  query: SheetQuery;
  scored: Scored;
  /** The raw query string ('?A1a=A1a.3'), kept by the language switch. */
  search: string;
}

function sheetBody(p: SheetPage): SafeHtml {
  const { locale } = p.env;
  const path = localePath(locale, `/self-assessment/${String(p.row.id)}`);
  const name = locale === 'en' ? p.row.name_en : p.row.name_vi;
  const state = { answers: p.query.answers, knockOuts: p.query.knockOuts };
  const note = t(locale, TEXT.quotedInVietnamese);
  const titles = sheetIndex(p.set).criteria;
  return html`<h1>${fill(t(locale, TEXT.sheetTitle), { name })}</h1>
    <p>${t(locale, TEXT.sheetIntro)}</p>
    ${note ? html`<p class="muted">${note}</p>` : ''}
    <p><a href="${localePath(locale, '/self-assessment')}">${t(locale, TEXT.allSets)}</a></p>
    <div
      class="sa"
      data-island="self-assessment"
      data-scorecard="${p.row.id}"
      data-version="${p.set.version}"
      data-text="${JSON.stringify(clientText(locale))}"
      data-parts="${JSON.stringify(Object.fromEntries(p.set.parts.map((x) => [x.code, x.max])))}"
    >
      ${errorList(
        locale,
        p.scored.problems.map((d) => problemText(locale, titles, d)),
      )}
      ${resultPanel(locale, p.set, p.scored.result)} ${sheetForm(locale, path, p.set, state)}
      <p class="sa-status" aria-live="polite" data-sa-status>${statusLine(locale, p.scored.result)}</p>
    </div>`;
}

function renderSheet(p: SheetPage): string {
  const { locale } = p.env;
  const path = `/self-assessment/${String(p.row.id)}`;
  const name = locale === 'en' ? p.row.name_en : p.row.name_vi;
  const answered = hasAnswers(p.query);
  return page(
    {
      locale,
      path,
      title: fill(t(locale, TEXT.sheetTitle), { name }),
      description: fill(t(locale, TEXT.sheetDescription), { n: p.row.id, name }),
      publicUrl: p.env.publicUrl,
      // A filled sheet is someone's draft: the language switch keeps it, search engines index the blank one.
      ...(answered
        ? {
            query: p.search,
            canonical: absoluteUrl(p.env.publicUrl, localePath(locale, path)),
            noindex: true,
          }
        : {}),
      scripts: islandScripts(),
    },
    sheetBody(p),
  );
}

/**
 * A sheet with answers is one visitor's draft: kept by no browser or shared cache, and marked `private` so the
 * site's page cache can tell it from the pages worth keeping (any number of answer addresses must not evict them).
 */
const DRAFT_CACHE = 'private, no-store';

export const selfAssessmentPages: LocalePlugin = (app, { locale }) => {
  app.get('/self-assessment', { schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, await indexPage(pageEnv(app, request, locale))),
  );

  app.get('/self-assessment/:n', { schema: { hide: true } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const id = scorecardNumber((request.params as { n: string }).n);
    const { row, set } = await getScorecard(env.ctx, id);
    const query = readSheetQuery(request.query as Record<string, unknown>);
    const scored = await scoreQuery(app, env, set, query);
    const at = request.url.indexOf('?');
    const search = at < 0 ? '' : request.url.slice(at);
    const markup = renderSheet({ env, row, set, query, scored, search });
    if (scored.problems.length) return sendPage(reply, markup, 400);
    return hasAnswers(query) ? sendPage(reply, markup, 200, DRAFT_CACHE) : sendPage(reply, markup);
  });
  return Promise.resolve();
};
