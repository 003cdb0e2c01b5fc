import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/policy.js';
import type { Ctx } from '../core/context.js';
import { applicationPage } from '../evaluation/application.query.js';
import { loadApplication } from '../evaluation/application.service.js';
import { closeSession } from '../evaluation/council-result.js';
import { sessionsList, sessionView, type SessionDto } from '../evaluation/council.query.js';
import {
  assignApplications,
  availableMembers,
  createSession,
  declareConflict,
  openSession,
  unassignApplication,
} from '../evaluation/council.service.js';
import { frozenSet } from '../evaluation/frozen-set.js';
import { listRounds } from '../evaluation/round.service.js';
import { recordDiscussion, setKnockOuts } from '../evaluation/score-sheet.service.js';
import { compileSet } from '../scoring/compiled-set.js';
import { formatDate, formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { formValue, formValues, requireStaff } from './bo-context.js';
import { EV, sessionStateText } from './evaluation.text.js';
import { boPage, csrfField, errorSummary, field, selectField, type BoView } from './layout.js';
import { formErrors, redirectWithNotice, sendPage } from './registry.pages.js';

const BASE = '/admin/council-sessions';

/** /admin/council-sessions: the secretary forms, runs and closes sessions; members find theirs. */
export function councilSessionPages(app: FastifyInstance): void {
  app.get('/council-sessions', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const sessions = await sessionsList(ctx);
    const l = view.locale;
    const body = html`${
      can(ctx.actor, 'create', { type: 'councilSession' })
        ? html`<p><a class="button" href="${BASE}/new">${t(l, EV.newSession)}</a></p>`
        : ''
    }
    ${
      sessions.length === 0
        ? html`<p>${t(l, EV.noSessions)}</p>`
        : html`<table class="list">
            <thead>
              <tr>
                <th scope="col">${t(l, EV.sessionName)}</th>
                <th scope="col">${t(l, EV.meetsOn)}</th>
                <th scope="col">${t(l, EV.state)}</th>
              </tr>
            </thead>
            <tbody>
              ${sessions.map(
                (s) =>
                  html`<tr>
                    <td><a href="${BASE}/${s.id}">${s.name}</a></td>
                    <td>${formatDate(l, s.meetsOn)}</td>
                    <td>${sessionStateText(s.state, l)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
    return sendPage(reply, boPage(view, { title: EV.sessions, active: 'councilSessions', body }));
  });

  app.get('/council-sessions/new', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await newSessionPage(view, ctx, {}, {}));
  });

  app.post('/council-sessions/new', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const values = {
      roundId: formValue(request.body, 'roundId') ?? '',
      name: formValue(request.body, 'name') ?? '',
      meetsOn: formValue(request.body, 'meetsOn') ?? '',
      chairId: formValue(request.body, 'chairId') ?? '',
    };
    const memberIds = formValues(request.body, 'memberIds');
    try {
      const id = await createSession(ctx, { ...values, memberIds });
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, EV.formed));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, await newSessionPage(view, ctx, { ...values, memberIds }, errors), 400);
    }
  });

  app.get<{ Params: { id: string } }>('/council-sessions/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await sessionPage(view, ctx, request.params.id, {}));
  });

  /** A session form: run, then back to the session with a notice, or the page again with the refusal. */
  const act = (
    path: string,
    run: (ctx: Ctx, id: string, body: unknown) => Promise<unknown>,
    notice: { vi: string; en: string },
    sessionOf: (ctx: Ctx, id: string) => Promise<string> = (_ctx, id) => Promise.resolve(id),
  ) =>
    app.post<{ Params: { id: string } }>(path, async (request, reply) => {
      const { view, ctx } = requireStaff(request, reply);
      const sessionId = await sessionOf(ctx, request.params.id);
      try {
        await run(ctx, request.params.id, request.body);
        return await redirectWithNotice(
          reply,
          `${BASE}/${encodeURIComponent(sessionId)}`,
          t(view.locale, notice),
        );
      } catch (error) {
        const errors = formErrors(error, view.locale);
        if (!errors) throw error;
        return sendPage(reply, await sessionPage(view, ctx, sessionId, errors), 400);
      }
    });
  const ofApplication = async (ctx: Ctx, id: string) => (await loadApplication(ctx, id)).session_id ?? '';

  act(
    '/council-sessions/:id/open',
    (ctx, id, body) => openSession(ctx, id, { presentIds: formValues(body, 'presentIds') }),
    EV.opened,
  );
  act(
    '/council-sessions/:id/assign',
    (ctx, id, body) => assignApplications(ctx, id, formValues(body, 'applicationIds')),
    EV.assigned,
  );
  act('/council-sessions/:id/close', (ctx, id) => closeSession(ctx, id), EV.closed);
  act(
    '/council-sessions/applications/:id/discussion',
    (ctx, id, body) => recordDiscussion(ctx, id, { note: formValue(body, 'note') ?? '' }),
    EV.discussed,
    ofApplication,
  );
  act(
    '/council-sessions/applications/:id/unassign',
    (ctx, id) => unassignApplication(ctx, id),
    EV.unassigned,
    ofApplication,
  );
  act(
    '/council-sessions/applications/:id/conflicts',
    (ctx, id, body) =>
      declareConflict(ctx, id, {
        memberId: formValue(body, 'memberId') ?? '',
        reason: formValue(body, 'reason') ?? '',
      }),
    EV.conflictSaved,
    ofApplication,
  );
  act(
    '/council-sessions/applications/:id/knock-outs',
    (ctx, id, body) => setKnockOuts(ctx, id, { criteria: formValues(body, 'criteria') }),
    EV.knockOutsSaved,
    ofApplication,
  );
}

async function newSessionPage(
  view: BoView,
  ctx: Ctx,
  values: { roundId?: string; name?: string; meetsOn?: string; chairId?: string; memberIds?: string[] },
  errors: Record<string, string>,
): Promise<string> {
  const l = view.locale;
  const [rounds, members] = await Promise.all([listRounds(ctx), availableMembers(ctx)]);
  const chosen = new Set(values.memberIds ?? []);
  const body = html`${errorSummary(view, errors)}
    <form method="post" action="${BASE}/new" class="form" novalidate>
      ${csrfField(view)}
      ${selectField({
        name: 'roundId',
        label: t(l, EV.round),
        value: values.roundId,
        required: true,
        error: errors.roundId,
        options: rounds.filter((r) => r.status === 'open').map((r) => ({ value: r.id, label: r.name })),
      })}
      ${field({ name: 'name', label: t(l, EV.sessionName), value: values.name, required: true, error: errors.name })}
      ${field({ name: 'meetsOn', label: t(l, EV.meetsOn), type: 'date', value: values.meetsOn, required: true, error: errors.meetsOn })}
      ${selectField({
        name: 'chairId',
        label: t(l, EV.chair),
        value: values.chairId,
        required: true,
        error: errors.chairId,
        blank: '—',
        options: members.map((m) => ({ value: m.id, label: m.name })),
      })}
      <fieldset id="f-memberIds">
        <legend>${t(l, EV.members)}</legend>
        <p class="hint">${t(l, EV.membersHint)}</p>
        ${errors.memberIds ? html`<p class="error">${errors.memberIds}</p>` : ''}
        ${members.map(
          (m) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="memberIds"
                value="${m.id}"
                ${chosen.has(m.id) ? raw('checked') : ''}
              />
              ${m.name} <small>${m.email}</small></label
            >`,
        )}
      </fieldset>
      <button type="submit">${t(l, EV.newSession)}</button>
    </form>`;
  return boPage(view, { title: EV.newSession, active: 'councilSessions', body });
}

async function sessionPage(
  view: BoView,
  ctx: Ctx,
  id: string,
  errors: Record<string, string>,
): Promise<string> {
  const s = await sessionView(ctx, id);
  const manager = can(ctx.actor, 'update', { type: 'councilSession' });
  const l = view.locale;
  const waiting =
    manager && s.state !== 'closed'
      ? (await applicationPage(ctx, { state: 'accepted', page: 1, limit: 100 })).items
      : [];
  const body = html`<p><a href="${BASE}">← ${t(l, EV.sessions)}</a></p>
    ${errorSummary(view, errors)}
    <dl class="facts">
      <dt>${t(l, EV.state)}</dt>
      <dd>${sessionStateText(s.state, l)}</dd>
      <dt>${t(l, EV.meetsOn)}</dt>
      <dd>${formatDate(l, s.meetsOn)}</dd>
      <dt>${t(l, EV.quorum)}</dt>
      <dd>${formatNumber(l, s.quorum.present)} / ${formatNumber(l, s.quorum.needed)}</dd>
    </dl>
    ${membersBlock(view, s, manager)} ${await applicationsBlock(view, ctx, s, manager)}
    ${manager && waiting.length ? assignBlock(view, s, waiting) : ''}
    ${
      manager && s.state === 'open'
        ? html`<form method="post" action="${BASE}/${s.id}/close" class="form">
            ${csrfField(view)}<button type="submit">${t(l, EV.close)}</button>
          </form>`
        : ''
    }`;
  return boPage(view, { title: s.name, active: 'councilSessions', body });
}

function membersBlock(view: BoView, s: SessionDto, manager: boolean): SafeHtml {
  const l = view.locale;
  const rollCall = manager && s.state === 'forming';
  const rows = s.members.map(
    (m) =>
      html`<li>
        ${
          rollCall
            ? html`<label class="check"
                ><input type="checkbox" name="presentIds" value="${m.id}" checked /> ${m.name}</label
              >`
            : html`${m.name}${s.state === 'forming' ? '' : html` — ${m.present ? t(l, EV.present) : '✗'}`}`
        }
        ${m.chair ? html` <strong>(${t(l, EV.chair)})</strong>` : ''}
      </li>`,
  );
  const list = html`<ul class="members">
    ${rows}
  </ul>`;
  return html`<h2 id="h-members">${t(l, EV.members)}</h2>
    ${
      rollCall
        ? html`<form method="post" action="${BASE}/${s.id}/open" class="form">
            ${csrfField(view)}
            <fieldset>
              <legend>${t(l, EV.present)}</legend>
              ${list}
            </fieldset>
            <button type="submit">${t(l, EV.open)}</button>
          </form>`
        : list
    }`;
}

async function applicationsBlock(view: BoView, ctx: Ctx, s: SessionDto, manager: boolean): Promise<SafeHtml> {
  const l = view.locale;
  if (s.applications.length === 0) return html``;
  const rows = await Promise.all(s.applications.map((a) => applicationRow(view, ctx, s, a, manager)));
  return html`<h2 id="h-applications">${t(l, EV.applications)}</h2>
    <table class="list">
      <thead>
        <tr>
          <th scope="col">${t(l, EV.product)}</th>
          <th scope="col">${t(l, EV.state)}</th>
          <th scope="col">${t(l, EV.progress)}</th>
          <th scope="col">${t(l, EV.score)}</th>
          <th scope="col">${t(l, EV.actions)}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

async function applicationRow(
  view: BoView,
  ctx: Ctx,
  s: SessionDto,
  a: SessionDto['applications'][number],
  manager: boolean,
): Promise<SafeHtml> {
  const l = view.locale;
  const scoring = s.state === 'open' && a.state === 'assigned';
  const isMember = s.members.some((m) => m.id === ctx.actor.id && m.present);
  const tools = manager && a.state === 'assigned' ? await managerTools(view, ctx, s, a.id) : html``;
  return html`<tr>
    <td><a href="/admin/applications/${a.id}">${a.productName}</a><br /><small>${a.producerName}</small></td>
    <td>${a.stateLabel}</td>
    <td>${formatNumber(l, a.submitted)} / ${formatNumber(l, a.eligible)}</td>
    <td>
      ${a.score === null ? '—' : formatNumber(l, a.score)}${a.stars === null ? '' : ` ${'★'.repeat(a.stars)}`}
    </td>
    <td>
      ${scoring && isMember ? html`<a class="button" href="/admin/applications/${a.id}/sheet">${t(l, EV.scoreIt)}</a>` : ''}
      ${tools}
    </td>
  </tr>`;
}

/** The secretary's tools on one application: discussion, knock-outs, a conflict, taking it out. */
async function managerTools(view: BoView, ctx: Ctx, s: SessionDto, applicationId: string): Promise<SafeHtml> {
  const l = view.locale;
  const app = await loadApplication(ctx, applicationId);
  const set = compileSet(await frozenSet(ctx, app));
  const chosen = new Set(JSON.parse(app.knock_outs) as string[]);
  const base = `${BASE}/applications/${applicationId}`;
  return html`<details>
    <summary>${t(l, EV.actions)}</summary>
    <form method="post" action="${base}/discussion" class="form">
      ${csrfField(view)}
      ${field({ name: 'note', label: t(l, EV.discussion), type: 'textarea', value: app.discussion_note ?? '' })}
      <button type="submit">${t(l, EV.discussion)}</button>
    </form>
    <form method="post" action="${base}/knock-outs" class="form">
      ${csrfField(view)}
      <fieldset>
        <legend>${t(l, EV.knockOuts)}</legend>
        ${set.criteria
          .filter((c) => c.knockOut)
          .map(
            (c) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name="criteria"
                  value="${c.id}"
                  ${chosen.has(c.id) ? raw('checked') : ''}
                />
                ${c.id}: ${c.knockOut?.text ?? ''}</label
              >`,
          )}
      </fieldset>
      <button type="submit">${t(l, EV.knockOuts)}</button>
    </form>
    <form method="post" action="${base}/conflicts" class="form">
      ${csrfField(view)}
      ${selectField({ name: 'memberId', label: t(l, EV.member), required: true, options: s.members.map((m) => ({ value: m.id, label: m.name })) })}
      ${field({ name: 'reason', label: t(l, EV.conflict), required: true })}
      <button type="submit">${t(l, EV.conflict)}</button>
    </form>
    <form method="post" action="${base}/unassign" class="form">
      ${csrfField(view)}<button type="submit" class="secondary">${t(l, EV.unassign)}</button>
    </form>
  </details>`;
}

function assignBlock(
  view: BoView,
  s: SessionDto,
  waiting: ReadonlyArray<{ id: string; product: { name: string }; producer: { name: string } }>,
): SafeHtml {
  const l = view.locale;
  return html`<h2 id="h-assign">${t(l, EV.waiting)}</h2>
    <form method="post" action="${BASE}/${s.id}/assign" class="form">
      ${csrfField(view)}
      <fieldset>
        <legend>${t(l, EV.assign)}</legend>
        ${waiting.map(
          (a) =>
            html`<label class="check"
              ><input type="checkbox" name="applicationIds" value="${a.id}" /> ${a.product.name} —
              ${a.producer.name}</label
            >`,
        )}
      </fieldset>
      <button type="submit">${t(l, EV.assign)}</button>
    </form>`;
}
