/**
 * A council's result from its members' sheets (Decision 148/QĐ-TTg: the product's score is the mean of the
 * members' scores). Pure; the evaluation workflow persists it. Rules where the text is silent (README.md):
 *
 * - mean: kept to two decimals by truncation, in exact integer arithmetic (209/3 = 69.666… → 69.66). Rounding
 *   half-up could lift 69.995 to 70.00, a 4★ band the members never gave; truncation never crosses a band
 *   threshold (they are whole numbers), so the shown mean and the stars always agree;
 * - spread: highest minus lowest member total; more than 10 points means the members must discuss
 *   (`needsDiscussion`); a member who re-scores sends the new answers with `rescoredFrom` (the first ones), and
 *   the result keeps both totals and the spread before re-scoring;
 * - mandatory options are checked on a consolidated sheet: per criterion, the lower median of the members'
 *   choices (by points, unanswered lowest). A requirement is therefore met exactly when a strict majority of
 *   the members found it met; a tie does not meet it;
 * - members must agree on the case of a "choose one case" group (a community or a single tourist site is a fact
 *   about the product, not a judgement): different cases are refused.
 */
import { MIN_CERTIFIED_STARS, starBand } from '../certificates/certificate.js';
import type { CriteriaSet } from '../scorecards/criteria.js';
import { compileSet, toPoints, type CompiledOption, type CompiledSet } from './compiled-set.js';
import { standingOf, type Stars, type UnmetRequirement } from './requirements.js';
import {
  checkSheet,
  sheetTotals,
  type Answers,
  type KnockOutHit,
  type PartTotals,
  type Problem,
} from './scoring.js';

export const DISCUSSION_SPREAD = 10;

export interface MemberSheet {
  memberId: string;
  answers: Answers;
  /** The member's answers before the discussion, when they re-scored. */
  rescoredFrom?: Answers;
}

export interface CouncilOptions {
  /** Only at the province does ≥ 90 mean "potential 5★" sent to the central council. */
  level?: 'province' | 'central';
  /** Criteria whose knock-out note the council found to apply. */
  knockOuts?: readonly string[];
}

export interface MemberResult {
  memberId: string;
  total: number;
  parts: PartTotals;
  /** The total before re-scoring, when the member re-scored. */
  initialTotal?: number;
}

export interface CouncilProblem extends Omit<Problem, 'code'> {
  code: Problem['code'] | 'no_members' | 'duplicate_member' | 'cases_differ';
  memberId?: string;
}

export interface CouncilRefusal {
  kind: 'refused';
  problems: CouncilProblem[];
}

interface CouncilBase {
  scorecardId: number;
  version: string;
  members: MemberResult[];
  /** Mean of the members' totals, truncated to two decimals. */
  mean: number;
  spread: number;
  /** The spread before anyone re-scored (equal to `spread` when nobody did). */
  initialSpread: number;
  needsDiscussion: boolean;
  rescored: string[];
  /** criterion id → option id: the sheet the mandatory options were checked on. */
  consolidated: Record<string, string>;
}

export interface CouncilScored extends CouncilBase {
  kind: 'scored';
  band: Stars;
  cap: Stars;
  stars: Stars;
  unmet: UnmetRequirement[];
  certified: boolean;
  potentialFiveStar: boolean;
}

export interface CouncilKnockedOut extends CouncilBase {
  kind: 'knocked_out';
  knockOut: KnockOutHit;
  certified: false;
}

export type CouncilResult = CouncilScored | CouncilKnockedOut;

export function councilResult(
  set: CriteriaSet,
  memberSheets: readonly MemberSheet[],
  options: CouncilOptions = {},
): CouncilResult | CouncilRefusal {
  const compiled = compileSet(set);
  const checked = checkMembers(compiled, memberSheets, options.knockOuts ?? []);
  if (checked.kind === 'refused') return checked;
  const { sheets, knockOuts } = checked;
  const finals = sheets.map((s) => sheetTotals(compiled, s.chosen));
  const initials = sheets.map((s, i) => (s.initial ? sheetTotals(compiled, s.initial) : finals[i]));
  const units = finals.map((f) => f.totalUnits);
  const sum = units.reduce((a, b) => a + b, 0);
  const spreadUnits = Math.max(...units) - Math.min(...units);
  const initialUnits = initials.map((t) => t?.totalUnits ?? 0);
  const consolidated = consolidate(
    compiled,
    sheets.map((s) => s.chosen),
  );
  const base: CouncilBase = {
    scorecardId: compiled.scorecardId,
    version: compiled.version,
    members: sheets.map((s, i) => ({
      memberId: s.memberId,
      total: finals[i]?.total ?? 0,
      parts: finals[i]?.parts ?? { A: 0, B: 0, C: 0 },
      ...(s.initial ? { initialTotal: initials[i]?.total ?? 0 } : {}),
    })),
    mean: truncatedMean(sum, sheets.length * compiled.scale),
    spread: toPoints(spreadUnits, compiled.scale),
    initialSpread: toPoints(Math.max(...initialUnits) - Math.min(...initialUnits), compiled.scale),
    needsDiscussion: spreadUnits > DISCUSSION_SPREAD * compiled.scale,
    rescored: sheets.filter((s) => s.initial).map((s) => s.memberId),
    consolidated: Object.fromEntries([...consolidated].map(([c, o]) => [c, o.id])),
  };
  const [first] = knockOuts;
  if (first) return { kind: 'knocked_out', ...base, knockOut: first, certified: false };
  const band = starBand(base.mean);
  let consolidatedUnits = 0;
  for (const o of consolidated.values()) consolidatedUnits += o.units;
  // The cap comes from the consolidated sheet; the band from the mean, never from the consolidated total.
  const { cap, unmetByLevel } = standingOf(compiled, consolidated, consolidatedUnits);
  const stars = Math.min(band, cap) as Stars;
  const unmet = ([3, 4, 5] as const).filter((l) => l <= stars + 1).flatMap((l) => unmetByLevel[l]);
  return {
    kind: 'scored',
    ...base,
    band,
    cap,
    stars,
    unmet: stars < 5 ? unmet : [],
    certified: stars >= MIN_CERTIFIED_STARS,
    potentialFiveStar: (options.level ?? 'province') === 'province' && stars === 5,
  };
}

