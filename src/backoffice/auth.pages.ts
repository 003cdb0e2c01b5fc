import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestPasswordReset, setPasswordWithToken } from '../accounts/account.service.js';
import { clearSessionCookie, setSessionCookie } from '../accounts/auth.plugin.js';
import { openSession, signIn, signOut } from '../accounts/auth.service.js';
import { demoAccountList } from '../accounts/demo-accounts.js';
import { registerAccount } from '../accounts/registration.service.js';
import { DomainError } from '../core/errors.js';
import { RateLimiter } from '../http/rate-limit.js';
import { LEGAL_FORMS } from '../catalog/legal-forms.js';
import { t } from '../views/format.js';
import { html } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { boView, checkAnonymousCsrf, fieldErrors, formValue } from './bo-context.js';
import { boPage, csrfField, errorSummary, field, selectField, type BoView } from './layout.js';
import { communeOptions } from './options.js';

const TXT = {
  forgot: { vi: 'Quên mật khẩu?', en: 'Forgot your password?' },
  forgotTitle: { vi: 'Đặt lại mật khẩu', en: 'Reset your password' },
  forgotHelp: {
    vi: 'Nhập e-mail của tài khoản; chúng tôi sẽ gửi liên kết đặt lại mật khẩu (hiệu lực 2 giờ).',
    en: 'Enter your account e-mail; we will send a link to reset the password (valid for 2 hours).',
  },
  sendLink: { vi: 'Gửi liên kết', en: 'Send the link' },
  linkSent: {
    vi: 'Nếu e-mail có tài khoản, liên kết đặt lại mật khẩu đã được gửi.',
    en: 'If the address has an account, a reset link has been sent.',
  },
  choose: { vi: 'Đặt mật khẩu', en: 'Choose a password' },
  acceptTitle: { vi: 'Kích hoạt tài khoản', en: 'Activate your account' },
  passwordSet: { vi: 'Đã đặt mật khẩu. Vui lòng đăng nhập.', en: 'Password set. Please sign in.' },
  register: { vi: 'Đăng ký tài khoản', en: 'Create an account' },
  registerLink: { vi: 'Chưa có tài khoản? Đăng ký', en: 'No account yet? Register' },
  iAm: { vi: 'Tôi là', en: 'I am' },
  buyer: { vi: 'Người mua', en: 'A buyer' },
  producer: {
    vi: 'Chủ thể sản xuất (HTX, doanh nghiệp, hộ kinh doanh)',
    en: 'A producer (cooperative, firm, household)',
  },
  producerName: { vi: 'Tên chủ thể', en: 'Producer name' },
  legalForm: { vi: 'Loại hình', en: 'Legal form' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  commune: { vi: 'Xã/phường (2025)', en: 'Commune/ward (2025)' },
  demo: {
    vi: 'Chế độ minh họa: mỗi vai trò có một tài khoản, cùng mật khẩu',
    en: 'Demo mode: one account per role, all with the password',
  },
  staffInvited: {
    vi: 'Cán bộ, hội đồng và điểm bán được quản trị viên mời qua e-mail.',
    en: 'Officers, councils and sales points are invited by an administrator.',
  },
};

function signInForm(
  app: FastifyInstance,
  view: BoView,
  errors: Record<string, string>,
  email = '',
  next = '/admin',
): string {
  const l = view.locale;
  const demo = app.demoPassword
    ? html`<div class="demo-box">
        <p>${t(l, TXT.demo)} <code>${app.demoPassword}</code>:</p>
        <ul>
          ${demoAccountList().map((a) => html`<li><code>${a.email}</code></li>`)}
        </ul>
      </div>`
    : '';
  return boPage(view, {
    title: BO.signIn,
    body: html`<div class="auth-box">
        ${errorSummary(view, errors)}
        <form method="post" action="/admin/sign-in" novalidate>
          ${csrfField(view)}
          <input type="hidden" name="next" value="${next}" />
          ${field({ name: 'email', label: t(l, BO.email), type: 'email', value: email, required: true, autocomplete: 'username', error: errors.email })}
          ${field({ name: 'password', label: t(l, BO.password), type: 'password', required: true, autocomplete: 'current-password', error: errors.password })}
          <button type="submit">${t(l, BO.signIn)}</button>
        </form>
        <p><a href="/admin/forgot-password">${t(l, TXT.forgot)}</a></p>
        <p><a href="/admin/register">${t(l, TXT.registerLink)}</a></p>
      </div>
      ${demo}`,
  });
}

/** Only paths inside the back office: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/|\?|$)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

function sendHtml(reply: FastifyReply, markup: string, status = 200) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(markup);
}

export function authPages(app: FastifyInstance): void {
  const perIp = new RateLimiter(30, 60_000);

  app.get('/sign-in', (request, reply) => {
    const { view } = boView(request, reply);
    if (request.auth) return reply.redirect('/admin');
    const next = (request.query as { next?: string }).next;
    return sendHtml(reply, signInForm(app, view, {}, '', safeNext(next)));
  });

  app.post('/sign-in', { config: { csrf: false } }, async (request, reply) => {
    const { view, ctx } = boView(request, reply);
    checkAnonymousCsrf(request);
    const email = formValue(request.body, 'email') ?? '';
    const password = formValue(request.body, 'password') ?? '';
    const next = safeNext(formValue(request.body, 'next'));
    let session;
    try {
      perIp.hit(request.ip);
      session = await signIn(ctx, email, password, requester(request));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.code === 'rate_limited' ? 429 : 401;
      const message = view.locale === 'en' ? error.messageEn : error.message;
      return sendHtml(reply, signInForm(app, view, { email: message }, email, next), status);
    }
    setSessionCookie(app, reply, session);
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.auth?.sessionId) await signOut(request.ctx, request.auth.sessionId);
    clearSessionCookie(app, reply);
    return reply.redirect('/admin/sign-in', 303);
  });

  app.get('/forgot-password', (request, reply) => {
    const { view } = boView(request, reply);
    return sendHtml(reply, forgotForm(view, {}));
  });

  app.post('/forgot-password', { config: { csrf: false } }, async (request, reply) => {
    const { view, ctx } = boView(request, reply);
    checkAnonymousCsrf(request);
    perIp.hit(request.ip);
    const email = formValue(request.body, 'email') ?? '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return sendHtml(
        reply,
        forgotForm(view, {
          email: view.locale === 'en' ? 'Enter a valid e-mail.' : 'Vui lòng nhập e-mail hợp lệ.',
        }),
        400,
      );
    }
    await requestPasswordReset(ctx, email, app.mailer, app.publicUrl);
    return redirectWithNotice(reply, `/admin/sign-in`, t(view.locale, TXT.linkSent));
  });

  for (const [path, purpose, title] of [
    ['/reset-password', 'reset', TXT.forgotTitle],
    ['/accept-invite', 'invite', TXT.acceptTitle],
  ] as const) {
    app.get(path, (request, reply) => {
      const { view } = boView(request, reply);
      const token = (request.query as { token?: string }).token ?? '';
      return sendHtml(reply, passwordForm(view, path, title, token, {}));
    });
    app.post(path, { config: { csrf: false } }, async (request, reply) => {
      const { view, ctx } = boView(request, reply);
      checkAnonymousCsrf(request);
      perIp.hit(request.ip);
      const token = formValue(request.body, 'token') ?? '';
      try {
        await setPasswordWithToken(ctx, purpose, token, formValue(request.body, 'password') ?? '');
      } catch (error) {
        const errors = fieldErrors(error, view.locale);
        if (!errors) throw error;
        return sendHtml(reply, passwordForm(view, path, title, token, errors), 400);
      }
      return redirectWithNotice(reply, `/admin/sign-in`, t(view.locale, TXT.passwordSet));
    });
  }

  app.get('/register', async (request, reply) => {
    const { view, ctx } = boView(request, reply);
    return sendHtml(reply, registerForm(view, await communeOptions(ctx), {}, {}));
  });

  app.post('/register', { config: { csrf: false } }, async (request, reply) => {
    const { view, ctx } = boView(request, reply);
    checkAnonymousCsrf(request);
    perIp.hit(request.ip);
    const b = request.body;
    const role = formValue(b, 'role') === 'producer' ? 'producer' : 'buyer';
    const input = {
      email: formValue(b, 'email') ?? '',
      name: formValue(b, 'name') ?? '',
      password: formValue(b, 'password') ?? '',
      locale: view.locale,
      role,
      ...(role === 'producer'
        ? {
            producer: {
              name: formValue(b, 'producerName') ?? '',
              legalForm: formValue(b, 'legalForm') ?? '',
              address: formValue(b, 'address') ?? '',
              communeId: formValue(b, 'communeId') ?? '',
            },
          }
        : {}),
    };
    let userId: string;
    try {
      userId = await registerAccount(ctx, input);
    } catch (error) {
      const errors = fieldErrors(error, view.locale) ?? conflictError(error, view);
      if (!errors) throw error;
      return sendHtml(
        reply,
        registerForm(view, await communeOptions(ctx), errors, b as Record<string, string>),
        400,
      );
    }
    const session = await openSession(
      ctx,
      { id: userId, email: input.email.toLowerCase(), name: input.name },
      requester(request),
    );
    setSessionCookie(app, reply, session);
    return reply.redirect(role === 'producer' ? '/admin' : '/vi/', 303);
  });
}

function conflictError(error: unknown, view: BoView): Record<string, string> | null {
  if (error instanceof Error && (error as { code?: string }).code === 'conflict' && 'messageEn' in error) {
    return { email: view.locale === 'en' ? String(error.messageEn) : error.message };
  }
  return null;
}

function requester(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

function forgotForm(view: BoView, errors: Record<string, string>): string {
  const l = view.locale;
  return boPage(view, {
    title: TXT.forgotTitle,
    body: html`<div class="auth-box">
      ${errorSummary(view, errors)}
      <p>${t(l, TXT.forgotHelp)}</p>
      <form method="post" action="/admin/forgot-password" novalidate>
        ${csrfField(view)}
        ${field({ name: 'email', label: t(l, BO.email), type: 'email', required: true, autocomplete: 'email', error: errors.email })}
        <button type="submit">${t(l, TXT.sendLink)}</button>
      </form>
    </div>`,
  });
}

function passwordForm(
  view: BoView,
  path: string,
  title: { vi: string; en: string },
  token: string,
  errors: Record<string, string>,
): string {
  const l = view.locale;
  const tokenError = errors.token;
  return boPage(view, {
    title,
    body: html`<div class="auth-box">
      ${errorSummary(view, tokenError ? { password: tokenError } : errors)}
      <form method="post" action="/admin${path}" novalidate>
        ${csrfField(view)}
        <input type="hidden" name="token" value="${token}" />
        ${field({ name: 'password', label: t(l, BO.newPassword), type: 'password', required: true, autocomplete: 'new-password', error: errors.password ?? tokenError })}
        <button type="submit">${t(l, TXT.choose)}</button>
      </form>
    </div>`,
  });
}

function registerForm(
  view: BoView,
  communes: Array<{ value: string; label: string }>,
  errors: Record<string, string>,
  values: Record<string, string>,
): string {
  const l = view.locale;
  const producerErrors = errors.producer;
  return boPage(view, {
    title: TXT.register,
    body: html`<div class="auth-box">
      ${errorSummary(view, errors)}
      <p>${t(l, TXT.staffInvited)}</p>
      <form method="post" action="/admin/register" novalidate>
        ${csrfField(view)}
        ${selectField({
          name: 'role',
          label: t(l, TXT.iAm),
          value: values.role ?? 'buyer',
          options: [
            { value: 'buyer', label: t(l, TXT.buyer) },
            { value: 'producer', label: t(l, TXT.producer) },
          ],
        })}
        ${field({ name: 'name', label: t(l, BO.name), required: true, autocomplete: 'name', value: values.name, error: errors.name })}
        ${field({ name: 'email', label: t(l, BO.email), type: 'email', required: true, autocomplete: 'email', value: values.email, error: errors.email })}
        ${field({ name: 'password', label: t(l, BO.newPassword), type: 'password', required: true, autocomplete: 'new-password', error: errors.password })}
        <fieldset>
          <legend>${t(l, TXT.producer)}</legend>
          ${producerErrors ? html`<p class="error">${producerErrors}</p>` : ''}
          ${field({ name: 'producerName', label: t(l, TXT.producerName), value: values.producerName })}
          ${selectField({ name: 'legalForm', label: t(l, TXT.legalForm), value: values.legalForm, blank: '—', options: LEGAL_FORMS.map((f) => ({ value: f.code, label: l === 'en' ? f.en : f.vi })) })}
          ${field({ name: 'address', label: t(l, TXT.address), value: values.address })}
          ${selectField({ name: 'communeId', label: t(l, TXT.commune), value: values.communeId, blank: '—', options: communes })}
        </fieldset>
        <button type="submit">${t(l, TXT.register)}</button>
      </form>
    </div>`,
  });
}
