import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import {
  applyCorrections,
  flattenCriteria,
  loadCriteriaSet,
  parseCorrectionsFile,
  parseCriteriaCsv,
  validateCriteriaSet,
  type Correction,
} from './criteria.js';
import { CRITERIA_DIR } from './scorecard.loader.js';

const csv = (id: number) =>
  readFileSync(join(CRITERIA_DIR, `set-${String(id).padStart(2, '0')}.csv`), 'utf8');
const FILE = parseCorrectionsFile(JSON.parse(readFileSync(join(CRITERIA_DIR, 'corrections.json'), 'utf8')));
const CORRECTIONS = FILE.corrections;
const ALL = Array.from({ length: 26 }, (_, i) => i + 1);

function rawDefects(id: number): string[] {
  const { set, defects } = parseCriteriaCsv(id, csv(id));
  return [...defects, ...validateCriteriaSet(set)].map((d) => `${d.code}@${d.path}`);
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the known defects of the transcription', () => {
  it.each([
    [3, ['not_numeric@C7a', 'not_numeric@C8a', 'not_numeric@C10a', 'not_numeric@C12a']],
    [7, ['criterion_best_option@C6d']],
    [11, ['criterion_without_options@C6a', 'criterion_without_options@C6b', 'group_sum@C6', 'part_sum@C']],
    [12, ['part_sum@C']],
    [13, ['part_sum@C']],
    [17, ['not_numeric@A1d.2']],
    [18, ['not_numeric@A1b.2', 'not_numeric@C12.5']],
    [26, []],
  ])('set %i shows %j before corrections', (id, expected) => {
    expect(rawDefects(id)).toEqual(expected);
  });

  it('finds nothing wrong in the other 18 sets', () => {
    const others = ALL.filter((id) => ![3, 7, 11, 12, 13, 17, 18].includes(id));
    expect(others.flatMap(rawDefects)).toEqual([]);
  });

  it('names the raw text and the row of a bad cell', () => {
    const { set } = parseCriteriaCsv(17, csv(17));
    const [defect] = validateCriteriaSet(set);
    expect(defect?.message).toContain('"l"');
    const a1d2 = flattenCriteria(set).find((f) => f.criterion.id === 'A1d')?.criterion.options[1];
    expect(a1d2?.source).toEqual({ row: 18, line: 20, score: 'l' });
  });
});

describe('loadCriteriaSet with the reviewed corrections', () => {
  it('validates all 26 sets after 13 corrections, none of them verified against the legal text', () => {
    let applied = 0;
    for (const id of ALL) {
      const loaded = loadCriteriaSet(id, { csvText: csv(id), corrections: CORRECTIONS });
      expect(validateCriteriaSet(loaded.set)).toEqual([]);
      applied += loaded.applied.length;
    }
    expect(applied).toBe(13);
    expect(CORRECTIONS.every((c) => !c.verified && c.reason.length > 40)).toBe(true);
  });

  it('fixes each defect as reviewed', () => {
    const load = (id: number) => loadCriteriaSet(id, { csvText: csv(id), corrections: CORRECTIONS });
    const crit = (id: number, cid: string) =>
      flattenCriteria(load(id).set).find((f) => f.criterion.id === cid)?.criterion;
    expect(['C7a', 'C8a', 'C10a', 'C12a'].map((c) => crit(3, c)?.max)).toEqual([2, 5, 5, 3]);
    expect(crit(7, 'C6d')?.options.map((o) => o.points)).toEqual([1, 2, 4]);
    expect(crit(17, 'A1d')?.options.map((o) => o.points)).toEqual([0, 1, 2, 3]);
    expect(crit(18, 'A1b')?.options.map((o) => o.points)).toEqual([0, 1, 2, 3]);
    expect(crit(18, 'C12')?.options.at(-1)?.points).toBe(5);
    const c13 = load(13).set.parts.find((p) => p.code === 'C');
    expect(c13?.groups.reduce((n, g) => n + g.max, 0)).toBe(35);
  });

  it('turns set 11 "a) Ngoại hình" and "b) Nước pha" into headings of their "- …" items', () => {
    const { set, applied } = loadCriteriaSet(11, { csvText: csv(11), corrections: CORRECTIONS });
    const group6 = flattenCriteria(set).filter((f) => f.group === '6');
    expect(group6.map((f) => [f.criterion.id, f.criterion.title, f.criterion.max])).toEqual([
      ['C6a1', 'Ngoại hình – Tạp chất', 2],
      ['C6a2', 'Ngoại hình – Hình dạng, màu sắc cánh chè', 3],
      ['C6b1', 'Nước pha – Màu nước', 3],
      ['C6b2', 'Nước pha – Mùi nước', 3],
      ['C6b3', 'Nước pha – Vị nước', 5],
    ]);
    expect(flattenCriteria(set)).toHaveLength(32);
    expect(applied.map((a) => a.id)).toEqual(['11-C6a-heading', '11-C6b-heading', '11-part-c']);
  });

  it('refuses a set when the corrections file lacks one entry, naming the defect left', () => {
    const without = CORRECTIONS.filter((c) => c.id !== '18-C12-letter');
    const error = refusal(() => loadCriteriaSet(18, { csvText: csv(18), corrections: without }));
    expect(error.code).toBe('invalid_reference_data');
    expect(error.messageEn).toContain('set-18.csv');
    expect(error.messageEn).toContain('not_numeric C12.5');
    expect(error.messageEn).toContain('"s"');
    expect(error.details).toHaveLength(1);
  });

  it('refuses a correction whose target no longer holds the reviewed value', () => {
    const stale = CORRECTIONS.map((c): Correction =>
      c.id === '07-C6d-best-option'
        ? { ...c, changes: [{ operation: 'set-option-points', path: 'C6d.3', from: 2, value: 4 }] }
        : c,
    );
    const error = refusal(() => loadCriteriaSet(7, { csvText: csv(7), corrections: stale }));
    expect(error.messageEn).toContain(
      'correction 07-C6d-best-option: C6d.3 holds 3, the correction expects 2',
    );
  });

  it('applies a correction whole or not at all, and leaves the parsed set untouched', () => {
    const raw = parseCriteriaCsv(12, csv(12)).set;
    const before = JSON.stringify(raw);
    const [part] = CORRECTIONS.filter((c) => c.id === '12-part-c');
    if (!part) throw new Error('fixture');
    const broken: Correction = {
      ...part,
      changes: [...part.changes, { operation: 'criterion-to-heading', path: 'C9z' }],
    };
    const result = applyCorrections(raw, [broken]);
    expect(result.applied).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual(['correction 12-part-c: C9z not found']);
    expect(JSON.stringify(result.set)).toBe(before);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('refuses a corrections file that does not match its schema', () => {
    const error = refusal(() => parseCorrectionsFile({ ...FILE, corrections: [{ id: 'x' }] }));
    expect(error.code).toBe('invalid_reference_data');
  });
});
