import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ValidationError } from './errors.js';

/** Validates input against its boundary schema; throws a ValidationError naming each bad field. */
export function validate<T extends TSchema>(schema: T, input: unknown): Static<T> {
  const errors = [...Value.Errors(schema, input)];
  if (errors.length === 0) return input as Static<T>;
  const seen = new Set<string>();
  const details = [];
  for (const e of errors) {
    const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || fieldFromParams(e.params);
    if (seen.has(field)) continue;
    seen.add(field);
    details.push({
      field,
      message: `${field}: không hợp lệ (${e.message})`,
      messageEn: `${field}: ${e.message}`,
    });
  }
  throw new ValidationError(details);
}

function fieldFromParams(params: unknown): string {
  const p = params as { requiredProperties?: string[]; additionalProperties?: string[] };
  return p.requiredProperties?.join(',') ?? p.additionalProperties?.join(',') ?? '(root)';
}
