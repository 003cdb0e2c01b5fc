import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { DomainError } from '../core/errors.js';
import { t } from '../views/format.js';
import { html } from '../views/html.js';
import { authPages } from './auth.pages.js';
import { BO } from './bo-i18n.js';
import { boView, SignInRequired } from './bo-context.js';
import { adminPages } from './admin.pages.js';
import { catalogPages } from './catalog.pages.js';
import { evaluationPages } from './evaluation.pages.js';
import { homePage } from './home.page.js';
import { importPages } from './import.page.js';
import { pickupStockPages } from './pickup-stock.page.js';
import { registryPages } from './registry.pages.js';
import { shopPages } from './shop.pages.js';
import { boPage } from './layout.js';

/**
 * The back office under /admin (issue 5). Every page checks the signed-in user and the policy; every form carries
 * the CSRF token; errors render as pages in the user's language. Feature pages register here.
 */
export const backOfficeRoutes: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(boErrorHandler);
  app.setNotFoundHandler((request, reply) => {
    const { view } = boView(request, reply);
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        boPage(view, {
          title: BO.notFound,
          body: html`<p><a href="/admin">${t(view.locale, BO.home)}</a></p>`,
        }),
      );
  });
  authPages(app);
  homePage(app);
  for (const register of BACK_OFFICE_PAGES) await register(app);
};

/** Feature pages, each `(app) => void | Promise<void>` registering its routes under /admin. */
const BACK_OFFICE_PAGES: Array<(app: FastifyInstance) => void | Promise<void>> = [
  catalogPages,
  registryPages,
  importPages,
  evaluationPages,
  adminPages,
  shopPages,
  pickupStockPages,
];

function boErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof SignInRequired) {
    return reply.redirect(`/admin/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  const { view } = boView(request, reply);
  const l = view.locale;
  if (error instanceof DomainError) {
    const status =
      {
        forbidden: 403,
        not_found: 404,
        validation_failed: 400,
        rate_limited: 429,
        conflict: 409,
        unauthenticated: 401,
      }[error.code as string] ?? 500;
    const message = l === 'en' ? error.messageEn : error.message;
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        boPage(view, {
          title: status === 403 ? BO.forbidden : message,
          body: html`<p>${message}</p>
            <p><a href="/admin">${t(l, BO.home)}</a></p>`,
        }),
      );
  }
  const fe = error as FastifyError;
  if (fe.validation || fe.statusCode === 400 || fe.statusCode === 413 || fe.statusCode === 415) {
    return reply
      .status(fe.statusCode ?? 400)
      .type('text/html; charset=utf-8')
      .send(
        boPage(view, {
          title: l === 'en' ? 'Invalid request' : 'Yêu cầu không hợp lệ',
          body: html`<p>${fe.message}</p>`,
        }),
      );
  }
  request.log.error({ err: error }, 'back office error');
  return reply
    .status(500)
    .type('text/html; charset=utf-8')
    .send(
      boPage(view, {
        title: l === 'en' ? 'Something went wrong' : 'Đã có lỗi xảy ra',
        body: html`<p>${l === 'en' ? 'Error reference' : 'Mã lỗi'}: <code>${request.id}</code></p>`,
      }),
    );
}
