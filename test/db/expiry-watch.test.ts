import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/account.service.js';
import { addDays, addMonths } from '../../src/certificates/certificate.js';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { runExpiryWatch, type WatchDeps } from '../../src/certificates/expiry-watch.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { ChangeTracker } from '../../src/db/change-tracker.js';
import { Mailer } from '../../src/mail/mailer.js';
import {
  listNotifications,
  markNotificationsRead,
  unreadCount,
} from '../../src/notifications/notification.repository.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { TEST_PASSWORD } from '../support/accounts.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

const available = await engineAvailable();
const PUBLIC_URL = 'http://ocop.test';
/** The test clock's day in Hà Nội (2026-11-26T03:00Z). */
const TODAY = '2026-11-26';

/** A certificate of `productId` issued so that it expires `daysLeft` days after `from`. */
async function expiringIn(ctx: Ctx, productId: string, daysLeft: number, from = TODAY): Promise<string> {
  const issuedOn = addMonths(addDays(from, daysLeft), -36);
  expect(addMonths(issuedOn, 36)).toBe(addDays(from, daysLeft));
  return aCertificate(ctx, productId, { issuedOn, decisionDate: issuedOn });
}

async function account(
  ctx: Ctx,
  email: string,
  role: 'admin' | 'producer',
  scopeId: string | null,
  locale = 'vi',
) {
  await createUser(
    ctx,
    { email, name: `Tài khoản ${email}`, locale, grants: [{ role, scopeId }] },
    TEST_PASSWORD,
  );
  const row = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

const dayLater = (t: TestDatabase, days: number): Ctx => ({
  ...t.ctx,
  clock: fixedClock(`${addDays(TODAY, days)}T03:00:00Z`),
});

async function stages(t: TestDatabase, ids: Record<string, string>) {
  const rows = await t.ctx.db
    .selectFrom('certificates')
    .select(['id', 'watch_stage'])
    .where('id', 'in', Object.values(ids))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.watch_stage ?? null]));
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, byId.get(id)]));
}

