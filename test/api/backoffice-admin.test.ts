import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn, type Session } from '../support/accounts.js';

let t: TestApp;
let admin: Session;
let officer: Session;

beforeAll(async () => {
  let adminEmail = '';
  let officerEmail = '';
  t = await createTestApp(async (d) => {
    await loadAdministrativeUnits(d.ctx);
    adminEmail = await anAccount(d.ctx, 'admin');
    officerEmail = await anAccount(d.ctx, 'commune', '00577');
  });
  admin = await signIn(t.app, adminEmail);
  officer = await signIn(t.app, officerEmail);
});
afterAll(() => t.close());

const form = (s: Session, fields: Record<string, string>) => ({
  headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
});

describe('account administration pages', () => {
  it('invites staff from the form, mails them, and logs it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/users',
      ...form(admin, { email: 'thu.ky@test.ocop.vn', name: 'Thư ký', role: 'secretary', locale: 'vi' }),
    });
    expect(res.statusCode).toBe(303);
    const outbox = await t.app.inject({ url: '/admin/outbox', headers: { cookie: admin.cookie } });
    expect(outbox.body).toContain('thu.ky@test.ocop.vn');
    expect(outbox.body).toContain('/admin/accept-invite?token=');
    const audit = await t.app.inject({
      url: '/admin/audit?entityType=user',
      headers: { cookie: admin.cookie },
    });
    expect(audit.body).toContain('user.invite');
    expect(audit.body).toContain('thu.ky@test.ocop.vn');
  });

  it('shows the field error when a scoped role has no scope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/users',
      ...form(admin, { email: 'xa@test.ocop.vn', name: 'Cán bộ', role: 'commune' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-scopeId-error"');
    expect(res.body).toContain('value="xa@test.ocop.vn"');
  });

  it('keeps commune officers out of accounts, outbox and the global log', async () => {
    for (const url of ['/admin/users', '/admin/outbox', '/admin/audit']) {
      expect((await t.app.inject({ url, headers: { cookie: officer.cookie } })).statusCode).toBe(403);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/admin/users',
      ...form(officer, { email: 'x@test.ocop.vn', name: 'X', role: 'admin' }),
    });
    expect(post.statusCode).toBe(403);
  });
});
