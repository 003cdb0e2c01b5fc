import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, RateLimitedError, type ErrorCode } from '../core/errors.js';
import { localeFromHeader } from './locale.js';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  invalid_reference_data: 500,
  internal: 500,
};

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}

/** One table maps domain codes to statuses and languages; anything else is a logged 500 without a stack. */
export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const en = localeFromHeader(request.headers['accept-language']) === 'en';
  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(STATUS[error.code]).send({
      error: {
        code: error.code,
        message: en ? error.messageEn : error.message,
        details: error.details.map((d) => ({
          ...(d.field ? { field: d.field } : {}),
          message: en ? (d.messageEn ?? d.message) : d.message,
        })),
      },
    } satisfies ErrorBody);
    return;
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const details = fe.validation.map((v) => {
      const params = v.params as { missingProperty?: string; additionalProperty?: string };
      const field =
        params.missingProperty ??
        params.additionalProperty ??
        v.instancePath
          .replace(/^\//, '')
          .replace(/\//g, '.')
          .replace(/\.\d+$/, '');
      return { field, message: validationMessage(v.keyword, v.params, en, v.message) };
    });
    const where = fe.validationContext === 'querystring' ? 'query' : (fe.validationContext ?? 'request');
    const fields = details.map((d) => d.field).join(', ');
    void reply.status(400).send({
      error: {
        code: 'validation_failed',
        message: en
          ? `Invalid ${where} parameter: ${fields}. ${details.map((d) => d.message).join('; ')}`
          : `Tham số không hợp lệ (${where}): ${fields}. ${details.map((d) => d.message).join('; ')}`,
        details,
      },
    } satisfies ErrorBody);
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    void reply.status(fe.statusCode).send({
      error: {
        code: fe.code || 'bad_request',
        message: en ? fe.message : `Yêu cầu không hợp lệ: ${fe.message}`,
        details: [],
      },
    } satisfies ErrorBody);
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({
    error: {
      code: 'internal',
      message: en
        ? `Something went wrong on our side. Quote request id ${request.id} when you report it.`
        : `Đã có lỗi phía máy chủ. Vui lòng báo mã yêu cầu ${request.id} khi liên hệ.`,
      details: [],
    },
  } satisfies ErrorBody);
}

function validationMessage(keyword: string, params: Record<string, unknown>, en: boolean, fallback?: string) {
  switch (keyword) {
    case 'required':
      return en ? 'is required' : 'là bắt buộc';
    case 'maximum':
      return en ? `must be at most ${String(params.limit)}` : `không được lớn hơn ${String(params.limit)}`;
    case 'minimum':
      return en ? `must be at least ${String(params.limit)}` : `không được nhỏ hơn ${String(params.limit)}`;
    case 'type':
      return en ? `must be of type ${String(params.type)}` : `phải có kiểu ${String(params.type)}`;
    case 'enum':
    case 'anyOf':
      return en ? 'is not one of the allowed values' : 'không nằm trong các giá trị cho phép';
    case 'maxLength':
      return en
        ? `must be at most ${String(params.limit)} characters`
        : `tối đa ${String(params.limit)} ký tự`;
    case 'pattern':
    case 'format':
      return en ? 'has the wrong format' : 'sai định dạng';
    case 'additionalProperties':
      return en
        ? `unknown parameter ${String(params.additionalProperty)}`
        : `tham số không được hỗ trợ ${String(params.additionalProperty)}`;
    default:
      return fallback ?? (en ? 'is invalid' : 'không hợp lệ');
  }
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const en = localeFromHeader(request.headers['accept-language']) === 'en';
  void reply.status(404).send({
    error: {
      code: 'not_found',
      message: en
        ? `No route ${request.method} ${request.url}.`
        : `Không có đường dẫn ${request.method} ${request.url}.`,
      details: [],
    },
  } satisfies ErrorBody);
}
