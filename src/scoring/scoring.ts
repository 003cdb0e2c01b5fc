/**
 * The OCOP scoring rules of Decision 148/QĐ-TTg, Phụ lục III, as pure functions (README.md has the rules and
 * the choices made where the text is silent).
 *
 * A sheet picks at most one option per criterion; its total is the sum of the chosen options' points, reported
 * per part. The band follows from the total (certificates/certificate.ts `starBand`); the cap is the highest
 * level whose star requirements (options tagged ***, ****, *****) are all met; the stars are the lower of the
 * two. A knock-out note of the scorecard, when declared, stops the scoring with its reason.
 */
import type { CriteriaSet, KnockOutReason, PartCode, StarLevel } from '../scorecards/criteria.js';
import { compileSet, toPoints, type CompiledOption, type CompiledSet } from './compiled-set.js';
import { findNextStar, type NextStar } from './next-star.js';
import { standingOf, type Stars, type UnmetRequirement } from './requirements.js';

export type { Stars, UnmetRequirement } from './requirements.js';
/** criterion id → option id. */
export type Answers = Readonly<Record<string, string>>;

export interface ScoreOptions {
  /** Criteria whose knock-out note applies to this product (the note's condition was found true). */
  knockOuts?: readonly string[];
}

export type ProblemCode =
  'unknown_criterion' | 'unknown_option' | 'option_of_other_criterion' | 'two_cases' | 'not_a_knock_out';

/** One reason a sheet cannot be scored; `field` names it the way the API reports it. */
export interface Problem {
  code: ProblemCode;
  field: string;
  criterionId: string;
  optionId?: string;
  message: string;
  messageEn: string;
}

export interface ScoringRefusal {
  kind: 'refused';
  problems: Problem[];
}

export type PartTotals = Record<PartCode, number>;

interface SheetTotals {
  scorecardId: number;
  /** The criteria set version the result was computed with. */
  version: string;
  total: number;
  parts: PartTotals;
}

export interface ScoredSheet extends SheetTotals {
  kind: 'scored';
  band: Stars;
  cap: Stars;
  stars: Stars;
  /** The requirements standing between the result and the next level (empty at 5★). */
  unmet: UnmetRequirement[];
  /** Every unmet requirement, by the level it is tagged for. */
  unmetByLevel: Record<StarLevel, UnmetRequirement[]>;
  nextStar: NextStar | null;
}

export interface KnockOutHit {
  criterionId: string;
  reason: KnockOutReason;
  text: string;
  /** "Bị loại" notes eliminate the product; "không đánh giá các bước tiếp theo" notes stop the evaluation. */
  effect: 'eliminated' | 'stopped';
}

/** No stars: the first declared knock-out in scorecard order stopped the scoring. Totals are informative. */
export interface KnockedOutSheet extends SheetTotals {
  kind: 'knocked_out';
  knockOut: KnockOutHit;
  knockOuts: KnockOutHit[];
}

export type ScoreResult = ScoredSheet | KnockedOutSheet;

const ELIMINATING: ReadonlySet<KnockOutReason> = new Set([
  'ip_infringement',
  'imported_or_unknown_materials',
  'copied_product',
]);

/** Scores one sheet against a criteria set; a typed refusal lists every invalid answer. */
export function scoreSheet(
  set: CriteriaSet,
  answers: Answers,
  options: ScoreOptions = {},
): ScoreResult | ScoringRefusal {
  const compiled = compileSet(set);
  const checked = checkSheet(compiled, answers, options.knockOuts ?? []);
  if (checked.kind === 'refused') return checked;
  return scoreChecked(compiled, checked.chosen, checked.knockOuts);
}

export interface CheckedSheet {
  kind: 'checked';
  /** criterion id → chosen option. */
  chosen: Map<string, CompiledOption>;
  knockOuts: KnockOutHit[];
}

/** Validates answers and declared knock-outs; collects every problem rather than stopping at the first. */
export function checkSheet(
  compiled: CompiledSet,
  answers: Answers,
  knockOuts: readonly string[],
): CheckedSheet | ScoringRefusal {
  const problems: Problem[] = [];
  const chosen = new Map<string, CompiledOption>();
  for (const [criterionId, optionId] of Object.entries(answers)) {
    const problem = answerProblem(compiled, criterionId, optionId);
    if (problem) problems.push(problem);
    else chosen.set(criterionId, compiled.options.get(optionId) as CompiledOption);
  }
  problems.push(...caseProblems(compiled, chosen));
  const hits: KnockOutHit[] = [];
  for (const criterionId of new Set(knockOuts)) {
    const knockOut = compiled.byId.get(criterionId)?.knockOut;
    if (!knockOut) {
      problems.push(notAKnockOut(criterionId));
      continue;
    }
    const { reason, text } = knockOut;
    hits.push({ criterionId, reason, text, effect: ELIMINATING.has(reason) ? 'eliminated' : 'stopped' });
  }
  if (problems.length) return { kind: 'refused', problems };
  const order = (id: string) => compiled.byId.get(id)?.index ?? 0;
  hits.sort((a, b) => order(a.criterionId) - order(b.criterionId));
  return { kind: 'checked', chosen, knockOuts: hits };
}

