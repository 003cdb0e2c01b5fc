import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { ValidationError, type ErrorDetail } from './errors.js';
import { validate } from './validate.js';

const Schema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 5 }),
    count: Type.Integer({ minimum: 1, maximum: 9 }),
    kind: Type.Union([Type.Literal('new'), Type.Literal('upgrade')]),
    tags: Type.Optional(Type.Array(Type.String(), { maxItems: 2, uniqueItems: true })),
    nested: Type.Optional(Type.Object({ code: Type.String({ pattern: '^\\d+$' }) })),
  },
  { additionalProperties: false },
);

function refusal(input: unknown): ValidationError {
  try {
    validate(Schema, input);
  } catch (e) {
    if (e instanceof ValidationError) return e;
  }
  throw new Error('expected a refusal');
}

describe('validate', () => {
  it('returns valid input as it is', () => {
    expect(validate(Schema, { name: 'abc', count: 3, kind: 'new' })).toEqual({
      name: 'abc',
      count: 3,
      kind: 'new',
    });
  });

  it('names each missing field once, in Vietnamese and English', () => {
    const e = refusal({});
    expect(e.details.map((d) => d.field)).toEqual(['name', 'count', 'kind']);
    expect(e.details[0]).toEqual({
      field: 'name',
      message: 'name: bắt buộc',
      messageEn: 'name: is required',
    });
  });

  it('says what each limit is and lists the accepted values of a union, without the library’s jargon', () => {
    const e = refusal({ name: 'a', count: 12, kind: 'sometime', tags: ['x', 'x', 'y'], extra: 1 });
    const byField: Record<string, ErrorDetail | undefined> = Object.fromEntries(
      e.details.map((d) => [d.field ?? '', d]),
    );
    expect(byField.name?.message).toBe('name: cần ít nhất 2 ký tự');
    expect(byField.count?.messageEn).toBe('count: must be <= 9');
    expect(byField.kind?.message).toBe('kind: phải là một trong: "new", "upgrade"');
    expect(byField.tags?.messageEn).toBe('tags: must have at most 2 items');
    expect(byField.extra?.messageEn).toBe('extra: is not allowed');
    for (const d of e.details)
      expect(`${d.message} ${d.messageEn ?? ''}`).not.toMatch(/anyOf|constant|schema/);
  });

  it('names nested fields by their path', () => {
    const e = refusal({ name: 'abc', count: 1, kind: 'new', nested: { code: 'a1' } });
    expect(e.details).toEqual([
      {
        field: 'nested.code',
        message: 'nested.code: không đúng định dạng',
        messageEn: 'nested.code: has the wrong format',
      },
    ]);
  });

  it('names a wrong type in words', () => {
    const e = refusal({ name: 'abc', count: 1.5, kind: 'new' });
    expect(e.details).toEqual([
      { field: 'count', message: 'count: phải là số nguyên', messageEn: 'count: must be a whole number' },
    ]);
  });
});
