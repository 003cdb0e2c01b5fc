import { Type, type Static } from 'typebox';
import { can } from '../accounts/policy.js';
import type { Ctx, Locale } from '../core/context.js';
import type { ApplicationDocumentTable, ApplicationEventTable, ApplicationTable } from '../db/schema.js';
import { Nullable } from '../http/schemas.js';
import type { CouncilResult } from '../scoring/council.js';
import { t } from '../views/format.js';
import type { ApplicationListRow } from './application.repository.js';
import { applicationResource } from './application.service.js';
import {
  EVENT_LABELS,
  KIND_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  USER_EVENTS,
  nextState,
  type ApplicationEvent,
  type ApplicationKind,
  type ApplicationState,
} from './application.workflow.js';
import { DOCUMENT_LABELS, type CommuneAssessment, type DocumentKind } from './dossier.js';

/** Applications as the API and the back office show them; rows are never sent as they come. */
export const ApplicationSummarySchema = Type.Object(
  {
    id: Type.String(),
    state: Type.String(),
    stateLabel: Type.String(),
    kind: Type.String(),
    kindLabel: Type.String(),
    product: Type.Object({ id: Type.String(), name: Type.String() }),
    producer: Type.Object({ id: Type.String(), name: Type.String() }),
    communeId: Type.String(),
    communeName: Nullable(Type.String()),
    scorecard: Type.Integer(),
    criteriaVersion: Nullable(Type.String()),
    roundId: Nullable(Type.String()),
    sessionId: Nullable(Type.String()),
    score: Nullable(Type.Number()),
    stars: Nullable(Type.Integer()),
    certificateId: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    updatedAt: Type.String(),
  },
  { $id: 'ApplicationSummary' },
);
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>;

const ResultSchema = Type.Object({
  kind: Type.String(),
  mean: Type.Number(),
  spread: Type.Number(),
  initialSpread: Type.Number(),
  needsDiscussion: Type.Boolean(),
  rescored: Type.Array(Type.String()),
  members: Type.Array(
    Type.Object({
      memberId: Type.String(),
      total: Type.Number(),
      initialTotal: Type.Optional(Type.Number()),
    }),
  ),
  band: Type.Optional(Type.Integer()),
  cap: Type.Optional(Type.Integer()),
  stars: Type.Optional(Type.Integer()),
  certified: Type.Boolean(),
  potentialFiveStar: Type.Optional(Type.Boolean()),
  knockOut: Type.Optional(
    Type.Object({ criterionId: Type.String(), reason: Type.String(), effect: Type.String() }),
  ),
  unmet: Type.Optional(Type.Array(Type.Object({ criterionId: Type.String(), forStars: Type.Integer() }))),
});

export const ApplicationSchema = Type.Object(
  {
    ...ApplicationSummarySchema.properties,
    sampleCount: Type.Integer(),
    previousCertificateId: Nullable(Type.String()),
    decisionId: Nullable(Type.String()),
    communeAssessment: Nullable(
      Type.Object({
        origin: Type.Boolean(),
        localLabour: Type.Boolean(),
        idea: Type.Boolean(),
        identity: Type.Boolean(),
        note: Nullable(Type.String()),
      }),
    ),
    siteVisitOn: Nullable(Type.String()),
    knockOuts: Type.Array(Type.String()),
    discussion: Nullable(Type.Object({ at: Type.String(), note: Nullable(Type.String()) })),
    result: Nullable(ResultSchema),
    documents: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        kindLabel: Type.String(),
        fileName: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
        url: Type.String(),
        uploadedAt: Type.String(),
      }),
    ),
    history: Type.Array(
      Type.Object({
        event: Type.String(),
        label: Type.String(),
        from: Type.String(),
        to: Type.String(),
        actor: Type.String(),
        reason: Nullable(Type.String()),
        at: Type.String(),
      }),
    ),
    /** Events this viewer may fire now (before the guards, which answer with their reasons). */
    allowedEvents: Type.Array(Type.String()),
  },
  { $id: 'Application' },
);
export type ApplicationDto = Static<typeof ApplicationSchema>;

