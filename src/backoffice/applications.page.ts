import { ValidationError } from '../core/errors.js';
import type { FastifyInstance } from 'fastify';
import { can, hasRole } from '../accounts/policy.js';
import { staffProducts } from '../catalog/catalog-staff.service.js';
import type { Ctx } from '../core/context.js';
import { publicUrls } from '../core/public-urls.js';
import type { ApplicationDto } from '../evaluation/application.presenter.js';
import { applicationPage, getApplication } from '../evaluation/application.query.js';
import {
  createApplication,
  fireEvent,
  recordCommuneAssessment,
  updateApplicationDraft,
} from '../evaluation/application.service.js';
import {
  APPLICATION_KINDS,
  APPLICATION_STATES,
  isUserEvent,
  KIND_LABELS,
  STATE_LABELS,
} from '../evaluation/application.workflow.js';
import { readDocumentUpload, useDocumentUploads } from '../evaluation/document-upload.js';
import { addDocument, removeDocument } from '../evaluation/dossier.service.js';
import { formatDate, formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { applicationDetail } from './application-detail.view.js';
import { BO } from './bo-i18n.js';
import { formValue, requireStaff } from './bo-context.js';
import { EV } from './evaluation.text.js';
import { boPage, csrfField, errorSummary, field, pagination, selectField, type BoView } from './layout.js';
import { formErrors, intOrText, pageOf, queryOf, redirectWithNotice, sendPage } from './registry.pages.js';

const BASE = '/admin/applications';
const LIMIT = 20;

/** /admin/applications: the list each actor may see, a producer's new application, one application's page. */
export async function applicationPages(app: FastifyInstance): Promise<void> {
  app.get('/applications', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const query = queryOf(request);
    const state = APPLICATION_STATES.find((s) => s === query.state);
    const page = await applicationPage(ctx, {
      page: pageOf(query),
      limit: LIMIT,
      ...(state ? { state } : {}),
    });
    const body = html`${listFilters(view, ctx, state)}${listTable(view, page, state)}`;
    return sendPage(reply, boPage(view, { title: EV.applications, active: 'applications', body }));
  });

  app.get('/applications/new', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await newPage(view, ctx, { kind: 'new', sampleCount: '5' }, {}));
  });

  app.post('/applications/new', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const values = {
      productId: formValue(request.body, 'productId') ?? '',
      kind: formValue(request.body, 'kind') ?? '',
      sampleCount: formValue(request.body, 'sampleCount') ?? '',
    };
    try {
      const id = await createApplication(ctx, { ...values, sampleCount: intOrText(values.sampleCount) });
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, EV.created));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendPage(reply, await newPage(view, ctx, values, errors), 400);
    }
  });

  app.get<{ Params: { id: string } }>('/applications/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await detailPage(view, ctx, request.params.id, {}));
  });

  /** Each form posts here with its action; a refusal re-renders the page with the reason, status 400/409. */
  const act = (
    path: string,
    run: (ctx: Ctx, id: string, body: unknown) => Promise<unknown>,
    notice = EV.done,
  ) =>
    app.post<{ Params: { id: string } }>(`/applications/:id/${path}`, async (request, reply) => {
      const { view, ctx } = requireStaff(request, reply);
      const id = request.params.id;
      try {
        await run(ctx, id, request.body);
        return await redirectWithNotice(reply, `${BASE}/${encodeURIComponent(id)}`, t(view.locale, notice));
      } catch (error) {
        const errors = formErrors(error, view.locale);
        if (!errors) throw error;
        return sendPage(reply, await detailPage(view, ctx, id, errors), 400);
      }
    });

  act('events', (ctx, id, body) => {
    const event = formValue(body, 'event') ?? '';
    if (!isUserEvent(event)) {
      return Promise.reject(
        new ValidationError([
          { field: 'event', message: 'event: thao tác không hợp lệ', messageEn: 'event: unknown action' },
        ]),
      );
    }
    const reason = formValue(body, 'reason');
    const siteVisitOn = formValue(body, 'siteVisitOn');
    return fireEvent(ctx, id, event, {
      ...(reason === undefined ? {} : { reason }),
      ...(siteVisitOn === undefined ? {} : { siteVisitOn }),
    });
  });
  act(
    'assessment',
    (ctx, id, body) =>
      recordCommuneAssessment(ctx, id, {
        origin: formValue(body, 'origin') === 'yes',
        localLabour: formValue(body, 'localLabour') === 'yes',
        idea: formValue(body, 'idea') === 'yes',
        identity: formValue(body, 'identity') === 'yes',
        ...(formValue(body, 'note') === undefined ? {} : { note: formValue(body, 'note') }),
      }),
    EV.assessmentSaved,
  );
  act(
    'samples',
    (ctx, id, body) =>
      updateApplicationDraft(ctx, id, { sampleCount: intOrText(formValue(body, 'sampleCount')) }),
    EV.sampleCountSaved,
  );
  app.post<{ Params: { id: string; documentId: string } }>(
    '/applications/:id/documents/:documentId/delete',
    async (request, reply) => {
      const { view, ctx } = requireStaff(request, reply);
      await removeDocument(ctx, app.uploadsDir, request.params.id, request.params.documentId);
      return redirectWithNotice(
        reply,
        `${BASE}/${encodeURIComponent(request.params.id)}#h-documents`,
        t(view.locale, EV.removed),
      );
    },
  );
  // Its own scope: multipart parsing exists for the document upload only (the token travels in the action's query).
  await app.register(async (scope) => {
    await useDocumentUploads(scope);
    scope.post<{ Params: { id: string } }>('/applications/:id/documents', async (request, reply) => {
      const { view, ctx } = requireStaff(request, reply);
      const id = request.params.id;
      try {
        await addDocument(ctx, app.uploadsDir, id, await readDocumentUpload(request));
        return await redirectWithNotice(
          reply,
          `${BASE}/${encodeURIComponent(id)}#h-documents`,
          t(view.locale, EV.uploaded),
        );
      } catch (error) {
        const errors = formErrors(error, view.locale);
        if (!errors) throw error;
        return sendPage(reply, await detailPage(view, ctx, id, errors), 400);
      }
    });
  });
}

