import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../core/context.js';
import { DomainError, RateLimitedError } from '../core/errors.js';
import { t, type Text } from '../views/format.js';
import { html } from '../views/html.js';
import { localePath, page, sendPage } from './layout.js';

/** The website's error pages (400, 403, 404, 409, 429) in the page's language, with the layout; else a plain 500. */
const TEXT = {
  notFoundTitle: { vi: 'Không tìm thấy trang', en: 'Page not found' },
  notFound: {
    vi: 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.',
    en: 'The page you are looking for does not exist or has moved.',
  },
  badTitle: { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
  bad: {
    vi: 'Địa chỉ hoặc nội dung tìm kiếm chưa đúng. Hãy kiểm tra lại rồi thử lần nữa.',
    en: 'The address or the search is not quite right. Please check it and try again.',
  },
  errorTitle: { vi: 'Đã có lỗi', en: 'Something went wrong' },
  error: {
    vi: 'Đã có lỗi phía máy chủ. Vui lòng thử lại sau; nếu lỗi còn, hãy báo mã yêu cầu {id}.',
    en: 'Something went wrong on our side. Please try again later; if it persists, quote request id {id}.',
  },
  home: { vi: 'Về trang chủ', en: 'Go to the home page' },
  busyTitle: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  busy: {
    vi: 'Bạn đã tìm kiếm quá nhiều lần trong một phút. Vui lòng đợi một chút rồi thử lại.',
    en: 'Too many searches in one minute. Please wait a moment and try again.',
  },
  search: { vi: 'Tìm sản phẩm', en: 'Find products' },
  forbiddenTitle: { vi: 'Không thực hiện được', en: 'Not allowed' },
  forbidden: {
    vi: 'Biểu mẫu đã hết hạn hoặc bạn không có quyền làm việc này. Hãy tải lại trang rồi thử lần nữa.',
    en: 'The form has expired or you may not do this. Please reload the page and try again.',
  },
  conflictTitle: { vi: 'Không thể thực hiện lúc này', en: 'Not possible right now' },
  conflict: {
    vi: 'Dữ liệu vừa thay đổi nên yêu cầu không thực hiện được. Hãy tải lại trang rồi thử lần nữa.',
    en: 'The data has just changed, so the request could not be carried out. Please reload and try again.',
  },
} satisfies Record<string, Text>;

export interface ErrorPageInput {
  locale: Locale;
  publicUrl: string;
  path: string;
  status: 400 | 403 | 404 | 409 | 429 | 500;
  /** Specific explanations (a validation message), shown under the general one. */
  details?: string[];
  requestId?: string;
}

export function errorPage(input: ErrorPageInput): string {
  const { locale, status } = input;
  const [title, message] =
    status === 404
      ? [TEXT.notFoundTitle, TEXT.notFound]
      : status === 400
        ? [TEXT.badTitle, TEXT.bad]
        : status === 429
          ? [TEXT.busyTitle, TEXT.busy]
          : status === 403
            ? [TEXT.forbiddenTitle, TEXT.forbidden]
            : status === 409
              ? [TEXT.conflictTitle, TEXT.conflict]
              : [TEXT.errorTitle, TEXT.error];
  const titleText = t(locale, title);
  const body = html`<h1>${titleText}</h1>
    <p>${t(locale, message).replace('{id}', input.requestId ?? '')}</p>
    ${
      input.details?.length
        ? html`<ul>
            ${input.details.map((d) => html`<li>${d}</li>`)}
          </ul>`
        : ''
    }
    <p>
      <a class="button" href="${localePath(locale, '/')}">${t(locale, TEXT.home)}</a>
      <a class="button secondary" href="${localePath(locale, '/search')}">${t(locale, TEXT.search)}</a>
    </p>`;
  return page(
    {
      locale,
      path: input.path,
      title: titleText,
      description: titleText,
      publicUrl: input.publicUrl,
      noindex: true,
    },
    body,
  );
}

/** The path of a request without its locale prefix and query, for the error page's language switch. */
function pathWithoutLocale(url: string, locale: Locale): string {
  const path = url.split('?')[0] ?? '/';
  const rest = path.slice(locale.length + 1);
  return rest.startsWith('/') ? rest : '/';
}

export function webErrorHandler(locale: Locale, publicUrl: string) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    const path = pathWithoutLocale(request.url, locale);
    const fe = error as FastifyError;
    let status: 400 | 403 | 404 | 409 | 429 | 500 = 500;
    let details: string[] = [];
    if (error instanceof RateLimitedError) {
      status = 429;
      void reply.header('retry-after', String(error.retryAfterSeconds));
    } else if (error instanceof DomainError && error.code === 'not_found') status = 404;
    else if (error instanceof DomainError && (error.code === 'forbidden' || error.code === 'conflict')) {
      status = error.code === 'forbidden' ? 403 : 409;
      details = [locale === 'en' ? error.messageEn : error.message];
    } else if (error instanceof DomainError && error.code === 'validation_failed') {
      status = 400;
      details = error.details.map((d) => (locale === 'en' ? (d.messageEn ?? d.message) : d.message));
    } else if (
      fe.validation ||
      (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500)
    ) {
      status = 400;
    } else {
      request.log.error({ err: error }, 'unhandled error on a page');
    }
    void sendPage(
      reply,
      errorPage({ locale, publicUrl, path, status, details, requestId: request.id }),
      status,
    );
  };
}

export function webNotFoundHandler(locale: Locale, publicUrl: string) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const path = pathWithoutLocale(request.url, locale);
    void sendPage(reply, errorPage({ locale, publicUrl, path, status: 404 }), 404);
  };
}