/** floor(100 · numerator / denominator) / 100, in integers: never rounds up. */
export function truncatedMean(numerator: number, denominator: number): number {
  const hundredths = numerator * 100;
  return (hundredths - (hundredths % denominator)) / denominator / 100;
}

interface CheckedMember {
  memberId: string;
  chosen: Map<string, CompiledOption>;
  initial?: Map<string, CompiledOption>;
}

function checkMembers(
  compiled: CompiledSet,
  memberSheets: readonly MemberSheet[],
  knockOuts: readonly string[],
): { kind: 'checked'; sheets: CheckedMember[]; knockOuts: KnockOutHit[] } | CouncilRefusal {
  const problems: CouncilProblem[] = [];
  if (!memberSheets.length) {
    problems.push(
      councilProblem('no_members', 'members', 'Hội đồng chưa có phiếu chấm nào', 'The council has no sheet'),
    );
  }
  const seen = new Set<string>();
  const sheets: CheckedMember[] = [];
  for (const sheet of memberSheets) {
    if (seen.has(sheet.memberId)) {
      problems.push(
        councilProblem(
          'duplicate_member',
          `members.${sheet.memberId}`,
          `Thành viên ${sheet.memberId} nộp hai phiếu`,
          `Member ${sheet.memberId} sent two sheets`,
        ),
      );
    }
    seen.add(sheet.memberId);
    const final = checkSheet(compiled, sheet.answers, []);
    const initial = sheet.rescoredFrom ? checkSheet(compiled, sheet.rescoredFrom, []) : undefined;
    for (const c of [final, initial]) {
      if (c?.kind === 'refused')
        problems.push(...c.problems.map((p) => ({ ...p, memberId: sheet.memberId })));
    }
    if (final.kind === 'checked' && initial?.kind !== 'refused') {
      sheets.push({
        memberId: sheet.memberId,
        chosen: final.chosen,
        ...(initial ? { initial: initial.chosen } : {}),
      });
    }
  }
  problems.push(...caseDisagreements(compiled, sheets));
  const ko = checkSheet(compiled, {}, knockOuts);
  if (ko.kind === 'refused') problems.push(...ko.problems);
  if (problems.length || ko.kind === 'refused') return { kind: 'refused', problems };
  return { kind: 'checked', sheets, knockOuts: ko.knockOuts };
}

function councilProblem(
  code: CouncilProblem['code'],
  field: string,
  message: string,
  messageEn: string,
): CouncilProblem {
  return { code, field, criterionId: '', message, messageEn };
}

function caseDisagreements(compiled: CompiledSet, sheets: CheckedMember[]): CouncilProblem[] {
  const problems: CouncilProblem[] = [];
  for (const group of compiled.alternativeGroups) {
    const caseOf = (chosen: Map<string, CompiledOption>) =>
      [...group.cases].find(([, ids]) => ids.some((id) => chosen.has(id)))?.[0];
    const cases = new Set(sheets.map((s) => caseOf(s.chosen)).filter((c) => c !== undefined));
    if (cases.size > 1) {
      const list = [...cases].join(', ');
      problems.push(
        councilProblem(
          'cases_differ',
          `group.${group.key}`,
          `Các thành viên chấm nhóm ${group.key} theo các trường hợp khác nhau (${list})`,
          `Members scored group ${group.key} under different cases (${list})`,
        ),
      );
    }
  }
  return problems;
}

/** Per criterion, the lower median of the members' choices by points; unanswered counts lowest. */
function consolidate(
  compiled: CompiledSet,
  sheets: Array<Map<string, CompiledOption>>,
): Map<string, CompiledOption> {
  const out = new Map<string, CompiledOption>();
  const rank = Math.ceil(sheets.length / 2) - 1;
  for (const criterion of compiled.criteria) {
    const picks = sheets
      .map((s) => s.get(criterion.id))
      .sort((a, b) => (a?.units ?? -1) - (b?.units ?? -1) || (a?.id ?? '').localeCompare(b?.id ?? ''));
    const median = picks[rank];
    if (median) out.set(criterion.id, median);
  }
  return out;
}
