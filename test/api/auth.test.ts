import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, movableClock, signIn, TEST_PASSWORD } from '../support/accounts.js';
import { aProducer } from '../support/factories.js';

const clock = movableClock('2026-11-26T03:00:00Z');
let t: TestApp;
let admin: string;
let buyer: string;

beforeAll(async () => {
  t = await createTestApp(
    async (d) => {
      await loadAdministrativeUnits(d.ctx);
      admin = await anAccount(d.ctx, 'admin');
      buyer = await anAccount(d.ctx, 'buyer');
    },
    { clock },
  );
});
afterAll(() => t.close());

describe('sign-in contract', () => {
  it('sets a secure session cookie and tells who I am', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: admin.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^ocop_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: admin, roles: ['admin'] });
  });

  it('answers 401 with the same words for a wrong password and an unknown account', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: buyer, password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@test.ocop.vn', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<{ error: { message: string } }>().error.message).toBe(
      unknown.json<{ error: { message: string } }>().error.message,
    );
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('ends the session at sign-out', async () => {
    const s = await signIn(t.app, buyer);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });
});

describe('request forgery and API tokens', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await signIn(t.app, buyer);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'script' },
    });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'script' },
    });
    expect(wrong.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: s.headers,
      payload: { name: 'script' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('accepts a bearer token without CSRF, and not once revoked', async () => {
    const s = await signIn(t.app, admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: s.headers,
      payload: { name: 'import robot' },
    });
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^ocop_/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer })).json()).toMatchObject({
      email: admin,
    });
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer,
      payload: { name: 'x' },
    });
    expect(write.statusCode).toBe(201);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: bearer });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });
});

describe('lockout', () => {
  it('locks an account for 15 minutes after ten failed sign-ins', async () => {
    const email = await anAccount(t.ctx, 'producer', await aProducer(t.ctx));
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'accept-language': 'en', 'x-forwarded-for': '10.0.0.1' },
        payload: { email, password },
      });
    for (let i = 0; i < 10; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.json<{ error: { message: string } }>().error.message).toMatch(/locked.*15 minutes/);
    clock.advance(14 * 60_000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
    clock.advance(61_000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('password reset, registration and invitations', () => {
  it('mails a one-time reset link that sets a new password', async () => {
    const email = await anAccount(t.ctx, 'buyer');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
    });
    expect(asked.statusCode).toBe(202);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'nobody@test.ocop.vn' },
    });
    expect(unknown.statusCode).toBe(202);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    expect(mail.status).toBe('outbox');
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.body_text)?.[1] ?? '');
    const confirm = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password },
      });
    expect((await confirm('short')).statusCode).toBe(400);
    expect((await confirm('một mật khẩu mới đủ dài')).statusCode).toBe(204);
    expect((await confirm('một mật khẩu khác nữa')).statusCode).toBe(400); // used once
    await signIn(t.app, email, 'một mật khẩu mới đủ dài');
  });

  it('lets buyers and producers register, producers with their entity', async () => {
    const buyerReg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'mua@test.ocop.vn', name: 'Người mua', password: 'đủ dài rồi nhé', role: 'buyer' },
    });
    expect(buyerReg.statusCode).toBe(201);
    const producerReg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: 'htx@test.ocop.vn',
        name: 'Chủ nhiệm HTX',
        password: 'đủ dài rồi nhé',
        role: 'producer',
        producer: { name: 'HTX Gốm Mới', legalForm: 'htx', address: 'Xã Bát Tràng', communeId: '00577' },
      },
    });
    expect(producerReg.statusCode).toBe(201);
    const s = await signIn(t.app, 'htx@test.ocop.vn', 'đủ dài rồi nhé');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    const grant = me.json<{ grants: Array<{ role: string; scopeId: string }> }>().grants[0];
    expect(grant?.role).toBe('producer');
    const producer = await t.app.inject({ url: `/api/v1/producers/${grant?.scopeId ?? ''}` });
    expect(producer.json()).toMatchObject({ name: 'HTX Gốm Mới' });
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'x@test.ocop.vn', name: 'X', password: 'đủ dài rồi nhé', role: 'admin' },
    });
    expect(staff.statusCode).toBe(400);
  });

  it('lets only administrators invite staff, by e-mail', async () => {
    const invite = {
      email: 'can.bo@test.ocop.vn',
      name: 'Cán bộ xã',
      grants: [{ role: 'commune', scopeId: '00577' }],
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: invite })).statusCode).toBe(
      401,
    );
    const asBuyer = await signIn(t.app, buyer);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: asBuyer.headers,
      payload: invite,
    });
    expect(refused.statusCode).toBe(403);
    const asAdmin = await signIn(t.app, admin);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: asAdmin.headers,
      payload: invite,
    });
    expect(ok.statusCode).toBe(201);
    const outbox = await t.app.inject({
      url: '/api/v1/outbox?to=can.bo@test.ocop.vn',
      headers: { cookie: asAdmin.cookie },
    });
    const mail = outbox.json<{ items: Array<{ body_text: string }> }>().items[0];
    expect(mail?.body_text).toMatch(/accept-invite\?token=/);
    const badScope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: asAdmin.headers,
      payload: { ...invite, email: 'other@test.ocop.vn', grants: [{ role: 'commune', scopeId: '99999' }] },
    });
    expect(badScope.statusCode).toBe(400);
  });
});
