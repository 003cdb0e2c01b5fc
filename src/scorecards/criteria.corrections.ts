import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../core/errors.js';
import { flattenCriteria, type CriteriaSet, type Criterion, type Defect } from './criteria.model.js';
import { parseCriteriaCsv } from './criteria.parser.js';
import { validateCriteriaSet } from './criteria.validator.js';

/**
 * Reviewed corrections to the transcription (reference/ocop-criteria-148/corrections.json). Each entry names
 * its target, the changes, why, and whether it was checked against the legal text. A value change states
 * the value it expects to find (`from`, null for "not a number"), so a correction never lands on data that
 * changed since it was reviewed: it is reported instead, and the loader refuses the set.
 */
const FromValue = Type.Union([Type.Number(), Type.Null()]);
const ValueChange = <T extends string>(operation: T) =>
  Type.Object(
    {
      operation: Type.Literal(operation),
      path: Type.String(),
      from: FromValue,
      value: Type.Number({ minimum: 0 }),
    },
    { additionalProperties: false },
  );

const Change = Type.Union([
  ValueChange('set-criterion-max'),
  ValueChange('set-option-points'),
  ValueChange('set-group-max'),
  // A row without options that heads "- item" rows: drop it as a criterion, prefix its title to the items.
  Type.Object(
    { operation: Type.Literal('criterion-to-heading'), path: Type.String() },
    { additionalProperties: false },
  ),
]);

