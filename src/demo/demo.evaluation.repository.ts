import type { Actor, Ctx, Grant } from '../core/context.js';
import { certificateStatus } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import type { ApplicationKind } from '../evaluation/application.workflow.js';
import type { Role } from '../accounts/roles.js';
import { DEMO_DOMAIN } from '../accounts/demo-accounts.js';

/** The demo evaluation's reads: who the demo people are, and which demo products apply. */

export async function anyApplication(ctx: Ctx): Promise<boolean> {
  return (await ctx.db.selectFrom('applications').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function demoActor(ctx: Ctx, email: string): Promise<(Actor & { scopeId: string | null }) | null> {
  const rows = await ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'user_roles.role', 'user_roles.scope_id'])
    .where('users.email', '=', email)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const grants: Grant[] = rows.map((r) => ({ role: r.role as Role, scopeId: r.scope_id }));
  return { kind: 'user', id: first.id, email, grants, scopeId: first.scope_id };
}

export interface DemoPeople {
  communeId: string;
  commune: Actor;
  secretary: Actor;
  /** council@ first (the chair, who still has to score), then council2@ … */
  council: Actor[];
}

export async function demoPeople(ctx: Ctx): Promise<DemoPeople | null> {
  const commune = await demoActor(ctx, `commune@${DEMO_DOMAIN}`);
  const secretary = await demoActor(ctx, `secretary@${DEMO_DOMAIN}`);
  const council: Actor[] = [];
  for (const email of ['council', 'council2', 'council3', 'council4']) {
    const member = await demoActor(ctx, `${email}@${DEMO_DOMAIN}`);
    if (member) council.push(member);
  }
  if (!commune?.scopeId || !secretary || council.length < 4) return null;
  return { communeId: commune.scopeId, commune, secretary, council };
}

export interface Candidate {
  id: string;
  scorecardId: number;
  kind: ApplicationKind;
}

/**
 * Demo products of the commune that may apply: without a certificate in force a first evaluation, with one below
 * 5★ an upgrade, else a re-evaluation.
 */
export async function candidateProducts(ctx: Ctx, communeId: string, n: number): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('products as p')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select(['p.id', 'p.scorecard_id', 'c.stars', 'c.expires_on', 'c.revoked_on', 'c.superseded_by_id'])
    .where('p.demo', '=', 1)
    .where('p.commune_id', '=', communeId)
    .orderBy('p.id')
    .limit(n)
    .execute();
  const today = todayInVietnam(ctx.clock);
  return rows.map((r) => {
    const inForce =
      r.expires_on !== null &&
      ['valid', 'expiring'].includes(
        certificateStatus(
          { expiresOn: r.expires_on, revokedOn: r.revoked_on, supersededById: r.superseded_by_id },
          today,
        ),
      );
    const kind: ApplicationKind = !inForce ? 'new' : (r.stars ?? 5) < 5 ? 'upgrade' : 'reevaluation';
    return { id: r.id, scorecardId: r.scorecard_id, kind };
  });
}
