import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/accounts/account.service.js';
import type { Role } from '../../src/accounts/roles.js';
import type { Clock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';

export const TEST_PASSWORD = 'mật khẩu thử nghiệm';

/** A clock tests can move forward. */
export function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

let seq = 0;

/** An active account with one role (and scope), through the real service; returns its e-mail. */
export async function anAccount(
  ctx: Ctx,
  role: Role,
  scopeId: string | null = null,
  email?: string,
): Promise<string> {
  const address = email ?? `${role}.${String(++seq)}@test.ocop.vn`;
  await createUser(
    ctx,
    { email: address, name: `Tài khoản ${role}`, grants: [{ role, scopeId }] },
    TEST_PASSWORD,
  );
  return address;
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

/** Signs in through the API contract and returns the cookie and CSRF token to replay. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${String(res.statusCode)} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = (first ?? '').split(';')[0] ?? '';
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** The cookies a response sets, as a Cookie header to send back. */
export function cookiesOf(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}

/** The CSRF token a page's forms carry. */
export function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
}

/** Loads the back office's sign-in form, then posts it as a browser would (form cookie + hidden token). */
export async function formSignIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, lang = 'vi') {
  const form = await app.inject({ url: `/admin/sign-in?lang=${lang}` });
  return app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), email, password, next: '/admin' }).toString(),
  });
}

/** Signs in through the form; returns the session cookie and the token of the back office's forms. */
export async function formSession(
  app: FastifyInstance,
  email: string,
): Promise<{ cookie: string; csrf: string }> {
  const cookie = cookiesOf((await formSignIn(app, email)).headers);
  const home = await app.inject({ url: '/admin', headers: { cookie } });
  return { cookie, csrf: csrfOf(home.body) };
}

/** A browser on the back office: signs each e-mail in once through the form, then GETs pages and POSTs forms. */
export function backOfficeClient(app: FastifyInstance) {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const as = async (email: string) => {
    let s = sessions.get(email);
    if (!s) sessions.set(email, (s = await formSession(app, email)));
    return s;
  };
  return {
    as,
    page: async (email: string, url: string) =>
      app.inject({ url, headers: { cookie: (await as(email)).cookie } }),
    post: async (email: string, url: string, fields: Record<string, string | string[]> = {}) => {
      const s = await as(email);
      const body = new URLSearchParams({ _csrf: s.csrf });
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
      return app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
    },
  };
}
