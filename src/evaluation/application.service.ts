import { Type } from 'typebox';
import { authorize, scopeOf, type Action } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findProductRaw } from '../catalog/product.repository.js';
import { findCertificate } from '../certificates/certificate.repository.js';
import { certificateStatus, isIsoDate } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { newId, newSortableId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ApplicationTable } from '../db/schema.js';
import { findCriteriaSetRef } from '../scoring/criteria-set.repository.js';
import * as repo from './application.repository.js';
import {
  APPLICATION_KINDS,
  EVENT_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  nextState,
  type ApplicationEvent,
  type ApplicationKind,
  type ApplicationState,
  type EventActor,
  type UserEvent,
} from './application.workflow.js';
import { dossierProblems, isTourism, type CommuneAssessment } from './dossier.js';
import { noticeStep } from './evaluation-notices.js';

/** The policy action each kind of actor fires an event with (accounts/policy.ts). */
const ACTION_OF: Record<EventActor, Action> = {
  producer: 'submit',
  commune: 'check',
  province: 'review',
  secretary: 'manage',
  decision: 'decide',
};

export function applicationResource(app: Pick<ApplicationTable, 'producer_id' | 'commune_id'>) {
  return { type: 'application' as const, producerId: app.producer_id, communeId: app.commune_id };
}

export async function loadApplication(ctx: Ctx, id: string): Promise<ApplicationTable> {
  const app = await repo.findApplication(ctx, id);
  if (!app) throw new NotFoundError('application', id);
  return app;
}

function wrongState(app: ApplicationTable, event: ApplicationEvent): DomainError {
  const state = app.state as ApplicationState;
  return new DomainError(
    'conflict',
    `Không thể "${EVENT_LABELS[event].vi}" khi hồ sơ ở trạng thái "${STATE_LABELS[state].vi}".`,
    `Cannot "${EVENT_LABELS[event].en}" while the application is "${STATE_LABELS[state].en}".`,
    [{ field: 'state', message: state }],
  );
}

/**
 * The only way an application changes state: the event must be allowed from the current state (the declared
 * table), the caller has checked the actor and the guard; this persists the state, the history line and the audit
 * record, on the caller's transaction.
 */
export async function transition(
  tx: Ctx,
  app: ApplicationTable,
  event: ApplicationEvent,
  extra: { reason?: string | null; changes?: Partial<ApplicationTable> } = {},
): Promise<ApplicationState> {
  const to = nextState(app.state as ApplicationState, event);
  if (to === null) throw wrongState(app, event);
  const now = tx.clock.now().toISOString();
  await repo.updateApplication(tx, app.id, { ...extra.changes, state: to, updated_at: now });
  await repo.insertEvent(tx, {
    id: newSortableId('aev'),
    application_id: app.id,
    event,
    from_state: app.state,
    to_state: to,
    actor: `${tx.actor.kind}:${tx.actor.id}`,
    reason: extra.reason ?? null,
    at: now,
  });
  await recordAudit(tx, {
    action: `application.${event}`,
    entityType: 'application',
    entityId: app.id,
    changes: { state: [app.state, to], ...(extra.reason ? { reason: extra.reason } : {}) },
  });
  await noticeStep(tx, app, event, extra.reason ?? null);
  app.state = to;
  return to;
}

