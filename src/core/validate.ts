import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ValidationError, type ErrorDetail } from './errors.js';

/**
 * Validates input against its boundary schema; throws a ValidationError naming each bad field, in Vietnamese and
 * English (the schema library's own messages are English only and speak of "anyOf" and "constants").
 */
export function validate<T extends TSchema>(schema: T, input: unknown): Static<T> {
  const errors = [...Value.Errors(schema, input)];
  if (errors.length === 0) return input as Static<T>;
  throw new ValidationError(describeErrors(errors));
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: unknown;
  message: string;
}

/** One detail per field: the first problem found there, or the accepted values of a union of literals. */
export function describeErrors(errors: readonly SchemaError[]): ErrorDetail[] {
  const byField = new Map<string, ErrorDetail>();
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const params = (e.params ?? {}) as Record<string, unknown>;
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const names = (params.requiredProperties ?? params.additionalProperties ?? []) as string[];
      for (const name of names) {
        const field = path ? `${path}.${name}` : name;
        if (!byField.has(field)) byField.set(field, detail(field, localized(e.keyword, params)));
      }
      continue;
    }
    const field = path || '(root)';
    if (e.keyword === 'const') {
      allowed.set(field, [...(allowed.get(field) ?? []), params.allowedValue]);
      continue;
    }
    if (e.keyword === 'boolean' && byField.has(field)) continue;
    if (e.keyword === 'anyOf' && allowed.has(field)) {
      byField.set(field, detail(field, oneOf(allowed.get(field) ?? [])));
      continue;
    }
    if (!byField.has(field)) byField.set(field, detail(field, localized(e.keyword, params, e.message)));
  }
  return [...byField.values()];
}

interface Words {
  vi: string;
  en: string;
}

function detail(field: string, words: Words): ErrorDetail {
  return { field, message: `${field}: ${words.vi}`, messageEn: `${field}: ${words.en}` };
}

function oneOf(values: readonly unknown[]): Words {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return { vi: `phải là một trong: ${list}`, en: `must be one of: ${list}` };
}

const TYPES: Record<string, Words> = {
  integer: { vi: 'phải là số nguyên', en: 'must be a whole number' },
  number: { vi: 'phải là số', en: 'must be a number' },
  string: { vi: 'phải là chuỗi ký tự', en: 'must be text' },
  boolean: { vi: 'phải là đúng hoặc sai', en: 'must be true or false' },
  array: { vi: 'phải là danh sách', en: 'must be a list' },
  object: { vi: 'phải là một đối tượng', en: 'must be an object' },
  null: { vi: 'phải để trống (null)', en: 'must be null' },
};

/** The words of one schema keyword, with its limits; the library's message when the keyword is unknown here. */
function localized(keyword: string, params: Record<string, unknown>, fallback = ''): Words {
  const limit = scalar(params.limit);
  switch (keyword) {
    case 'required':
      return { vi: 'bắt buộc', en: 'is required' };
    case 'additionalProperties':
    case 'boolean':
      return { vi: 'không được phép', en: 'is not allowed' };
    case 'type':
      return TYPES[String(params.type)] ?? { vi: 'sai kiểu dữ liệu', en: 'has the wrong type' };
    case 'minLength':
      return { vi: `cần ít nhất ${limit} ký tự`, en: `must have at least ${limit} characters` };
    case 'maxLength':
      return { vi: `tối đa ${limit} ký tự`, en: `must have at most ${limit} characters` };
    case 'pattern':
    case 'format':
      return { vi: 'không đúng định dạng', en: 'has the wrong format' };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const sign = scalar(params.comparison);
      return { vi: `phải ${sign} ${limit}`, en: `must be ${sign} ${limit}` };
    }
    case 'minItems':
      return { vi: `cần ít nhất ${limit} mục`, en: `must have at least ${limit} items` };
    case 'maxItems':
      return { vi: `tối đa ${limit} mục`, en: `must have at most ${limit} items` };
    case 'uniqueItems':
      return { vi: 'có mục trùng nhau', en: 'has duplicate items' };
    case 'minProperties':
      return { vi: `cần ít nhất ${limit} mục`, en: `must have at least ${limit} entries` };
    case 'maxProperties':
      return { vi: `tối đa ${limit} mục`, en: `must have at most ${limit} entries` };
    case 'anyOf':
    case 'oneOf':
      return { vi: 'không khớp dạng nào được chấp nhận', en: 'does not match any accepted form' };
    default:
      return { vi: `không hợp lệ (${fallback})`, en: fallback || 'is not valid' };
  }
}

/** A keyword's parameter (a limit, a comparison sign) as text; anything but a number or a string reads as empty. */
function scalar(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}
