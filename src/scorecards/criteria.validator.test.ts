import { describe, expect, it } from 'vitest';
import { parseCriteriaCsv, validateCriteriaSet, type CriteriaSet } from './criteria.js';

/** A minimal valid scorecard: one group per part, each holding one criterion of two options. */
const VALID = `title,description,level,stars,score
Phần A (40 Điểm),,0,,40
1. TỔ CHỨC,,1,,40
a) Nguồn gốc,,2,,40
□ thấp,,3,,0
□ cao****,,3,4,40
Phần B (25 Điểm),,0,,25
2. TIẾP THỊ,,1,,25
□ ít,,3,,10
□ nhiều,,3,,25
Phần C (35 Điểm),,0,,35
3. CHẤT LƯỢNG,,1,,35
a) Màu,,2,,15
□ kém,,3,,0
□ tốt,,3,,15
b) Vị,,2,,20
□ kém,,3,,0
□ tốt,,3,,20
`;

function check(csvText: string): string[] {
  const { set, defects } = parseCriteriaCsv(1, csvText);
  return [...defects, ...validateCriteriaSet(set)].map((d) => `${d.code}@${d.path}`);
}

describe('validateCriteriaSet', () => {
  it('accepts a scorecard whose parts, groups, criteria and options add up', () => {
    expect(check(VALID)).toEqual([]);
  });

  it('wants parts A/B/C worth 40/25/35, 100 in all', () => {
    const csv = VALID.replace('Phần B (25 Điểm),,0,,25', 'Phần B (25 Điểm),,0,,30');
    expect(check(csv)).toEqual(['parts_total@set', 'part_max@B', 'part_sum@B']);
  });

  it('wants a group worth the sum of its criteria, and a part the sum of its groups', () => {
    expect(
      check(VALID.replace('b) Vị,,2,,20', 'b) Vị,,2,,18').replace('□ tốt,,3,,20', '□ tốt,,3,,18')),
    ).toEqual(['group_sum@C3']);
    expect(check(VALID.replace('3. CHẤT LƯỢNG,,1,,35', '3. CHẤT LƯỢNG,,1,,30'))).toEqual([
      'group_sum@C3',
      'part_sum@C',
    ]);
  });

  it('wants a criterion worth its best option, and at least one option', () => {
    expect(check(VALID.replace('□ tốt,,3,,15', '□ tốt,,3,,12'))).toEqual(['criterion_best_option@C3a']);
    const bare = VALID.replace('□ kém,,3,,0\n□ tốt,,3,,15\n', '');
    expect(check(bare)).toEqual(['criterion_without_options@C3a']);
  });

  it('records a letter in the score column or an empty maximum instead of crashing, once each', () => {
    const letter = VALID.replace('□ cao****,,3,4,40', '□ cao****,,3,4,s');
    const { set } = parseCriteriaCsv(1, letter);
    expect(set.parts[0]?.groups[0]?.criteria[0]?.options[1]?.source?.score).toBe('s');
    expect(check(letter)).toEqual(['not_numeric@A1a.2']);
    expect(check(VALID.replace('a) Màu,,2,,15', 'a) Màu,,2,,'))).toEqual(['not_numeric@C3a']);
  });

  it('refuses negative points and star levels other than 3, 4 or 5', () => {
    expect(check(VALID.replace('□ thấp,,3,,0', '□ thấp,,3,,-1'))).toEqual(['not_numeric@A1a.1']);
    const { set } = parseCriteriaCsv(1, VALID);
    const tampered: CriteriaSet = structuredClone(set);
    const option = tampered.parts[0]?.groups[0]?.criteria[0]?.options[0];
    if (!option) throw new Error('fixture');
    option.points = -1;
    (option as { mandatoryFor?: number }).mandatoryFor = 2;
    expect(validateCriteriaSet(tampered).map((d) => `${d.code}@${d.path}`)).toEqual([
      'negative@A1a.1',
      'star_tag@A1a.1',
    ]);
  });

  it('scores one case of an alternative group: its maximum is the best case, not the sum', () => {
    const alt = VALID.replace(
      '3. CHẤT LƯỢNG,,1,,35\na) Màu,,2,,15\n□ kém,,3,,0\n□ tốt,,3,,15\nb) Vị,,2,,20\n□ kém,,3,,0\n□ tốt,,3,,20\n',
      '3. CHẤT LƯỢNG,Lựa chọn một trong hai trường hợp sau:,1,,35\na. Trường hợp 1: X,,2,,35\n□ tốt,,3,,35\n' +
        'b. Trường hợp 2: Y,,2,,35\n□ tốt,,3,,35\n',
    );
    expect(check(alt)).toEqual([]);
    expect(
      check(
        alt.replace('b. Trường hợp 2: Y,,2,,35\n□ tốt,,3,,35', 'b. Trường hợp 2: Y,,2,,36\n□ tốt,,3,,36'),
      ),
    ).toEqual(['group_sum@C3']);
  });
});
