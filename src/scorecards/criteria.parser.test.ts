import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bestPoints,
  flattenCriteria,
  parseCriteriaCsv,
  type CriteriaSet,
  type Criterion,
} from './criteria.js';
import { CRITERIA_DIR } from './scorecard.loader.js';

const csv = (id: number) =>
  readFileSync(join(CRITERIA_DIR, `set-${String(id).padStart(2, '0')}.csv`), 'utf8');
const parse = (id: number) => parseCriteriaCsv(id, csv(id));
const ALL = Array.from({ length: 26 }, (_, i) => i + 1);

function criterion(set: CriteriaSet, id: string): Criterion {
  const found = flattenCriteria(set).find((f) => f.criterion.id === id)?.criterion;
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

/** The best score a product can reach: the best option everywhere, one case of an alternative group. */
function bestTotal(set: CriteriaSet): number {
  let total = 0;
  for (const group of set.parts.flatMap((p) => p.groups)) {
    const best = (cs: Criterion[]) => cs.reduce((n, c) => n + (bestPoints(c) ?? 0), 0);
    total += group.alternatives
      ? Math.max(...group.alternatives.map((a) => best(a.criteria)))
      : best(group.criteria);
  }
  return total;
}

describe('parseCriteriaCsv on the clean sets', () => {
  it('reads set 1 as 32 criteria whose best options add up to 100, parts 40/25/35', () => {
    const { set, defects } = parse(1);
    expect(defects).toEqual([]);
    expect(set.parts.map((p) => [p.code, p.max])).toEqual([
      ['A', 40],
      ['B', 25],
      ['C', 35],
    ]);
    const flat = flattenCriteria(set);
    expect(flat).toHaveLength(32);
    expect(flat.reduce((n, f) => n + (bestPoints(f.criterion) ?? 0), 0)).toBe(100);
    expect(set.name).toBe('Rau, củ, quả, hạt tươi');
  });

  it('reads set 21 as 28 criteria worth 100', () => {
    const flat = flattenCriteria(parse(21).set);
    expect(flat).toHaveLength(28);
    expect(flat.reduce((n, f) => n + (bestPoints(f.criterion) ?? 0), 0)).toBe(100);
  });

  it('gives stable ids: part, group number, position letter (đ as dd), option position', () => {
    const { set } = parse(1);
    expect(
      flattenCriteria(set)
        .slice(0, 6)
        .map((f) => f.criterion.id),
    ).toEqual(['A1a', 'A1b', 'A1c', 'A1d', 'A1dd', 'A1e']);
    const a1a = criterion(set, 'A1a');
    expect(a1a.title).toBe('Nguồn gốc sản phẩm');
    expect(a1a.description).toBe('Yêu cầu: 100% sản phẩm được trồng trên địa bàn cấp tỉnh');
    expect(a1a.options.map((o) => [o.id, o.points])).toEqual([
      ['A1a.1', 1],
      ['A1a.2', 3],
      ['A1a.3', 5],
    ]);
    expect(a1a.source).toEqual({ row: 4, line: 4 });
  });

  it('follows position, not the printed label, where labels slip ("c) Sở hữu trí tuệ" after "đ)")', () => {
    expect(criterion(parse(18).set, 'A3e').title).toBe('Sở hữu trí tuệ');
    expect(criterion(parse(13).set, 'C6g').title).toBe('Nước pha - Mùi, vị');
  });

  it('makes a group with options listed directly under it into one criterion with the group id', () => {
    const { set } = parse(5);
    const group = set.parts[2]?.groups.find((g) => g.code === '7');
    expect(group?.criteria.map((c) => c.id)).toEqual(['C7']);
    const c7 = criterion(set, 'C7');
    expect(c7).toMatchObject({ title: 'TÍNH ĐỘC ĐÁO', max: 5 });
    expect(c7.description).toContain('Có nét riêng');
    expect(c7.options.map((o) => o.id)).toEqual(['C7.1', 'C7.2', 'C7.3', 'C7.4']);
  });

  it('models set 26 groups 8, 9 and 15 as two alternative cases worth the group maximum', () => {
    const { set, defects } = parse(26);
    expect(defects).toEqual([]);
    const groups = set.parts.flatMap((p) => p.groups).filter((g) => g.alternatives);
    expect(groups.map((g) => g.code)).toEqual(['8', '9', '15']);
    for (const g of groups) {
      expect(g.criteria).toEqual([]);
      expect(g.alternatives?.map((a) => a.code)).toEqual(['a', 'b']);
      for (const alt of g.alternatives ?? []) expect(alt.criteria.reduce((n, c) => n + c.max, 0)).toBe(g.max);
    }
    expect(groups[0]?.alternatives?.[0]?.title).toBe('Trường hợp 1: Cộng đồng dịch vụ du lịch');
    expect(flattenCriteria(set).find((f) => f.criterion.id === 'C8b')).toMatchObject({
      group: '8',
      alternative: 'b',
    });
    expect(bestTotal(set)).toBe(100);
  });
});

describe('parseCriteriaCsv on notes and star tags', () => {
  it('finds every knock-out note of the 26 sets and puts it on its criterion', () => {
    const found = ALL.flatMap((id) =>
      flattenCriteria(parse(id).set)
        .filter((f) => f.criterion.knockOut)
        .map((f) => `${id}:${f.criterion.id}:${f.criterion.knockOut?.reason ?? ''}`),
    );
    expect(found).toEqual([
      '1:A2a:not_distinctive',
      '1:C6a:unacceptable_impurities',
      '1:C10a:food_safety_certificate',
      '2:A2a:not_distinctive',
      '2:C6a:unacceptable_impurities',
      '3:A2a:not_distinctive',
      '3:C6a:unacceptable_impurities',
      '3:C10a:food_safety_certificate',
      '4:A2a:not_distinctive',
      '4:C6a:unacceptable_impurities',
      '4:C10a:food_safety_certificate',
      '5:A1a:imported_or_unknown_materials',
      '5:A2a:copied_product',
      '5:C6a:unacceptable_impurities',
      '5:C9a:food_safety_certificate',
      '6:A1a:imported_or_unknown_materials',
      '6:A2a:copied_product',
      '6:C6a:unacceptable_impurities',
      '6:C9a:food_safety_certificate',
      '21:C6b:ip_infringement',
      '22:C6b:ip_infringement',
    ]);
    // Set 1 prints the food-safety note on the group; it lands on the group's criterion.
    expect(criterion(parse(1).set, 'C10a').knockOut?.text).toMatch(
      /^Ghi chú: Không đánh giá các bước tiếp theo/u,
    );
  });

  it('moves the IP note printed under a set 21 option onto its criterion, out of the option title', () => {
    const c6b = criterion(parse(21).set, 'C6b');
    expect(c6b.knockOut).toEqual({
      reason: 'ip_infringement',
      text: 'Ghi chú: Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị loại bỏ',
    });
    expect(c6b.options.at(-1)).toMatchObject({
      title: 'Phong cách độc đáo riêng, thể hiện trí tuệ địa phương',
      mandatoryFor: 5,
    });
  });

  it('reads star tags into mandatoryFor and strips them from every title', () => {
    const { set } = parse(1);
    expect(criterion(set, 'A1b').options[2]).toMatchObject({ mandatoryFor: 5, points: 3 });
    expect(criterion(set, 'A3e')).toMatchObject({ title: 'Sở hữu trí tuệ', mandatoryFor: 4 });
    expect(criterion(set, 'B5b').options[2]).toMatchObject({
      title: 'Có câu chuyện riêng, gắn với nguồn gốc xuất xứ',
      mandatoryFor: 3,
    });
    for (const id of ALL) {
      const { set: s, defects } = parse(id);
      expect(defects.filter((d) => d.code === 'star_tag')).toEqual([]);
      for (const f of flattenCriteria(s)) {
        expect(f.criterion.title).not.toContain('*');
        for (const o of f.criterion.options) expect(o.title).not.toMatch(/[*□]/u);
      }
    }
    // A tag followed by a full stop ("…quy định***.") still counts.
    const tagged = criterion(parse(16).set, 'C8a').options[1];
    expect(tagged).toMatchObject({ mandatoryFor: 3, points: 1 });
    expect(tagged?.title).toMatch(/theo đúng quy định\.$/u);
  });

  it('reports a star tag that disagrees with the stars column or is not 3, 4 or 5', () => {
    const head = 'title,description,level,stars,score\nPhần A,,0,,40\n1. G,,1,,40\na) K,,2,,40\n';
    const mismatch = parseCriteriaCsv(1, `${head}□ x****,,3,5,40\n`);
    expect(mismatch.defects.map((d) => [d.code, d.path])).toEqual([['star_tag', 'A1a.1']]);
    const six = parseCriteriaCsv(1, `${head}□ x******,,3,6,40\n`);
    expect(six.defects.map((d) => d.code)).toContain('star_tag');
    expect(six.set.parts[0]?.groups[0]?.criteria[0]?.options[0]?.mandatoryFor).toBeUndefined();
  });
});
