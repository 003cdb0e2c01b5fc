import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

describe('readCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nplain,,end\r\n';
    const { records, errors } = readCsv(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['plain', '', 'end'],
    ]);
  });

  it('gives each record the physical line it starts on, counting breaks inside quotes', () => {
    const { records } = readCsv('h\r\n"one\ntwo\nthree"\r\nnext\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('skips a byte-order mark and blank lines, and reads a last record without a line break', () => {
    const { records } = readCsv('\uFEFFh,i\n\nv,w');
    expect(records.map((r) => r.fields)).toEqual([
      ['h', 'i'],
      ['v', 'w'],
    ]);
  });

  it('reports an unclosed quote instead of throwing', () => {
    const { records, errors } = readCsv('h\n"open\nnever closed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('line 2');
    expect(records[1]?.fields).toEqual(['open\nnever closed']);
  });
});
