import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../accounts/policy.js';
import { newToken } from '../accounts/tokens.js';
import { sameToken } from '../accounts/auth.plugin.js';
import type { Ctx, Locale } from '../core/context.js';
import { DomainError, ForbiddenError } from '../core/errors.js';
import { localeFromHeader } from '../http/locale.js';
import type { BoView } from './layout.js';

const LANG_COOKIE = 'ocop_lang';
/** Forms shown before sign-in carry this double-submit token (the session's token takes over after). */
const ANON_CSRF_COOKIE = 'ocop_csrf';

/** The back office's language: ?lang= (remembered in a cookie), then the cookie, the account, the browser. */
export function boLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  const query = request.query as { lang?: unknown } | undefined;
  const asked = query?.lang;
  if (asked === 'vi' || asked === 'en') {
    void reply.setCookie(LANG_COOKIE, asked, {
      path: '/admin',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 31_536_000,
    });
    return asked;
  }
  const cookie = request.cookies[LANG_COOKIE];
  if (cookie === 'vi' || cookie === 'en') return cookie;
  return localeFromHeader(request.headers['accept-language']);
}

/** What a back-office page needs to render, and the context to act in the page's language. */
export function boView(request: FastifyRequest, reply: FastifyReply): { view: BoView; ctx: Ctx } {
  const locale = boLocale(request, reply);
  const auth = request.auth;
  let csrf = auth?.csrfToken ?? null;
  if (!csrf) {
    csrf = request.cookies[ANON_CSRF_COOKIE] ?? newToken();
    void reply.setCookie(ANON_CSRF_COOKIE, csrf, {
      path: '/admin',
      sameSite: 'strict',
      httpOnly: true,
      secure: request.server.secureCookies,
    });
  }
  const notice = (request.query as { notice?: unknown } | undefined)?.notice;
  return {
    view: {
      locale,
      user: auth ? { id: auth.userId, email: auth.email, name: auth.name, grants: auth.grants } : null,
      csrf,
      url: request.url,
      notice: typeof notice === 'string' ? notice.slice(0, 200) : undefined,
    },
    ctx: { ...request.ctx, locale },
  };
}

/** For forms posted before sign-in: the field must match the double-submit cookie. */
export function checkAnonymousCsrf(request: FastifyRequest): void {
  const body = request.body as { _csrf?: unknown } | undefined;
  const given = typeof body?._csrf === 'string' ? body._csrf : undefined;
  const expected = request.auth?.csrfToken ?? request.cookies[ANON_CSRF_COOKIE];
  if (!expected || !sameToken(given, expected)) {
    throw new ForbiddenError(
      'Biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.',
      'The form has expired. Reload the page and try again.',
    );
  }
}

/** Signals a redirect to the sign-in page (caught by the back office's error handler). */
export class SignInRequired extends Error {
  override name = 'SignInRequired';
}

/** A signed-in staff member, or a redirect to sign-in; 403 for accounts without a back office (buyers). */
export function requireStaff(request: FastifyRequest, reply: FastifyReply): { view: BoView; ctx: Ctx } {
  if (!request.auth) throw new SignInRequired();
  const { view, ctx } = boView(request, reply);
  if (!can(ctx.actor, 'use', { type: 'backOffice' })) throw new ForbiddenError();
  return { view, ctx };
}

/** Field errors keyed by field name, in the page's language, from a ValidationError's details. */
export function fieldErrors(error: unknown, locale: Locale): Record<string, string> | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const key = (d.field ?? '_').split('.')[0] ?? '_';
    out[key] ??= locale === 'en' ? (d.messageEn ?? d.message) : d.message;
  }
  if (Object.keys(out).length === 0) out._ = locale === 'en' ? error.messageEn : error.message;
  return out;
}

/** Form bodies arrive as strings; empty strings mean "not given". */
export function formValue(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0].trim() || undefined : undefined;
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

export function formValues(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