export const CreateApplicationInput = Type.Object(
  {
    productId: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Type.Unsafe<ApplicationKind>(Type.Union(APPLICATION_KINDS.map((k) => Type.Literal(k)))),
    sampleCount: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

/** A producer opens a draft application for one of their products. */
export async function createApplication(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(CreateApplicationInput, input);
  return inTransaction(ctx, async (tx) => {
    const product = await findProductRaw(tx, d.productId);
    if (!product) throw new NotFoundError('product', d.productId);
    const resource = {
      type: 'application' as const,
      producerId: product.producer_id,
      communeId: product.commune_id,
    };
    authorize(tx.actor, 'create', resource);
    const open = await repo.openApplicationOf(tx, product.id);
    if (open) {
      throw new DomainError(
        'conflict',
        'Sản phẩm này đang có một hồ sơ chưa kết thúc.',
        'This product already has an application in progress.',
        [{ field: 'productId', message: open }],
      );
    }
    const previous = await currentCertificate(tx, product.current_certificate_id);
    kindProblem(d.kind, previous !== null);
    const id = newId('app');
    const now = tx.clock.now().toISOString();
    await repo.insertApplication(tx, {
      id,
      round_id: null,
      product_id: product.id,
      producer_id: product.producer_id,
      commune_id: product.commune_id,
      kind: d.kind,
      scorecard_id: product.scorecard_id,
      criteria_set_id: null,
      criteria_version: null,
      sample_count: d.sampleCount,
      state: 'draft',
      previous_certificate_id: previous,
      commune_assessment: null,
      site_visit_on: null,
      session_id: null,
      knock_outs: '[]',
      discussed_at: null,
      discussion_note: null,
      result: null,
      score: null,
      stars: null,
      decision_id: null,
      certificate_id: null,
      submitted_at: null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'application.create',
      entityType: 'application',
      entityId: id,
      changes: d,
    });
    return id;
  });
}

/** The product's certificate still in force (not revoked, not expired), or null. */
async function currentCertificate(ctx: Ctx, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const cert = await findCertificate(ctx, id);
  if (!cert) return null;
  const status = certificateStatus(
    { expiresOn: cert.expires_on, revokedOn: cert.revoked_on, supersededById: cert.superseded_by_id },
    todayInVietnam(ctx.clock),
  );
  return status === 'valid' || status === 'expiring' ? cert.id : null;
}

function kindProblem(kind: ApplicationKind, certified: boolean): void {
  if (kind === 'new' && certified) {
    throw new ValidationError([
      {
        field: 'kind',
        message: 'kind: sản phẩm đang có giấy chứng nhận còn hiệu lực; hãy chọn đánh giá lại hoặc nâng hạng',
        messageEn: 'kind: the product holds a certificate in force; choose a re-evaluation or an upgrade',
      },
    ]);
  }
  if (kind !== 'new' && !certified) {
    throw new ValidationError([
      {
        field: 'kind',
        message: 'kind: đánh giá lại và nâng hạng cần một giấy chứng nhận còn hiệu lực',
        messageEn: 'kind: a re-evaluation or an upgrade needs a certificate in force',
      },
    ]);
  }
}

export const UpdateApplicationInput = Type.Object(
  { sampleCount: Type.Integer({ minimum: 0, maximum: 100 }) },
  { additionalProperties: false },
);

/** The producer edits a draft or a returned application. */
export async function updateApplicationDraft(ctx: Ctx, id: string, input: unknown): Promise<void> {
  const d = validate(UpdateApplicationInput, input);
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id);
    authorize(tx.actor, 'update', applicationResource(app));
    assertEditable(app);
    await repo.updateApplication(tx, id, {
      sample_count: d.sampleCount,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'application.update',
      entityType: 'application',
      entityId: id,
      changes: { sampleCount: [app.sample_count, d.sampleCount] },
    });
  });
}

/** Only a draft or a returned dossier changes; once submitted it is what the commune checks. */
export function assertEditable(app: ApplicationTable): void {
  if (app.state !== 'draft' && app.state !== 'returned') {
    const state = app.state as ApplicationState;
    throw new DomainError(
      'conflict',
      `Hồ sơ ở trạng thái "${STATE_LABELS[state].vi}" không thể sửa.`,
      `An application that is "${STATE_LABELS[state].en}" cannot be edited.`,
    );
  }
}

export const EventInput = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    /** With `accept`: the day the advisory group visited the site (required for a tourism service). */
    siteVisitOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

/** Fires one of the events a user fires directly (submit, withdraw, the commune's and the advisory group's). */
export async function fireEvent(
  ctx: Ctx,
  id: string,
  event: UserEvent,
  input: unknown = {},
): Promise<ApplicationState> {
  const d = validate(EventInput, input);
  const reason = d.reason === undefined ? '' : normalizeVi(d.reason);
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id);
    const def = TRANSITIONS[event];
    authorize(tx.actor, event === 'withdraw' ? 'update' : ACTION_OF[def.by], applicationResource(app));
    if (nextState(app.state as ApplicationState, event) === null) throw wrongState(app, event);
    if (def.needsReason && reason === '') {
      throw new ValidationError([
        {
          field: 'reason',
          message: 'reason: cần ghi rõ lý do trả lại',
          messageEn: 'reason: say why it is returned',
        },
      ]);
    }
    const changes = await guard(tx, app, event, d.siteVisitOn);
    return transition(tx, app, event, { reason: reason || null, changes });
  });
}

