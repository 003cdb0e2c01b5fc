import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, cookiesOf, formSignIn as signInByForm, TEST_PASSWORD } from '../support/accounts.js';
import { aProducer } from '../support/factories.js';

let t: TestApp;
let admin: string;
let buyer: string;
let producer: string;

beforeAll(async () => {
  t = await createTestApp(
    async (d) => {
      await loadAdministrativeUnits(d.ctx);
      admin = await anAccount(d.ctx, 'admin');
      buyer = await anAccount(d.ctx, 'buyer');
      producer = await anAccount(d.ctx, 'producer', await aProducer(d.ctx));
    },
    { demoPassword: 'demo-password-shown' },
  );
});
afterAll(() => t.close());

const formSignIn = (email: string, password = TEST_PASSWORD, lang = 'vi') =>
  signInByForm(t.app, email, password, lang);

describe('back office sign-in', () => {
  it('redirects visitors to the sign-in page and shows the demo accounts in demo mode', async () => {
    const home = await t.app.inject({ url: '/admin' });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/admin/sign-in?next=%2Fadmin');
    const form = await t.app.inject({ url: '/admin/sign-in' });
    expect(form.body).toContain('<label for="f-email">');
    expect(form.body).toContain('admin@demo.ocop.vn');
    expect(form.body).toContain('demo-password-shown');
  });

  it('signs in through the form and opens the role home', async () => {
    const res = await formSignIn(admin);
    expect(res.statusCode).toBe(303);
    const cookie = cookiesOf(res.headers);
    expect(cookie).toContain('ocop_session=');
    const home = await t.app.inject({ url: '/admin', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Việc cần chú ý');
    expect(home.body).toContain('href="/admin/users"');
  });

  it('refuses a form posted without its token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: admin, password: TEST_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã hết hạn');
  });

  it('shows a wrong password next to the field, in English when asked', async () => {
    const res = await formSignIn(admin, 'wrong password', 'en');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Wrong e-mail or password.');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('keeps buyers out and lets producers in without the staff menu', async () => {
    const asBuyer = cookiesOf((await formSignIn(buyer)).headers);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: asBuyer } })).statusCode).toBe(403);
    const asProducer = cookiesOf((await formSignIn(producer)).headers);
    const home = await t.app.inject({ url: '/admin', headers: { cookie: asProducer } });
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain('href="/admin/users"');
    expect(home.body).toContain('href="/admin/products"');
  });

  it('never redirects outside the back office after sign-in', async () => {
    const form = await t.app.inject({ url: '/admin/sign-in' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        email: admin,
        password: TEST_PASSWORD,
        next: '//evil.example',
      }).toString(),
    });
    expect(res.headers.location).toBe('/admin');
  });
});