async function detailPage(
  view: BoView,
  ctx: Ctx,
  id: string,
  errors: Record<string, string>,
): Promise<string> {
  const dto: ApplicationDto = await getApplication(ctx, id);
  const title = `${dto.product.name} — ${dto.kindLabel}`;
  const body = html`<p><a href="${BASE}">${t(view.locale, EV.back)}</a></p>
    ${errorSummary(view, errors)}${applicationDetail(view, ctx, dto)}`;
  return boPage(view, { title, active: 'applications', body });
}

function listFilters(view: BoView, ctx: Ctx, state: string | undefined): SafeHtml {
  const l = view.locale;
  const canCreate = can(ctx.actor, 'create', { type: 'application' }) || hasRole(ctx.actor, 'producer');
  return html`<form method="get" action="${BASE}" class="filters">
      ${selectField({
        name: 'state',
        label: t(l, EV.state),
        value: state,
        blank: t(l, EV.any),
        options: APPLICATION_STATES.map((s) => ({ value: s, label: t(l, STATE_LABELS[s]) })),
      })}
      <button type="submit">${t(l, BO.filter)}</button>
    </form>
    ${canCreate ? html`<p><a class="button" href="${BASE}/new">${t(l, EV.newApplication)}</a></p>` : ''}`;
}

function listTable(
  view: BoView,
  page: Awaited<ReturnType<typeof applicationPage>>,
  state: string | undefined,
): SafeHtml {
  const l = view.locale;
  if (page.items.length === 0) return html`<p>${t(l, EV.none)}</p>`;
  const params = new URLSearchParams(state ? { state } : {});
  return html`<table class="list">
      <thead>
        <tr>
          <th scope="col">${t(l, EV.product)}</th>
          <th scope="col">${t(l, EV.producer)}</th>
          <th scope="col">${t(l, EV.kind)}</th>
          <th scope="col">${t(l, EV.state)}</th>
          <th scope="col">${t(l, EV.score)}</th>
          <th scope="col">${t(l, EV.updated)}</th>
        </tr>
      </thead>
      <tbody>
        ${page.items.map(
          (a) =>
            html`<tr>
              <td><a href="${BASE}/${a.id}">${a.product.name}</a></td>
              <td>${a.producer.name}</td>
              <td>${a.kindLabel}</td>
              <td><span class="status status-${a.state}">${a.stateLabel}</span></td>
              <td>
                ${a.score === null ? '—' : formatNumber(l, a.score)}${a.stars === null ? '' : ` (${'★'.repeat(a.stars)})`}
              </td>
              <td>${formatDate(l, a.updatedAt.slice(0, 10))}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${pagination(view, BASE, params, page.page, page.limit, page.total)}`;
}

async function newPage(
  view: BoView,
  ctx: Ctx,
  values: { productId?: string; kind: string; sampleCount: string },
  errors: Record<string, string>,
): Promise<string> {
  const l = view.locale;
  const products = await staffProducts(ctx, { page: 1, limit: 100, sort: 'name' }, publicUrls('', l));
  const body = html`${errorSummary(view, errors)}
    <form method="post" action="${BASE}/new" class="form" novalidate>
      ${csrfField(view)}
      ${selectField({
        name: 'productId',
        label: t(l, EV.product),
        value: values.productId,
        required: true,
        error: errors.productId,
        blank: '—',
        options: products.items.map((p) => ({ value: p.id, label: p.name })),
      })}
      ${selectField({
        name: 'kind',
        label: t(l, EV.kind),
        value: values.kind,
        required: true,
        error: errors.kind,
        options: APPLICATION_KINDS.map((k) => ({ value: k, label: t(l, KIND_LABELS[k]) })),
      })}
      ${field({
        name: 'sampleCount',
        label: t(l, EV.samples),
        hint: t(l, EV.samplesHint),
        type: 'number',
        value: values.sampleCount,
        required: true,
        error: errors.sampleCount,
        attrs: raw(' min="0" max="100"'),
      })}
      <button type="submit">${t(l, EV.create)}</button>
    </form>`;
  return boPage(view, { title: EV.newApplication, active: 'applications', body });
}
