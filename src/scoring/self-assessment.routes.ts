import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValidationError } from '../core/errors.js';
import { ErrorResponses } from '../http/schemas.js';
import { duplicateKeys } from './json-duplicates.js';
import { SelfAssessmentResult, presentSelfAssessment } from './self-assessment.presenter.js';
import { selfAssess } from './self-assessment.service.js';

const CriterionId = Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Z][0-9A-Za-z]*$' });

const Body = Type.Object(
  {
    scorecard: Type.Integer({
      minimum: 1,
      maximum: 26,
      description: 'Scorecard (bộ sản phẩm) number, 1 to 26.',
    }),
    answers: Type.Record(Type.String(), Type.String({ maxLength: 24 }), {
      maxProperties: 200,
      description: 'Criterion id → chosen option id ({ "A1a": "A1a.3" }); at most one answer per criterion.',
    }),
    version: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'A loaded criteria set version ("148/2023"); the current one when absent.',
      }),
    ),
    knockOuts: Type.Optional(
      Type.Array(CriterionId, {
        maxItems: 20,
        uniqueItems: true,
        description:
          'Criteria whose knock-out note applies to the product (e.g. an invalid food-safety certificate).',
      }),
    ),
  },
  { additionalProperties: false },
);

const BODY_LIMIT = 64 * 1024;

export const selfAssessmentRoutes: FastifyPluginAsyncTypebox = (app) => {
  // This plugin's own JSON parser: same JSON, but a name given twice in one object (a criterion answered
  // twice) is refused instead of silently keeping the last value. Scoped to this plugin only.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => {
      const text = body as string;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        done(invalidJson((e as Error).message), undefined);
        return;
      }
      const twice = duplicateKeys(text);
      if (twice.length) {
        done(
          new ValidationError(
            twice.map(({ field }) => ({
              field,
              message: `${field}: được trả lời hai lần`,
              messageEn: `${field}: given twice`,
            })),
          ),
          undefined,
        );
        return;
      }
      done(null, value);
    },
  );

  app.post(
    '/self-assessment',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Score a sheet before applying: the star it would get and what stands before the next one',
        description:
          'Nothing is stored. The result names the criteria set version it was computed with; pass `version` ' +
          'to compute against an earlier loaded version. Every refusal names its field (`answers.<criterionId>`).',
        tags: ['scoring'],
        body: Body,
        response: { 200: SelfAssessmentResult, ...ErrorResponses },
      },
    },
    async (request) => {
      const { scorecard, answers, version, knockOuts } = request.body;
      const input = {
        scorecard,
        answers,
        ...(version !== undefined ? { version } : {}),
        ...(knockOuts ? { knockOuts } : {}),
      };
      const result = await selfAssess(request.ctx, input, app.changeTracker.version());
      return presentSelfAssessment(result);
    },
  );
  return Promise.resolve();
};

function invalidJson(why: string): ValidationError {
  return new ValidationError([
    {
      field: '(body)',
      message: `Nội dung không phải JSON hợp lệ: ${why}`,
      messageEn: `The body is not valid JSON: ${why}`,
    },
  ]);
}