export function presentSummary(
  row: ApplicationTable & { product_name: string; producer_name: string; commune_name: string | null },
  locale: Locale,
): ApplicationSummary {
  return {
    id: row.id,
    state: row.state,
    stateLabel: t(locale, STATE_LABELS[row.state as ApplicationState]),
    kind: row.kind,
    kindLabel: t(locale, KIND_LABELS[row.kind as ApplicationKind]),
    product: { id: row.product_id, name: row.product_name },
    producer: { id: row.producer_id, name: row.producer_name },
    communeId: row.commune_id,
    communeName: row.commune_name,
    scorecard: row.scorecard_id,
    criteriaVersion: row.criteria_version,
    roundId: row.round_id,
    sessionId: row.session_id,
    score: row.score,
    stars: row.stars,
    certificateId: row.certificate_id,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

function presentResult(json: string | null): ApplicationDto['result'] {
  if (json === null) return null;
  const r = JSON.parse(json) as CouncilResult;
  return {
    kind: r.kind,
    mean: r.mean,
    spread: r.spread,
    initialSpread: r.initialSpread,
    needsDiscussion: r.needsDiscussion,
    rescored: r.rescored,
    members: r.members.map((m) => ({
      memberId: m.memberId,
      total: m.total,
      ...(m.initialTotal === undefined ? {} : { initialTotal: m.initialTotal }),
    })),
    certified: r.certified,
    ...(r.kind === 'scored'
      ? {
          band: r.band,
          cap: r.cap,
          stars: r.stars,
          potentialFiveStar: r.potentialFiveStar,
          unmet: r.unmet.map((u) => ({ criterionId: u.criterionId, forStars: u.forStars })),
        }
      : {
          knockOut: {
            criterionId: r.knockOut.criterionId,
            reason: r.knockOut.reason,
            effect: r.knockOut.effect,
          },
        }),
  };
}

const EVENT_ACTION = {
  producer: 'submit',
  commune: 'check',
  province: 'review',
  secretary: 'manage',
  decision: 'decide',
} as const;

function allowedEvents(ctx: Ctx, row: ApplicationTable): ApplicationEvent[] {
  const resource = applicationResource(row);
  return USER_EVENTS.filter((e) => {
    if (nextState(row.state as ApplicationState, e) === null) return false;
    const action = e === 'withdraw' ? 'update' : EVENT_ACTION[TRANSITIONS[e].by];
    return can(ctx.actor, action, resource);
  });
}

export function presentApplication(
  ctx: Ctx,
  row: ApplicationListRow,
  documents: readonly ApplicationDocumentTable[],
  events: readonly ApplicationEventTable[],
  apiBase: string,
): ApplicationDto {
  const locale = ctx.locale;
  return {
    ...presentSummary(row, locale),
    sampleCount: row.sample_count,
    previousCertificateId: row.previous_certificate_id,
    decisionId: row.decision_id,
    communeAssessment:
      row.commune_assessment === null ? null : (JSON.parse(row.commune_assessment) as CommuneAssessment),
    siteVisitOn: row.site_visit_on,
    knockOuts: JSON.parse(row.knock_outs) as string[],
    discussion: row.discussed_at === null ? null : { at: row.discussed_at, note: row.discussion_note },
    result: presentResult(row.result),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      kindLabel: t(locale, DOCUMENT_LABELS[d.kind as DocumentKind]),
      fileName: d.file_name,
      contentType: d.content_type,
      size: d.size,
      url: `${apiBase}/applications/${row.id}/documents/${d.id}`,
      uploadedAt: d.created_at,
    })),
    history: events.map((e) => ({
      event: e.event,
      label: e.event in EVENT_LABELS ? t(locale, EVENT_LABELS[e.event as ApplicationEvent]) : e.event,
      from: e.from_state,
      to: e.to_state,
      actor: e.actor,
      reason: e.reason,
      at: e.at,
    })),
    allowedEvents: allowedEvents(ctx, row),
  };
}
