import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProductListQuery } from '../catalog/product.routes.js';
import { todayInVietnam } from '../core/clock.js';
import { ErrorResponses } from '../http/schemas.js';
import { exportProducts, type ExportFormat } from './export.service.js';

/** The product list's filters, without paging: an export holds the whole filtered list. */
const ProductExportQuerySchema = Type.Omit(ProductListQuery, ['page', 'limit']);

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const exportRoutes: FastifyPluginAsyncTypebox = (app) => {
  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/products/export.${format}`,
      {
        schema: {
          summary: `Export the products list as ${format.toUpperCase()}`,
          description:
            'The same filters as GET /products; every matching product, with the columns of the import ' +
            '(`ocop import`), so that the file re-imports unchanged. Text starting with = + - @ is prefixed ' +
            "with ' so that spreadsheets do not run it.",
          tags: ['products'],
          querystring: ProductExportQuerySchema,
          produces: [CONTENT_TYPES[format]],
          response: {
            200: Type.Unknown({ description: `The ${format.toUpperCase()} file.` }),
            ...ErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const body = await exportProducts(request.ctx, request.query, format);
        const name = `ocop-san-pham-${todayInVietnam(request.ctx.clock)}.${format}`;
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(body);
      },
    );
  }
  return Promise.resolve();
};
