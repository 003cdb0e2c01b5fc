import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponses, PageQuery, listOf } from '../http/schemas.js';
import {
  ScorecardDetail,
  ScorecardSummary,
  presentScorecardDetail,
  presentScorecardSummary,
} from './scorecard.presenter.js';
import { browseScorecards, getScorecard } from './scorecard.service.js';
import { SECTOR_CODES } from './taxonomy.js';

const ListQuery = Type.Object(
  {
    sector: Type.Optional(
      Type.Union(
        SECTOR_CODES.map((c) => Type.Literal(c)),
        { description: 'Sector (ngành) I–VI: food, drinks, herbal, handicraft, ornamental, tourism.' },
      ),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.Integer({ description: 'Scorecard number, 1 to 26.' }) });

export const scorecardRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/scorecards',
    {
      schema: {
        summary: 'The 26 OCOP scorecards (bộ sản phẩm) of Decision 148/QĐ-TTg',
        tags: ['scorecards'],
        querystring: ListQuery,
        response: { 200: listOf(ScorecardSummary), ...ErrorResponses },
      },
    },
    async (request) => {
      const { rows, total, page, limit } = await browseScorecards(request.ctx, request.query);
      return { items: rows.map(presentScorecardSummary), total, page, limit };
    },
  );

  app.get(
    '/scorecards/:id',
    {
      schema: {
        summary: 'One scorecard with its criteria, options, star requirements and applied corrections',
        tags: ['scorecards'],
        params: IdParams,
        response: { 200: ScorecardDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const { row, set, corrections } = await getScorecard(request.ctx, request.params.id);
      return presentScorecardDetail(row, set, corrections);
    },
  );
  return Promise.resolve();
};
