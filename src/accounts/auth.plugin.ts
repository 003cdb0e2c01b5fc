import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../core/errors.js';
import { sessionUser, tokenUser, type Authenticated, type SignedIn } from './auth.service.js';

export const SESSION_COOKIE = 'ocop_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (cookie session or API token), or null for a visitor. */
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** false: the route checks its own request forgery (sign-in forms) or needs none. */
    csrf?: boolean;
  }
}

/**
 * Authentication for the whole app: a session cookie (HttpOnly, SameSite=Lax, Secure on https) or an API
 * token (`Authorization: Bearer …`). Writes authenticated by cookie must carry the session's CSRF token in
 * the `x-csrf-token` header or a `_csrf` form field (403 otherwise); API tokens need none, since a browser
 * never sends them by itself.
 */
export async function useAuth(app: FastifyInstance, options: { secureCookies: boolean }): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1_048_576 });
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.auth = match?.[1] ? await tokenUser(request.ctx, match[1]) : null;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      request.auth = token ? await sessionUser(request.ctx, token) : null;
    }
    if (request.auth) {
      request.ctx.actor = {
        kind: 'user',
        id: request.auth.userId,
        email: request.auth.email,
        grants: request.auth.grants,
      };
    }
  });
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config.csrf === false) return;
    const expected = request.auth?.csrfToken;
    if (!expected) return; // anonymous or API token
    if (!sameToken(givenCsrf(request), expected)) {
      throw new ForbiddenError(
        'Phiên làm việc không hợp lệ (thiếu mã CSRF). Vui lòng tải lại trang và thử lại.',
        'Invalid or missing CSRF token. Reload the page and try again.',
      );
    }
    return Promise.resolve();
  });
  app.decorate('secureCookies', options.secureCookies);
}

declare module 'fastify' {
  interface FastifyInstance {
    secureCookies: boolean;
  }
}

function givenCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  const query = request.query as { _csrf?: unknown } | undefined;
  // Multipart forms (image upload) carry it in the action's query, read before the files are.
  const multipart = request.headers['content-type']?.startsWith('multipart/form-data') === true;
  if (multipart && query && typeof query._csrf === 'string') return query._csrf;
  return undefined;
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, session: SignedIn): void {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.secureCookies,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.secureCookies,
  });
}
