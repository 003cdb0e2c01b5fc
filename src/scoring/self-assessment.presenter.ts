import { Type, type Static } from 'typebox';
import { MIN_CERTIFIED_STARS } from '../certificates/certificate.js';
import { Nullable } from '../http/schemas.js';
import type { ScoreResult, UnmetRequirement } from './scoring.js';

/** The API shape of a self-assessment result (POST /api/v1/self-assessment). */

const Stars = Type.Integer({ minimum: 1, maximum: 5 });

/**
 * A nullable scalar as `type: [T, "null"]` rather than `anyOf`: the response serializer picks an `anyOf`
 * branch by validating the value, which costs on every item of the unmet lists.
 */
function orNull<T extends 'string' | 'integer'>(type: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<(T extends 'string' ? string : number) | null>({ ...options, type: [type, 'null'] });
}

const Unmet = Type.Object({
  criterionId: Type.String(),
  forStars: Type.Integer({
    minimum: 3,
    maximum: 5,
    description: 'The level this requirement is tagged for.',
  }),
  needed: Type.String({ description: 'The least option that meets it.' }),
  minPoints: Type.Number(),
  chosen: orNull('string', { description: 'The option answered now; null when unanswered.' }),
});

const Step = Type.Object({
  criterionId: Type.String(),
  from: orNull('string'),
  to: Type.String(),
  points: Type.Number({ description: 'Points the step adds.' }),
  mandatory: Type.Boolean({ description: 'True when the step meets a star requirement of the next level.' }),
});

export const SelfAssessmentResult = Type.Object({
  scorecard: Type.Integer(),
  version: Type.String({ description: 'The criteria set version this result was computed with.' }),
  total: Type.Number({ description: 'Sum of the chosen options’ points (informative after a knock-out).' }),
  parts: Type.Object({ A: Type.Number(), B: Type.Number(), C: Type.Number() }),
  band: orNull('integer', { minimum: 1, maximum: 5, description: 'Star band of the total.' }),
  cap: orNull('integer', {
    minimum: 2,
    maximum: 5,
    description: 'Highest level whose requirements are met.',
  }),
  stars: orNull('integer', {
    minimum: 1,
    maximum: 5,
    description: 'min(band, cap); null after a knock-out.',
  }),
  certified: Type.Boolean({ description: 'True from 3★.' }),
  unmet: Type.Array(Unmet, { description: 'Requirements between this result and the next star.' }),
  unmetByLevel: Type.Object({ 3: Type.Array(Unmet), 4: Type.Array(Unmet), 5: Type.Array(Unmet) }),
  nextStar: Nullable(
    Type.Object({
      stars: Stars,
      pointsNeeded: Type.Number({ description: 'Points missing to the next band threshold.' }),
      cheapestSteps: Type.Array(Step, {
        description: 'Fewest criteria to improve, then fewest points added, that give the next star.',
      }),
      totalAfter: Type.Number(),
    }),
  ),
  knockOut: Nullable(
    Type.Object({
      criterionId: Type.String(),
      reason: Type.String(),
      text: Type.String(),
      effect: Type.Union([Type.Literal('eliminated'), Type.Literal('stopped')]),
    }),
  ),
});

export type SelfAssessmentOut = Static<typeof SelfAssessmentResult>;

export function presentSelfAssessment(result: ScoreResult): SelfAssessmentOut {
  const base = {
    scorecard: result.scorecardId,
    version: result.version,
    total: result.total,
    parts: result.parts,
  };
  if (result.kind === 'knocked_out') {
    return {
      ...base,
      band: null,
      cap: null,
      stars: null,
      certified: false,
      unmet: [],
      unmetByLevel: { 3: [], 4: [], 5: [] },
      nextStar: null,
      knockOut: result.knockOut,
    };
  }
  return {
    ...base,
    band: result.band,
    cap: result.cap,
    stars: result.stars,
    certified: result.stars >= MIN_CERTIFIED_STARS,
    unmet: result.unmet.map(presentUnmet),
    unmetByLevel: {
      3: result.unmetByLevel[3].map(presentUnmet),
      4: result.unmetByLevel[4].map(presentUnmet),
      5: result.unmetByLevel[5].map(presentUnmet),
    },
    nextStar: result.nextStar,
    knockOut: null,
  };
}

function presentUnmet(u: UnmetRequirement) {
  return {
    criterionId: u.criterionId,
    forStars: u.forStars,
    needed: u.needed,
    minPoints: u.minPoints,
    chosen: u.chosen,
  };
}
