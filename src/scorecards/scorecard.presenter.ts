import { Type, type Static } from 'typebox';
import { flattenCriteria, type CriteriaSet } from './criteria.js';
import type { AppliedCorrection } from './criteria.corrections.js';
import type { ScorecardRow } from './scorecard.repository.js';

/** API shapes of the scorecards. The detail's flat `criteria` list is the contract the evaluation uses. */

const Stars = Type.Union([Type.Literal(3), Type.Literal(4), Type.Literal(5)], {
  description: 'Star level for which this must be met (tagged ***, ****, ***** in Decision 148).',
});

const SectorRef = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });

export const ScorecardSummary = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 26 }),
  name: Type.String({ description: 'Vietnamese name of the product set (bộ sản phẩm).' }),
  nameEn: Type.String(),
  sector: SectorRef,
  version: Type.String({ description: 'Version of the criteria, e.g. "148/2023" (Decision 148/QĐ-TTg).' }),
});

const OptionOut = Type.Object({
  id: Type.String({ description: 'Stable id, "A1a.2".' }),
  title: Type.String(),
  points: Type.Number(),
  mandatoryFor: Type.Optional(Stars),
});

const CriterionOut = Type.Object({
  id: Type.String({
    description: 'Stable id: part, group number, letter ("A1a"; "C7" for a group scored as one).',
  }),
  part: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')]),
  group: Type.String(),
  alternative: Type.Optional(
    Type.String({ description: 'Case code when the group scores one of several cases (set 26).' }),
  ),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  max: Type.Number(),
  mandatoryFor: Type.Optional(Stars),
  knockOut: Type.Optional(Type.Object({ reason: Type.String(), text: Type.String() })),
  options: Type.Array(OptionOut),
});

const CorrectionOut = Type.Object({
  id: Type.String(),
  target: Type.Object({
    path: Type.String(),
    row: Type.Optional(Type.Integer()),
    line: Type.Optional(Type.Integer()),
  }),
  operation: Type.String(),
  reason: Type.String(),
  verified: Type.Boolean({ description: 'True only when checked against the text of Decision 148.' }),
});

export const ScorecardDetail = Type.Object({
  id: Type.Integer(),
  version: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  sector: SectorRef,
  parts: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), max: Type.Number() })),
  criteria: Type.Array(CriterionOut),
  corrections: Type.Array(CorrectionOut),
});

export type ScorecardSummaryOut = Static<typeof ScorecardSummary>;
export type ScorecardDetailOut = Static<typeof ScorecardDetail>;

export function presentScorecardSummary(row: ScorecardRow): ScorecardSummaryOut {
  return {
    id: row.id,
    name: row.name_vi,
    nameEn: row.name_en,
    sector: { code: row.sector_code, name: row.sector_name_vi, nameEn: row.sector_name_en },
    version: row.current_version,
  };
}

export function presentScorecardDetail(
  row: ScorecardRow,
  set: CriteriaSet,
  corrections: AppliedCorrection[],
): ScorecardDetailOut {
  return {
    ...presentScorecardSummary(row),
    version: set.version,
    parts: set.parts.map((p) => ({ code: p.code, title: p.title, max: p.max })),
    criteria: flattenCriteria(set).map(({ part, group, alternative, criterion: c }) => ({
      id: c.id,
      part,
      group,
      ...(alternative ? { alternative } : {}),
      title: c.title,
      ...(c.description ? { description: c.description } : {}),
      max: c.max,
      ...(c.mandatoryFor ? { mandatoryFor: c.mandatoryFor } : {}),
      ...(c.knockOut ? { knockOut: { reason: c.knockOut.reason, text: c.knockOut.text } } : {}),
      options: c.options.map((o) => ({
        id: o.id,
        title: o.title,
        points: o.points,
        ...(o.mandatoryFor ? { mandatoryFor: o.mandatoryFor } : {}),
      })),
    })),
    corrections: corrections.map(({ id, target, operation, reason, verified }) => ({
      id,
      target,
      operation,
      reason,
      verified,
    })),
  };
}
