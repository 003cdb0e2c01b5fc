/**
 * The criteria tree of one OCOP scorecard (Decision 148/QĐ-TTg, Phụ lục III), as plain data.
 *
 * part (A 40 · B 25 · C 35) → group ("1. TỔ CHỨC SẢN XUẤT") → criterion ("a) Nguồn gốc sản phẩm") → options (□ …).
 * A council member picks one option per criterion; a criterion's maximum is its best option. When a group has a
 * single criterion the options hang under the group itself, which then *is* the criterion (id "C7"). A group
 * with `alternatives` (set 26) scores only one of its cases.
 */

export type PartCode = 'A' | 'B' | 'C';
export type StarLevel = 3 | 4 | 5;

export const CRITERIA_VERSION = '148/2023';

/** Where a node came from: `row` counts CSV records with the header as row 1 (as a spreadsheet shows it);
 * `line` is the physical line of the file. `score` keeps the raw score text when it was not a number. */
export interface SourceRef {
  row: number;
  line: number;
  score?: string;
}

export type KnockOutReason =
  | 'food_safety_certificate'
  | 'unacceptable_impurities'
  | 'ip_infringement'
  | 'imported_or_unknown_materials'
  | 'copied_product'
  | 'not_distinctive'
  | 'other';

/** A note in the scorecard that stops the evaluation or eliminates the product. */
export interface KnockOut {
  reason: KnockOutReason;
  /** The note as written in the scorecard. */
  text: string;
}

export interface CriterionOption {
  /** `${criterionId}.${position}`, 1-based: "A1a.2". */
  id: string;
  title: string;
  points: number;
  /** The option must be met to reach this star level (tagged ***, ****, ***** in the legal text). */
  mandatoryFor?: StarLevel;
  source?: SourceRef;
}

export interface Criterion {
  /** Part, group number, letter: "A1a"; "C7" when the group is its own criterion; "C6a1" for a sub-item. */
  id: string;
  title: string;
  description?: string;
  max: number;
  mandatoryFor?: StarLevel;
  knockOut?: KnockOut;
  options: CriterionOption[];
  source?: SourceRef;
}

/** One case of a group scored as "Lựa chọn một trong hai trường hợp sau" (choose one of the two cases). */
export interface Alternative {
  code: string;
  title: string;
  criteria: Criterion[];
}

export interface CriteriaGroup {
  /** The group's number in the scorecard, "1" … "17" (unique across the parts of one set). */
  code: string;
  title: string;
  description?: string;
  max: number;
  /** When present, exactly one case is scored and `criteria` is empty. */
  alternatives?: Alternative[];
  criteria: Criterion[];
  source?: SourceRef;
}

export interface CriteriaPart {
  code: PartCode;
  title: string;
  max: number;
  groups: CriteriaGroup[];
  source?: SourceRef;
}

export interface CriteriaSet {
  scorecardId: number;
  version: string;
  name: string;
  parts: CriteriaPart[];
}

export type DefectCode =
  | 'structure'
  | 'part_max'
  | 'parts_total'
  | 'part_sum'
  | 'group_sum'
  | 'criterion_best_option'
  | 'criterion_without_options'
  | 'not_numeric'
  | 'negative'
  | 'star_tag'
  | 'correction';

export interface Defect {
  code: DefectCode;
  /** "C", "C6", "C6a", "C6a.2"; for file-level problems the row. */
  path: string;
  message: string;
}

export const PART_MAX: Record<PartCode, number> = { A: 40, B: 25, C: 35 };

export const PART_TITLE: Record<PartCode, string> = {
  A: 'Sản phẩm và sức mạnh của cộng đồng',
  B: 'Khả năng tiếp thị',
  C: 'Chất lượng sản phẩm',
};

/** Every criterion of a group, the cases of an alternative group included. */
export function groupCriteria(group: CriteriaGroup): Criterion[] {
  return group.alternatives ? group.alternatives.flatMap((a) => a.criteria) : group.criteria;
}

export interface FlatCriterion {
  part: PartCode;
  group: string;
  alternative?: string;
  criterion: Criterion;
}

/** The criteria in scorecard order, each with where it sits. */
export function flattenCriteria(set: CriteriaSet): FlatCriterion[] {
  const out: FlatCriterion[] = [];
  for (const part of set.parts) {
    for (const group of part.groups) {
      for (const criterion of group.criteria) out.push({ part: part.code, group: group.code, criterion });
      for (const alt of group.alternatives ?? []) {
        for (const criterion of alt.criteria) {
          out.push({ part: part.code, group: group.code, alternative: alt.code, criterion });
        }
      }
    }
  }
  return out;
}

/** Highest points over the options that are numbers; undefined when none is. */
export function bestPoints(criterion: Criterion): number | undefined {
  const points = criterion.options.map((o) => o.points).filter((p) => Number.isFinite(p));
  return points.length ? Math.max(...points) : undefined;
}