/** The guard of each user event; returns the columns the event sets besides the state. */
async function guard(
  tx: Ctx,
  app: ApplicationTable,
  event: UserEvent,
  siteVisitOn: string | undefined,
): Promise<Partial<ApplicationTable>> {
  if (event === 'submit') return submission(tx, app);
  if (event === 'accept') return siteVisit(tx, app, siteVisitOn);
  if (event === 'propose' && app.commune_assessment === null) {
    throw new ValidationError([
      {
        field: 'communeAssessment',
        message:
          'communeAssessment: xã cần ghi đánh giá nguồn gốc, lao động, ý tưởng và bản sắc trước khi đề nghị',
        messageEn:
          'communeAssessment: the commune records origin, labour, idea and identity before proposing',
      },
    ]);
  }
  return {};
}

/**
 * The advisory group may visit any producer, and always visits a tourism service (scorecard 26, which brings no
 * samples): accepting one needs the visit's date, a real day not after today.
 */
function siteVisit(tx: Ctx, app: ApplicationTable, on: string | undefined): Partial<ApplicationTable> {
  const today = todayInVietnam(tx.clock);
  if (on !== undefined && (!isIsoDate(on) || on > today)) {
    throw new ValidationError([
      {
        field: 'siteVisitOn',
        message: 'siteVisitOn: ngày thẩm định không hợp lệ hoặc ở tương lai',
        messageEn: 'siteVisitOn: not a valid past date',
      },
    ]);
  }
  if (on === undefined && isTourism(app.scorecard_id)) {
    throw new ValidationError([
      {
        field: 'siteVisitOn',
        message: 'siteVisitOn: dịch vụ du lịch cần thẩm định tại chỗ; hãy ghi ngày thẩm định',
        messageEn: 'siteVisitOn: a tourism service needs a site visit; give its date',
      },
    ]);
  }
  return on === undefined ? {} : { site_visit_on: on };
}

/** Submitting freezes the criteria set version and files the application into the open round. */
async function submission(tx: Ctx, app: ApplicationTable): Promise<Partial<ApplicationTable>> {
  const documents = await repo.documentsOf(tx, app.id);
  const problems = dossierProblems(
    app.scorecard_id,
    documents.map((doc) => doc.kind),
    app.sample_count,
  );
  if (problems.length) throw new ValidationError(problems);
  const today = todayInVietnam(tx.clock);
  const round = await repo.openRoundOn(tx, today);
  if (!round) {
    throw new DomainError(
      'conflict',
      'Chưa có đợt đánh giá nào đang mở nhận hồ sơ.',
      'No evaluation round is open for applications.',
    );
  }
  // A returned application keeps the version frozen at its first submission.
  if (app.criteria_set_id !== null) return { round_id: app.round_id ?? round.id };
  const ref = await findCriteriaSetRef(tx, app.scorecard_id);
  if (!ref?.setId || !ref.version) throw new NotFoundError('scorecard', String(app.scorecard_id));
  return {
    round_id: round.id,
    criteria_set_id: ref.setId,
    criteria_version: ref.version,
    submitted_at: tx.clock.now().toISOString(),
  };
}

export const CommuneAssessmentInput = Type.Object(
  {
    origin: Type.Boolean(),
    localLabour: Type.Boolean(),
    idea: Type.Boolean(),
    identity: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** The commune records its assessment of a submitted application (before proposing or returning it). */
export async function recordCommuneAssessment(ctx: Ctx, id: string, input: unknown): Promise<void> {
  const d = validate(CommuneAssessmentInput, input);
  const assessment: CommuneAssessment = {
    origin: d.origin,
    localLabour: d.localLabour,
    idea: d.idea,
    identity: d.identity,
    note: d.note === undefined || d.note.trim() === '' ? null : normalizeVi(d.note),
  };
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, id);
    authorize(tx.actor, 'check', applicationResource(app));
    if (app.state !== 'submitted') throw wrongState(app, 'propose');
    await repo.updateApplication(tx, id, {
      commune_assessment: JSON.stringify(assessment),
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'application.commune_assessment',
      entityType: 'application',
      entityId: id,
      changes: { ...assessment },
    });
  });
}

export interface ApplicationListQuery {
  state?: string;
  roundId?: string;
  sessionId?: string;
  page: number;
  limit: number;
}

export async function listApplications(ctx: Ctx, q: ApplicationListQuery) {
  authorize(ctx.actor, 'list', { type: 'application' });
  return repo.listApplications(ctx, scopeOf(ctx.actor, 'application'), {
    state: q.state,
    roundId: q.roundId,
    sessionId: q.sessionId,
    limit: q.limit,
    offset: (q.page - 1) * q.limit,
  });
}
