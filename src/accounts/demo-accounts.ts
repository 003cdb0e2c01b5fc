import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Ctx, type Grant } from '../core/context.js';
import { newId } from '../core/ids.js';
import { hashPassword } from './password.js';
import { ROLE_SCOPE, type Role } from './roles.js';
import { deleteGrants, findUserByEmail, insertGrant, insertUser, updateUserRow } from './user.repository.js';

export const DEMO_DOMAIN = 'demo.ocop.vn';
export const DEMO_ROLES: readonly Role[] = [
  'admin',
  'commune',
  'council',
  'secretary',
  'producer',
  'salespoint',
  'buyer',
];

export function demoEmail(role: Role): string {
  return `${role}@${DEMO_DOMAIN}`;
}

/** A council needs several members to reach a quorum (3/4 with the chair): the demo has four. */
export const DEMO_COUNCIL_SIZE = 4;

/** Every demo account: one per role, and the other council members (`council2@…` to `council4@…`). */
export function demoAccountList(): Array<{ role: Role; email: string; name: string }> {
  const list = DEMO_ROLES.map((role) => ({ role, email: demoEmail(role), name: NAMES[role] }));
  for (let n = 2; n <= DEMO_COUNCIL_SIZE; n++) {
    list.push({
      role: 'council',
      email: `council${String(n)}@${DEMO_DOMAIN}`,
      name: `Thành viên hội đồng ${String(n)} (demo)`,
    });
  }
  return list;
}

/** A password for the demo accounts when DEMO_PASSWORD is not set: printed at start, new at each start. */
export function generateDemoPassword(): string {
  return `ocop-${randomBytes(6).toString('base64url')}`;
}

const NAMES: Record<Role, string> = {
  admin: 'Quản trị Sở Nông nghiệp và Môi trường (demo)',
  commune: 'Cán bộ xã (demo)',
  council: 'Thành viên hội đồng (demo)',
  secretary: 'Thư ký hội đồng (demo)',
  producer: 'Chủ thể OCOP (demo)',
  salespoint: 'Quản lý điểm bán (demo)',
  buyer: 'Người mua (demo)',
};

/**
 * One account per role on the demonstration data (`<role>@demo.ocop.vn`), with `password`. The scoped roles get
 * the busiest demo commune, a demo producer of a certified product, and a demo sales point. Run at each start in
 * demo mode: it sets the password, so the printed one always works. Returns false when there is no demo data.
 */
export async function ensureDemoAccounts(ctx: Ctx, password: string): Promise<boolean> {
  const scopes = await demoScopes(ctx);
  if (!scopes) return false;
  const hash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    for (const { role, email, name } of demoAccountList()) {
      const scopeId = scopes[role] ?? null;
      if (ROLE_SCOPE[role] !== null && scopeId === null) continue; // a demo without that kind of record
      const grant: Grant = { role, scopeId };
      const existing = await findUserByEmail(tx, email);
      const id = existing?.id ?? newId('usr');
      if (existing) {
        await updateUserRow(tx, id, {
          password_hash: hash,
          status: 'active',
          locked_until: null,
          updated_at: now,
        });
        await deleteGrants(tx, id);
      } else {
        await insertUser(tx, {
          id,
          email,
          name,
          password_hash: hash,
          status: 'active',
          locale: 'vi',
          locked_until: null,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        });
      }
      await insertGrant(tx, newId('url'), id, grant);
    }
  });
  return true;
}

async function demoScopes(ctx: Ctx): Promise<Partial<Record<Role, string>> | null> {
  const commune = await ctx.db
    .selectFrom('products')
    .select(['commune_id', sql<number>`count(*)`.as('n')])
    .where('demo', '=', 1)
    .groupBy('commune_id')
    .orderBy('n', 'desc')
    .orderBy('commune_id')
    .limit(1)
    .executeTakeFirst();
  if (!commune) return null;
  // A producer in that commune with a certified product, so its home shows certificates to watch.
  const producer = await ctx.db
    .selectFrom('products')
    .select('producer_id')
    .where('demo', '=', 1)
    .where('commune_id', '=', commune.commune_id)
    .where('current_certificate_id', 'is not', null)
    .orderBy('producer_id')
    .limit(1)
    .executeTakeFirst();
  const point = await ctx.db
    .selectFrom('sales_points')
    .select('id')
    .where('demo', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return {
    commune: commune.commune_id,
    ...(producer ? { producer: producer.producer_id } : {}),
    ...(point ? { salespoint: point.id } : {}),
  };
}