function answerProblem(compiled: CompiledSet, criterionId: string, optionId: string): Problem | undefined {
  const field = `answers.${criterionId}`;
  if (!compiled.byId.has(criterionId)) {
    return {
      code: 'unknown_criterion',
      field,
      criterionId,
      message: `${field}: bộ tiêu chí ${compiled.scorecardId} không có tiêu chí "${criterionId}"`,
      messageEn: `${field}: scorecard ${compiled.scorecardId} has no criterion "${criterionId}"`,
    };
  }
  const option = compiled.options.get(optionId);
  if (!option) {
    return {
      code: 'unknown_option',
      field,
      criterionId,
      optionId,
      message: `${field}: không có phương án "${optionId}"`,
      messageEn: `${field}: there is no option "${optionId}"`,
    };
  }
  if (option.criterionId !== criterionId) {
    return {
      code: 'option_of_other_criterion',
      field,
      criterionId,
      optionId,
      message: `${field}: phương án "${optionId}" thuộc tiêu chí ${option.criterionId}, không thuộc ${criterionId}`,
      messageEn: `${field}: option "${optionId}" belongs to criterion ${option.criterionId}, not ${criterionId}`,
    };
  }
  return undefined;
}

/** Answers in two cases of one "choose one of the cases" group: each answer past the first case is refused. */
function caseProblems(compiled: CompiledSet, chosen: Map<string, CompiledOption>): Problem[] {
  const problems: Problem[] = [];
  for (const group of compiled.alternativeGroups) {
    const answered = [...group.cases].filter(([, ids]) => ids.some((id) => chosen.has(id)));
    const [first, ...others] = answered;
    if (!first) continue;
    for (const [, ids] of others) {
      for (const criterionId of ids.filter((id) => chosen.has(id))) {
        const field = `answers.${criterionId}`;
        const firstIds = first[1].filter((id) => chosen.has(id)).join(', ');
        problems.push({
          code: 'two_cases',
          field,
          criterionId,
          message: `${field}: nhóm ${group.key} chỉ chấm một trong các trường hợp, đã trả lời ${firstIds}`,
          messageEn: `${field}: group ${group.key} scores one case only, and ${firstIds} is already answered`,
        });
      }
    }
  }
  return problems;
}

function notAKnockOut(criterionId: string): Problem {
  const field = `knockOuts.${criterionId}`;
  return {
    code: 'not_a_knock_out',
    field,
    criterionId,
    message: `${field}: tiêu chí "${criterionId}" không có ghi chú loại trừ trong bộ tiêu chí`,
    messageEn: `${field}: criterion "${criterionId}" carries no knock-out note in this scorecard`,
  };
}

/** Scores a sheet already checked against `compiled`. */
export function scoreChecked(
  compiled: CompiledSet,
  chosen: Map<string, CompiledOption>,
  knockOuts: KnockOutHit[] = [],
): ScoreResult {
  const totals = sheetTotals(compiled, chosen);
  const shown: SheetTotals = {
    scorecardId: totals.scorecardId,
    version: totals.version,
    total: totals.total,
    parts: totals.parts,
  };
  const [first] = knockOuts;
  if (first) return { kind: 'knocked_out', ...shown, knockOut: first, knockOuts };
  const standing = standingOf(compiled, chosen, totals.totalUnits);
  return {
    kind: 'scored',
    ...shown,
    ...standing,
    nextStar: standing.stars < 5 ? findNextStar(compiled, chosen, standing.stars) : null,
  };
}

export function sheetTotals(compiled: CompiledSet, chosen: Map<string, CompiledOption>) {
  const units: Record<PartCode, number> = { A: 0, B: 0, C: 0 };
  for (const option of chosen.values()) {
    const criterion = compiled.byId.get(option.criterionId);
    if (criterion) units[criterion.part] += option.units;
  }
  const totalUnits = units.A + units.B + units.C;
  const s = compiled.scale;
  return {
    scorecardId: compiled.scorecardId,
    version: compiled.version,
    total: toPoints(totalUnits, s),
    totalUnits,
    parts: { A: toPoints(units.A, s), B: toPoints(units.B, s), C: toPoints(units.C, s) },
  };
}
