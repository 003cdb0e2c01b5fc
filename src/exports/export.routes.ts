import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TObject } from 'typebox';
import { ProducerListQuery } from '../catalog/producer.routes.js';
import { ProductListQuery } from '../catalog/product.routes.js';
import { CertificateListQuery } from '../certificates/certificate.routes.js';
import { SalesPointListQuery } from '../sales-points/sales-point.routes.js';
import { CraftVillageListQuery } from '../villages/craft-village.routes.js';
import { todayInVietnam } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { ErrorResponses } from '../http/schemas.js';
import {
  exportCertificates,
  exportCraftVillages,
  exportProducers,
  exportProducts,
  exportSalesPoints,
  type ExportFormat,
} from './export.service.js';

/** Each list's own filters, without paging: an export holds the whole filtered list. */
const ProductExportQuery = Type.Omit(ProductListQuery, ['page', 'limit']);

const ProducerExportQuery = Type.Omit(ProducerListQuery, ['page', 'limit']);
const CertificateExportQuery = Type.Omit(CertificateListQuery, ['page', 'limit']);
const CraftVillageExportQuery = Type.Omit(CraftVillageListQuery, ['page', 'limit']);
const SalesPointExportQuery = Type.Omit(SalesPointListQuery, ['page', 'limit']);

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

interface ListExport<S extends TObject> {
  /** The list's path: the export is `${path}/export.xlsx|csv`, a static route that `${path}/:id` never takes. */
  path: string;
  what: string;
  tag: string;
  /** The downloaded file's name, before the date. */
  fileName: string;
  description: string;
  querystring: S;
  write: (ctx: Ctx, q: Static<S>, format: ExportFormat) => Promise<Buffer>;
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

const NEUTRALIZED = "Text starting with = + - @ is prefixed with ' so that spreadsheets do not run it.";
const REIMPORTS =
  'with the columns of the import (`ocop import`), so that the file re-imports unchanged. ' + NEUTRALIZED;

function exportRoute<S extends TObject>(app: App, list: ListExport<S>): void {
  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `${list.path}/export.${format}`,
      {
        schema: {
          summary: `Export the ${list.what} list as ${format.toUpperCase()}`,
          description: `The same filters as GET ${list.path}, without paging: ${list.description}`,
          tags: [list.tag],
          querystring: list.querystring,
          produces: [CONTENT_TYPES[format]],
          response: {
            200: Type.Unknown({ description: `The ${format.toUpperCase()} file.` }),
            ...ErrorResponses,
          },
        },
      },
      async (request, reply) => {
        // Validated against `querystring` above; the type provider cannot follow the generic schema.
        const body = await list.write(request.ctx, request.query as Static<S>, format);
        const name = `ocop-${list.fileName}-${todayInVietnam(request.ctx.clock)}.${format}`;
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(body);
      },
    );
  }
}

/** Anyone who may read a list may export it: the same rows, demo filter included, as the list's pages. */
export const exportRoutes: FastifyPluginAsyncTypebox = (app) => {
  exportRoute(app, {
    path: '/products',
    what: 'products',
    tag: 'products',
    fileName: 'san-pham',
    description: `every matching product, ${REIMPORTS}`,
    querystring: ProductExportQuery,
    write: exportProducts,
  });
  exportRoute(app, {
    path: '/producers',
    what: 'producers',
    tag: 'producers',
    fileName: 'chu-the',
    description: `every matching producer entity with its contacts, address, commune and number of products. ${NEUTRALIZED}`,
    querystring: ProducerExportQuery,
    write: exportProducers,
  });
  exportRoute(app, {
    path: '/certificates',
    what: 'certificates',
    tag: 'certificates',
    fileName: 'giay-chung-nhan',
    description: `every matching certificate (superseded and revoked ones too), ${REIMPORTS}`,
    querystring: CertificateExportQuery,
    write: exportCertificates,
  });
  exportRoute(app, {
    path: '/craft-villages',
    what: 'craft villages',
    tag: 'craft villages',
    fileName: 'lang-nghe',
    description: `every matching craft village with its commune, craft and recognition. ${NEUTRALIZED}`,
    querystring: CraftVillageExportQuery,
    write: exportCraftVillages,
  });
  exportRoute(app, {
    path: '/sales-points',
    what: 'sales points',
    tag: 'sales points',
    fileName: 'diem-ban',
    description: `every matching sales point with its place, coordinates, operator and contacts. ${NEUTRALIZED}`,
    querystring: SalesPointExportQuery,
    write: exportSalesPoints,
  });
  return Promise.resolve();
};
