import {
  PART_MAX,
  bestPoints,
  type CriteriaGroup,
  type CriteriaPart,
  type CriteriaSet,
  type Criterion,
  type Defect,
  type PartCode,
} from './criteria.model.js';

/**
 * The arithmetic a scorecard must satisfy: parts A/B/C are 40/25/35 (100 in all), a part is the sum of its
 * groups, a group the sum of its criteria (one case only for alternatives), a criterion its best option.
 * A sum that holds a non-number is not compared, so one bad cell yields one defect, not a cascade.
 */
export function validateCriteriaSet(set: CriteriaSet): Defect[] {
  const defects: Defect[] = [];
  const codes = set.parts.map((p) => p.code);
  for (const code of ['A', 'B', 'C'] as const) {
    const n = codes.filter((c) => c === code).length;
    if (n !== 1)
      defects.push({ code: 'parts_total', path: code, message: `part ${code} appears ${n} times` });
  }
  const total = sum(set.parts.map((p) => p.max));
  if (total !== undefined && total !== 100) {
    defects.push({ code: 'parts_total', path: 'set', message: `the parts add up to ${total}, not 100` });
  }
  for (const part of set.parts) validatePart(part, defects);
  return defects;
}

function validatePart(part: CriteriaPart, defects: Defect[]): void {
  const path = part.code;
  if (number(part.max, path, 'maximum', defects) && part.max !== PART_MAX[part.code]) {
    defects.push({
      code: 'part_max',
      path,
      message: `part ${path} is worth ${part.max}, Decision 148 gives it ${PART_MAX[part.code]}`,
    });
  }
  for (const group of part.groups) validateGroup(part.code, group, defects);
  const groups = sum(part.groups.map((g) => g.max));
  if (groups !== undefined && Number.isFinite(part.max) && groups !== part.max) {
    defects.push({
      code: 'part_sum',
      path,
      message: `the groups of part ${path} add up to ${groups}, not its maximum ${part.max}`,
    });
  }
}

function validateGroup(part: PartCode, group: CriteriaGroup, defects: Defect[]): void {
  const path = `${part}${group.code}`;
  number(group.max, path, 'maximum', defects);
  let content: number | undefined;
  if (group.alternatives) {
    const cases = group.alternatives.map((a) => {
      for (const c of a.criteria) validateCriterion(c, defects);
      return sum(a.criteria.map((c) => c.max));
    });
    if (cases.length < 2) {
      const message = `group ${path} offers ${cases.length} case(s) to choose from`;
      defects.push({ code: 'structure', path, message });
    }
    content = cases.every((c) => c !== undefined) && cases.length ? Math.max(...cases) : undefined;
  } else {
    for (const c of group.criteria) validateCriterion(c, defects);
    if (group.criteria.length === 0) {
      defects.push({ code: 'structure', path, message: `group ${path} has no criterion` });
    }
    content = sum(group.criteria.map((c) => c.max));
  }
  if (content !== undefined && Number.isFinite(group.max) && content !== group.max) {
    const what = group.alternatives ? 'its best case is worth' : 'its criteria add up to';
    defects.push({
      code: 'group_sum',
      path,
      message: `group ${path} is worth ${group.max} but ${what} ${content}`,
    });
  }
}

function validateCriterion(criterion: Criterion, defects: Defect[]): void {
  const path = criterion.id;
  const row = criterion.source ? ` (row ${criterion.source.row})` : '';
  const maxOk = number(criterion.max, path, 'maximum', defects, criterion.source?.score);
  let optionsOk = true;
  for (const option of criterion.options) {
    optionsOk = number(option.points, option.id, 'points', defects, option.source?.score) && optionsOk;
    if (option.mandatoryFor !== undefined && ![3, 4, 5].includes(option.mandatoryFor)) {
      const message = `option ${option.id} is tagged for ${String(option.mandatoryFor)} stars`;
      defects.push({ code: 'star_tag', path: option.id, message });
    }
  }
  if (criterion.mandatoryFor !== undefined && ![3, 4, 5].includes(criterion.mandatoryFor)) {
    const message = `criterion ${path} is tagged for ${String(criterion.mandatoryFor)} stars`;
    defects.push({ code: 'star_tag', path, message });
  }
  if (criterion.options.length === 0) {
    const message = `criterion ${path} "${criterion.title}"${row} lists no option to choose`;
    defects.push({ code: 'criterion_without_options', path, message });
    return;
  }
  const best = bestPoints(criterion);
  if (maxOk && optionsOk && best !== criterion.max) {
    const message = `criterion ${path} "${criterion.title}"${row} is worth ${criterion.max} but its best option gives ${String(best)}`;
    defects.push({ code: 'criterion_best_option', path, message });
  }
}

/** Records a defect unless `value` is a number ≥ 0; true when it is. */
function number(value: number, path: string, what: string, defects: Defect[], raw?: string): boolean {
  if (!Number.isFinite(value)) {
    const shown = raw === undefined ? String(value) : raw === '' ? 'empty' : `"${raw}"`;
    defects.push({ code: 'not_numeric', path, message: `${path}: the ${what} is ${shown}, not a number` });
    return false;
  }
  if (value < 0) {
    defects.push({ code: 'negative', path, message: `${path}: the ${what} ${value} is negative` });
    return false;
  }
  return true;
}

/** The sum, or undefined when any term is not a number (already reported where it sits). */
function sum(values: number[]): number | undefined {
  return values.every((v) => Number.isFinite(v)) ? values.reduce((a, b) => a + b, 0) : undefined;
}