async function outbox(t: TestDatabase, to: string) {
  return t.ctx.db
    .selectFrom('outbox')
    .select(['subject', 'body_text', 'status'])
    .where('to_address', '=', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

async function count(t: TestDatabase, table: 'notifications' | 'outbox' | 'audit_log'): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.skipIf(!available)(`certificate expiry watch on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let deps: WatchDeps;
  const cert: Record<string, string> = {};
  const user: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
    deps = {
      mailer: new Mailer({ smtpUrl: null, from: 'OCOP <no-reply@ocop.test>' }, t.ctx),
      publicUrl: PUBLIC_URL,
    };
    const told = await aProducer(t.ctx, { name: 'HTX Chè Tân Cương' });
    const silent = await aProducer(t.ctx);
    const product = (producerId: string) => aProduct(t.ctx, { producerId });
    for (const [name, days] of [
      ['d200', 200],
      ['d181', 181],
      ['d180', 180],
      ['d90', 90],
      ['d20', 20],
      ['today', 0],
    ] as const) {
      cert[name] = await expiringIn(t.ctx, await product(told), days);
    }
    cert.old = await expiringIn(t.ctx, await product(silent), -400);
    cert.revoked = await expiringIn(t.ctx, await product(told), 20);
    await revokeCertificate(t.ctx, cert.revoked, { reason: 'unsafe_product' });
    const renewed = await product(told);
    cert.superseded = await expiringIn(t.ctx, renewed, -30);
    cert.renewal = await aCertificate(t.ctx, renewed, { issuedOn: '2026-10-01', decisionDate: '2026-09-20' });
    user.producer = await account(t.ctx, 'chu.the@htx.test', 'producer', told);
    user.producerEn = await account(t.ctx, 'owner@htx.test', 'producer', told, 'en');
    user.admin = await account(t.ctx, 'so.nn@hanoi.test', 'admin', null);
    user.adminEn = await account(t.ctx, 'office@hanoi.test', 'admin', null, 'en');
  });
  afterAll(() => t.close());

  it('announces each certificate at the stage it reached, only the furthest one, and leaves the others', async () => {
    const report = await runExpiryWatch(t.ctx, deps);
    expect(report.today).toBe(TODAY);
    expect(report.announced).toEqual({ '180': 1, '90': 1, '30': 1, expired: 2 });
    expect(await stages(t, cert)).toEqual({
      d200: null,
      d181: null,
      d180: '180',
      d90: '90',
      d20: '30', // jumped from more than 180 days straight to the 30-day notice
      today: 'expired',
      old: 'expired',
      revoked: null,
      superseded: null,
      renewal: null,
    });
  });

  it("notifies every account of the certificate's producer, in the account's language", async () => {
    const page = { page: 1, limit: 20 };
    const vi = await listNotifications(t.ctx, user.producer ?? '', {}, page);
    expect(vi.items.map((n) => n.kind).sort()).toEqual([
      'certificate.expired',
      'certificate.expiring',
      'certificate.expiring',
      'certificate.expiring',
    ]);
    expect(vi.items.find((n) => n.link === `/admin/certificates/${cert.d20 ?? ''}`)?.title).toMatch(
      /^Giấy chứng nhận OCOP còn 20 ngày: /,
    );
    const en = await listNotifications(t.ctx, user.producerEn ?? '', {}, page);
    expect(en.total).toBe(4);
    expect(en.items.filter((n) => n.kind === 'certificate.expired')[0]?.body).toContain(
      'may no longer carry the OCOP label',
    );
  });

  it('sends one digest per run to each administrator, not one message per certificate', async () => {
    const admin = await listNotifications(t.ctx, user.admin ?? '', {}, { page: 1, limit: 20 });
    expect(admin.items.map((n) => [n.kind, n.title])).toEqual([
      ['certificate.digest', 'Hạn giấy chứng nhận OCOP: 5 giấy chứng nhận cần chú ý'],
    ]);
    const mails = await outbox(t, 'office@hanoi.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('[OCOP] OCOP certificate expiry: 5 certificates need attention');
    expect(mails[0]?.body_text).toContain(`${PUBLIC_URL}/admin/certificates/${cert.old ?? ''}`);
  });

  it('puts the mails in the outbox with the product page and the back office addresses', async () => {
    const mails = await outbox(t, 'chu.the@htx.test');
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.status === 'outbox')).toBe(true);
    const expired = mails.find((m) => m.subject.startsWith('[OCOP] Giấy chứng nhận OCOP đã hết hạn'));
    expect(expired?.body_text).toContain('Kính gửi Tài khoản chu.the@htx.test,');
    expect(expired?.body_text).toContain(`${PUBLIC_URL}/admin/certificates/${cert.today ?? ''}`);
    expect(expired?.body_text).toMatch(new RegExp(`${PUBLIC_URL}/vi/products/prd_\\w+`));
    const english = await outbox(t, 'owner@htx.test');
    expect(english.map((m) => m.subject).filter((s) => s.includes('expired'))).toHaveLength(1);
    expect(english[0]?.body_text).toContain(`${PUBLIC_URL}/en/products/`);
  });

  it('records the run in the audit trail, naming the certificates moved', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'certificate-watch')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.entity_id).toBe(TODAY);
    const changes = JSON.parse(rows[0]?.changes ?? '{}') as { watchStage: Record<string, string[]> };
    expect(changes.watchStage.expired?.sort()).toEqual([cert.today, cert.old].sort());
  });

  it('announces nothing twice: a second run the same day writes nothing and tells no cache', async () => {
    const before = await Promise.all([count(t, 'notifications'), count(t, 'outbox'), count(t, 'audit_log')]);
    const tracker = new ChangeTracker(t.ctx.db);
    const version = tracker.version();
    const report = await runExpiryWatch(t.ctx, deps);
    expect(report).toMatchObject({
      announced: { '180': 0, '90': 0, '30': 0, expired: 0 },
      mails: 0,
      batches: 0,
    });
    expect(await Promise.all([count(t, 'notifications'), count(t, 'outbox'), count(t, 'audit_log')])).toEqual(
      before,
    );
    expect(tracker.version()).toBe(version);
  });

  it('moves on as days pass, and its write tells the read caches when certificates expire', async () => {
    const tracker = new ChangeTracker(t.ctx.db);
    const version = tracker.version();
    const report = await runExpiryWatch(dayLater(t, 100), deps);
    expect(report.announced).toEqual({ '180': 1, '90': 2, '30': 0, expired: 2 });
    expect(await stages(t, { d200: cert.d200 ?? '', d181: cert.d181 ?? '', d90: cert.d90 ?? '' })).toEqual({
      d200: '180',
      d181: '90',
      d90: 'expired',
    });
    expect(tracker.version()).not.toBe(version);
    expect(await outbox(t, 'so.nn@hanoi.test')).toHaveLength(2);
  });

  it('lets a user read their notifications and mark them read, and no one else’s', async () => {
    const id = user.producer ?? '';
    expect(await unreadCount(t.ctx, id)).toBe(4 + 5);
    const others = await listNotifications(t.ctx, user.admin ?? '', {}, { page: 1, limit: 5 });
    expect(
      await markNotificationsRead(
        t.ctx,
        id,
        others.items.map((n) => n.id),
      ),
    ).toBe(0);
    const mine = await listNotifications(t.ctx, id, { unreadOnly: true }, { page: 1, limit: 2 });
    expect(mine.total).toBe(9);
    expect(mine.items).toHaveLength(2);
    expect(await markNotificationsRead(t.ctx, id, [mine.items[0]?.id ?? ''])).toBe(1);
    expect(await unreadCount(t.ctx, id)).toBe(8);
    expect(await markNotificationsRead(t.ctx, id, 'all')).toBe(8);
    expect(await unreadCount(t.ctx, id)).toBe(0);
    expect(await unreadCount(t.ctx, user.admin ?? '')).toBe(2);
  });
});

describe.skipIf(!available)(`certificate expiry watch in batches on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let mailer: Mailer;
  let producerId: string;
  const issue = async (n: number, days: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await expiringIn(t.ctx, await aProduct(t.ctx, { producerId }), days));
    }
    return ids;
  };
  const digests = async () =>
    (
      await t.ctx.db
        .selectFrom('notifications')
        .select('title')
        .where('kind', '=', 'certificate.digest')
        .execute()
    ).map((r) => r.title);

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
    mailer = new Mailer({ smtpUrl: null, from: 'OCOP <no-reply@ocop.test>' }, t.ctx);
    producerId = await aProducer(t.ctx);
    await account(t.ctx, 'chu.the@htx.test', 'producer', producerId);
    await account(t.ctx, 'so.nn@hanoi.test', 'admin', null);
  });
  afterAll(() => t.close());

  it('commits batch by batch and still sends a single digest', async () => {
    await issue(7, 10);
    // Between batches the run gives the event loop a turn, so a server keeps answering during a long run.
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const report = await runExpiryWatch(t.ctx, { mailer, publicUrl: PUBLIC_URL }, 3).finally(() => {
      clearInterval(ticker);
    });
    expect(turns).toBeGreaterThan(0);
    expect(report).toMatchObject({ announced: { '30': 7 }, batches: 3, notifications: 8, mails: 8 });
    expect(await digests()).toEqual(['Hạn giấy chứng nhận OCOP: 7 giấy chứng nhận cần chú ý']);
  });

  it('when a batch fails, keeps what earlier batches committed, digests it, and retries the rest next run', async () => {
    const ids = await issue(4, -5);
    let sent = 0;
    const failing: WatchDeps = {
      publicUrl: PUBLIC_URL,
      mailer: {
        enqueue: (ctx, mail) => {
          if (++sent === 3) return Promise.reject(new Error('disk full'));
          return mailer.enqueue(ctx, mail);
        },
      },
    };
    await expect(runExpiryWatch(t.ctx, failing, 2)).rejects.toThrow('disk full');
    const moved = await t.ctx.db
      .selectFrom('certificates')
      .select('watch_stage')
      .where('id', 'in', ids)
      .where('watch_stage', '=', 'expired')
      .execute();
    expect(moved).toHaveLength(2);
    expect((await digests()).at(-1)).toBe('Hạn giấy chứng nhận OCOP: 2 giấy chứng nhận cần chú ý');
    const retry = await runExpiryWatch(t.ctx, { mailer, publicUrl: PUBLIC_URL });
    expect(retry.announced.expired).toBe(2);
    expect(await outbox(t, 'chu.the@htx.test')).toHaveLength(7 + 4);
  });

  it('announces each stage once even when two runs overlap (the server and the CLI)', async () => {
    await issue(6, 60);
    const deps = { mailer, publicUrl: PUBLIC_URL };
    const [a, b] = await Promise.all([runExpiryWatch(t.ctx, deps, 4), runExpiryWatch(t.ctx, deps, 4)]);
    expect(a.announced['90'] + b.announced['90']).toBe(6);
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select('link')
      .where('kind', '=', 'certificate.expiring')
      .execute();
    const links = notices.map((n) => n.link);
    expect(new Set(links).size).toBe(links.length);
    expect(links).toHaveLength(7 + 6);
  });
});
