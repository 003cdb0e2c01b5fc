import { Type, type Static } from 'typebox';
import { authorize, can } from '../accounts/policy.js';
import type { Ctx } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import { Nullable } from '../http/schemas.js';
import { t } from '../views/format.js';
import * as appRepo from './application.repository.js';
import { STATE_LABELS, type ApplicationState } from './application.workflow.js';
import { quorum } from './council-rules.js';
import { loadSession, sessionMembers } from './council.service.js';
import * as repo from './council.repository.js';

/** Council sessions as the API and the back office show them. */
export const SessionSummarySchema = Type.Object(
  {
    id: Type.String(),
    roundId: Type.String(),
    name: Type.String(),
    meetsOn: Type.String(),
    state: Type.String(),
  },
  { $id: 'CouncilSessionSummary' },
);

export const SessionSchema = Type.Object(
  {
    ...SessionSummarySchema.properties,
    openedAt: Nullable(Type.String()),
    closedAt: Nullable(Type.String()),
    quorum: Type.Object({ needed: Type.Integer(), present: Type.Integer(), ok: Type.Boolean() }),
    members: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), chair: Type.Boolean(), present: Type.Boolean() }),
    ),
    applications: Type.Array(
      Type.Object({
        id: Type.String(),
        productName: Type.String(),
        producerName: Type.String(),
        scorecard: Type.Integer(),
        state: Type.String(),
        stateLabel: Type.String(),
        /** Sheets submitted by eligible members / eligible members. */
        submitted: Type.Integer(),
        eligible: Type.Integer(),
        score: Nullable(Type.Number()),
        stars: Nullable(Type.Integer()),
      }),
    ),
  },
  { $id: 'CouncilSession' },
);
export type SessionDto = Static<typeof SessionSchema>;

/** The secretary and administrators see every session; a council member sees those they sit on. */
export async function sessionsList(ctx: Ctx) {
  authorize(ctx.actor, 'list', { type: 'councilSession' });
  const all = can(ctx.actor, 'update', { type: 'councilSession' });
  const rows = await repo.listSessions(ctx, all ? undefined : ctx.actor.id);
  return rows.map((s) => ({
    id: s.id,
    roundId: s.round_id,
    name: s.name,
    meetsOn: s.meets_on,
    state: s.state,
  }));
}

export async function sessionView(ctx: Ctx, id: string): Promise<SessionDto> {
  authorize(ctx.actor, 'read', { type: 'councilSession' });
  const session = await loadSession(ctx, id);
  const memberRows = await repo.membersOf(ctx, id);
  const manager = can(ctx.actor, 'update', { type: 'councilSession' });
  if (!manager && !memberRows.some((m) => m.user_id === ctx.actor.id)) throw new ForbiddenError();
  const members = await sessionMembers(ctx, id);
  const apps = await appRepo.applicationsInSession(ctx, id);
  const ids = apps.map((a) => a.id);
  const [conflicts, sheets] = await Promise.all([repo.conflictsOf(ctx, ids), repo.sheetsOf(ctx, ids)]);
  const rows = await Promise.all(apps.map((a) => appRepo.findApplicationRow(ctx, a.id)));
  const check = quorum(members);
  return {
    id: session.id,
    roundId: session.round_id,
    name: session.name,
    meetsOn: session.meets_on,
    state: session.state,
    openedAt: session.opened_at,
    closedAt: session.closed_at,
    quorum: { needed: check.needed, present: check.present, ok: check.ok },
    members: memberRows.map((m) => ({
      id: m.user_id,
      name: m.name,
      chair: m.chair === 1,
      present: m.present === 1,
    })),
    applications: apps.map((a, i) => {
      const excluded = new Set(conflicts.filter((c) => c.application_id === a.id).map((c) => c.user_id));
      const eligible = members.filter((m) => m.present && !excluded.has(m.userId)).map((m) => m.userId);
      const submitted = sheets.filter(
        (s) => s.application_id === a.id && s.state === 'submitted' && eligible.includes(s.member_id),
      ).length;
      return {
        id: a.id,
        productName: rows[i]?.product_name ?? '',
        producerName: rows[i]?.producer_name ?? '',
        scorecard: a.scorecard_id,
        state: a.state,
        stateLabel: t(ctx.locale, STATE_LABELS[a.state as ApplicationState]),
        submitted,
        eligible: eligible.length,
        score: a.score,
        stars: a.stars,
      };
    }),
  };
}
