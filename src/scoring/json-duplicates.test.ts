import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './json-duplicates.js';

describe('duplicateKeys', () => {
  it('finds a criterion answered twice, with its path', () => {
    const text = '{"scorecard": 1, "answers": {"A1a": "A1a.1", "A1b": "A1b.2", "A1a": "A1a.3"}}';
    expect(duplicateKeys(text)).toEqual([{ field: 'answers.A1a' }]);
  });

  it('compares names after unescaping, and ignores the same name in different objects', () => {
    expect(duplicateKeys('{"answers": {"A1a": "x", "A1\\u0061": "y"}}')).toEqual([{ field: 'answers.A1a' }]);
    expect(duplicateKeys('{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2, "k": 3}]}')).toEqual([
      { field: 'c.1.k' },
    ]);
  });

  it('is not fooled by quotes, braces and colons inside strings', () => {
    expect(duplicateKeys('{"a": "x\\":{\\"a\\"", "b": "}", "c": ":"}')).toEqual([]);
    expect(duplicateKeys('{"scorecard": 1, "scorecard": 2}')).toEqual([{ field: 'scorecard' }]);
  });
});