const Target = Type.Object(
  {
    path: Type.String({ minLength: 1 }),
    row: Type.Optional(Type.Integer({ minimum: 2 })),
    line: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const CorrectionSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    scorecard: Type.Integer({ minimum: 1, maximum: 26 }),
    target: Target,
    operation: Type.String({ minLength: 1 }),
    defects: Type.Array(Type.String()),
    changes: Type.Array(Change, { minItems: 1 }),
    reason: Type.String({ minLength: 1 }),
    verified: Type.Boolean(),
    evidence: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const CorrectionsFileSchema = Type.Object({
  about: Type.String(),
  version: Type.String(),
  corrections: Type.Array(CorrectionSchema),
  observations: Type.Array(
    Type.Object({
      scorecard: Type.Integer({ minimum: 1, maximum: 26 }),
      target: Type.Optional(Target),
      text: Type.String(),
      verified: Type.Boolean(),
    }),
  ),
});

export type Correction = Static<typeof CorrectionSchema>;
export type CorrectionsFile = Static<typeof CorrectionsFileSchema>;
type Change = Static<typeof Change>;

/** What a loaded set keeps of each correction (criteria_sets.corrections, the API's `corrections`). */
export interface AppliedCorrection {
  id: string;
  target: Correction['target'];
  operation: string;
  reason: string;
  verified: boolean;
}

/** Checks the corrections file against its schema; a malformed file is broken reference data. */
export function parseCorrectionsFile(json: unknown): CorrectionsFile {
  const errors = [...Value.Errors(CorrectionsFileSchema, json)].slice(0, 10);
  if (errors.length) {
    throw referenceError(
      'corrections.json',
      errors.map((e) => ({ code: 'correction', path: e.instancePath || '/', message: e.message })),
    );
  }
  const file = json as CorrectionsFile;
  const ids = file.corrections.map((c) => c.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) {
    const defects: Defect[] = twice.map((id) => ({
      code: 'correction',
      path: id,
      message: `id ${id} repeats`,
    }));
    throw referenceError('corrections.json', defects);
  }
  return file;
}

export interface ApplyResult {
  set: CriteriaSet;
  applied: AppliedCorrection[];
  /** Corrections that could not land (target missing, value not the one reviewed). */
  problems: Defect[];
}

/** Applies the corrections for this set's scorecard to a copy of it; each lands whole or not at all. */
export function applyCorrections(set: CriteriaSet, corrections: readonly Correction[]): ApplyResult {
  let current = structuredClone(set);
  const applied: AppliedCorrection[] = [];
  const problems: Defect[] = [];
  for (const correction of corrections.filter((c) => c.scorecard === set.scorecardId)) {
    const work = structuredClone(current);
    const failures = correction.changes
      .map((change) => applyChange(work, change))
      .filter((f): f is string => f !== undefined);
    if (failures.length) {
      for (const f of failures) {
        problems.push({
          code: 'correction',
          path: correction.id,
          message: `correction ${correction.id}: ${f}`,
        });
      }
      continue;
    }
    current = work;
    const { id, target, operation, reason, verified } = correction;
    applied.push({ id, target, operation, reason, verified });
  }
  return { set: current, applied, problems };
}

/** Returns why the change could not be made, or undefined once it is made. */
function applyChange(set: CriteriaSet, change: Change): string | undefined {
  if (change.operation === 'criterion-to-heading') return toHeading(set, change.path);
  const node = findValueNode(set, change);
  if (!node) return `${change.path} not found`;
  const found = node.get();
  const expected = change.from === null ? Number.isNaN(found) : found === change.from;
  if (!expected)
    return `${change.path} holds ${String(found)}, the correction expects ${String(change.from)}`;
  node.set(change.value);
  return undefined;
}

function findValueNode(set: CriteriaSet, change: Exclude<Change, { operation: 'criterion-to-heading' }>) {
  if (change.operation === 'set-group-max') {
    const part = set.parts.find((p) => p.code === change.path.charAt(0));
    const group = part?.groups.find((g) => g.code === change.path.slice(1));
    return group && { get: () => group.max, set: (v: number) => (group.max = v) };
  }
  if (change.operation === 'set-criterion-max') {
    const criterion = findCriterion(set, change.path);
    return criterion && { get: () => criterion.max, set: (v: number) => (criterion.max = v) };
  }
  const criterion = findCriterion(set, change.path.split('.')[0] ?? '');
  const option = criterion?.options.find((o) => o.id === change.path);
  return option && { get: () => option.points, set: (v: number) => (option.points = v) };
}

function findCriterion(set: CriteriaSet, id: string): Criterion | undefined {
  return flattenCriteria(set).find((f) => f.criterion.id === id)?.criterion;
}

function toHeading(set: CriteriaSet, id: string): string | undefined {
  for (const group of set.parts.flatMap((p) => p.groups)) {
    const index = group.criteria.findIndex((c) => c.id === id);
    const heading = group.criteria[index];
    if (!heading) continue;
    if (heading.options.length) return `${id} lists options, it is not a heading`;
    const items = group.criteria.filter((c) => new RegExp(`^${id}\\d+$`, 'u').test(c.id));
    if (!items.length) return `${id} heads no "- item" criterion`;
    for (const item of items) item.title = `${heading.title} – ${item.title}`;
    group.criteria.splice(index, 1);
    return undefined;
  }
  return `${id} not found`;
}

export interface LoadedCriteriaSet {
  set: CriteriaSet;
  /** What the transcription showed before the corrections. */
  defects: Defect[];
  applied: AppliedCorrection[];
}

/**
 * Parses, validates and corrects one scorecard. Refuses (DomainError 'invalid_reference_data', naming each
 * defect) a set that still fails after its corrections: a scorecard that does not add up would mis-score
 * every product evaluated against it.
 */
export function loadCriteriaSet(
  scorecardId: number,
  input: { csvText: string; corrections: readonly Correction[]; name?: string; version?: string },
): LoadedCriteriaSet {
  const options = {
    ...(input.name ? { name: input.name } : {}),
    ...(input.version ? { version: input.version } : {}),
  };
  const parsed = parseCriteriaCsv(scorecardId, input.csvText, options);
  const defects = [...parsed.defects, ...validateCriteriaSet(parsed.set)];
  const { set, applied, problems } = applyCorrections(parsed.set, input.corrections);
  const remaining = [...parsed.defects, ...problems, ...validateCriteriaSet(set)];
  if (remaining.length) throw referenceError(`set-${String(scorecardId).padStart(2, '0')}.csv`, remaining);
  return { set, defects, applied };
}

function referenceError(file: string, defects: Defect[]): DomainError {
  const list = defects.map((d) => `${d.code} ${d.path}: ${d.message}`).join('; ');
  return new DomainError(
    'invalid_reference_data',
    `Dữ liệu bộ tiêu chí ${file} không hợp lệ (${defects.length} lỗi): ${list}`,
    `The criteria data ${file} is invalid (${defects.length} defect(s)): ${list}`,
    defects.map((d) => ({ field: d.path, message: `${d.code}: ${d.message}` })),
  );
}
