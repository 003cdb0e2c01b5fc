import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { listProducers, type ProducerRow } from '../catalog/producer.repository.js';
import type { ProducerQuery } from '../catalog/producer.service.js';
import { listProducts, type ProductRow } from '../catalog/product.repository.js';
import type { ProductQuery } from '../catalog/product.service.js';
import { listCertificates, type CertificateRow } from '../certificates/certificate.repository.js';
import type { CertificateQuery } from '../certificates/certificate.service.js';
import { todayInVietnam } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import type { PageRequest } from '../db/paging.js';
import { listSalesPoints } from '../sales-points/sales-point.repository.js';
import type { SalesPointQuery } from '../sales-points/sales-point.service.js';
import { listCraftVillages } from '../villages/craft-village.repository.js';
import type { CraftVillageQuery } from '../villages/craft-village.service.js';
import {
  CERTIFICATE_SHEET,
  CRAFT_VILLAGE_SHEET,
  PRODUCER_SHEET,
  PRODUCT_SHEET,
  SALES_POINT_SHEET,
  type CertificateExportRow,
  type RegistryRow,
} from './export.columns.js';
import { certificateExportDetails, exportDetails } from './export.repository.js';
import { writeSheet, type ExportFormat } from './export.sheet.js';

/**
 * Lists as spreadsheets (issue 4): each public list, with the same filters as its endpoint and no paging. The
 * rows come from the list's own repository query, page by page, so an export holds exactly what the list shows;
 * the columns are in export.columns.ts, the file is made by export.sheet.ts.
 */
export type { ExportFormat } from './export.sheet.js';

type Unpaged<Q> = Omit<Q, 'page' | 'limit'>;
export type ProductExportQuery = Unpaged<ProductQuery>;
export type ProducerExportQuery = Unpaged<ProducerQuery>;
export type CertificateExportQuery = Unpaged<CertificateQuery>;
export type CraftVillageExportQuery = Unpaged<CraftVillageQuery>;
export type SalesPointExportQuery = Unpaged<SalesPointQuery>;

const PAGE = 5000;

/** Every row of a list, in its order, a page at a time. */
async function* allPages<R>(
  fetch: (page: PageRequest) => Promise<{ rows: R[]; total: number }>,
  progress: Progress,
): AsyncGenerator<R> {
  let n = 0;
  for (let page = 1; ; page++) {
    const { rows, total } = await fetch({ page, limit: PAGE });
    for (const row of rows) yield row;
    n += rows.length;
    progress(n, total, 'Xuất / Exporting');
    if (rows.length < PAGE) return;
  }
}

/** An old commune or district stands for the 2025 communes that replaced it, as in the lists. */
async function communesOf(ctx: Ctx, commune: string | undefined): Promise<string[] | undefined> {
  return commune === undefined ? undefined : ((await currentCommunesOf(ctx, commune)) ?? undefined);
}

export async function exportProducts(
  ctx: Ctx,
  q: ProductExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const today = todayInVietnam(ctx.clock);
  const filters = { ...q, communes: await communesOf(ctx, q.commune) };
  const rows = allPages(async (page) => {
    const { rows, total } = await listProducts(ctx, filters, q.sort ?? 'name', page, today);
    const details = await exportDetails(
      ctx,
      rows.map((r) => r.id),
    );
    const byId = new Map(details.map((d) => [d.id, d]));
    return { rows: rows.map((r) => productRegistryRow(r, byId.get(r.id))), total };
  }, progress);
  return writeSheet(PRODUCT_SHEET, rows, format);
}

type ProductDetails = Awaited<ReturnType<typeof exportDetails>>[number] | undefined;

/** Products without a certificate have empty certificate columns (and do not re-import: stars are required). */
function productRegistryRow(row: ProductRow, d: ProductDetails): RegistryRow {
  return {
    product: row.name_vi,
    producer: row.producer_name,
    address: d?.producer_address ?? '',
    communeCode: d?.producer_commune_id ?? row.commune_id,
    registrationNumber: d?.registration_number ?? null,
    stars: row.cert_stars,
    score: row.cert_score,
    scorecardId: row.scorecard_id,
    level: row.cert_level,
    decisionNumber: d?.decision_number ?? null,
    decisionDate: d?.decision_date ?? null,
    issuedOn: row.cert_issued_on,
    certificateNumber: row.cert_number,
  };
}

/** Every certificate of the list (superseded and revoked ones too), one appendix row each. */
export async function exportCertificates(
  ctx: Ctx,
  q: CertificateExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const today = todayInVietnam(ctx.clock);
  const filters = { ...q, status: q.certificate, communes: await communesOf(ctx, q.commune) };
  const rows = allPages(async (page) => {
    const { rows, total } = await listCertificates(ctx, filters, q.sort ?? '-issuedOn', page, today);
    const details = await certificateExportDetails(
      ctx,
      rows.map((r) => r.id),
    );
    const byId = new Map(details.map((d) => [d.id, d]));
    return { rows: rows.flatMap((r) => certificateRow(r, byId.get(r.id))), total };
  }, progress);
  return writeSheet(CERTIFICATE_SHEET, rows, format);
}

type CertificateDetails = Awaited<ReturnType<typeof certificateExportDetails>>[number] | undefined;

function certificateRow(c: CertificateRow, d: CertificateDetails): CertificateExportRow[] {
  if (!d) return []; // deleted between the two queries
  return [
    {
      product: c.product_name_vi,
      producer: c.producer_name,
      address: d.producer_address,
      communeCode: d.producer_commune_id,
      registrationNumber: d.registration_number,
      stars: c.stars,
      score: c.score,
      scorecardId: d.scorecard_id,
      level: c.level,
      decisionNumber: c.decision_number,
      decisionDate: c.decision_date,
      issuedOn: c.issued_on,
      certificateNumber: c.number,
      expiresOn: c.expires_on,
      revokedOn: c.revoked_on,
    },
  ];
}

export async function exportProducers(
  ctx: Ctx,
  q: ProducerExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const filters = { ...q, communes: await communesOf(ctx, q.commune) };
  const rows = allPages<ProducerRow>((page) => listProducers(ctx, filters, q.sort ?? 'name', page), progress);
  return writeSheet(PRODUCER_SHEET, rows, format);
}

export async function exportCraftVillages(
  ctx: Ctx,
  q: CraftVillageExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const filters = { ...q, communes: await communesOf(ctx, q.commune) };
  const rows = allPages((page) => listCraftVillages(ctx, filters, q.sort ?? 'name', page), progress);
  return writeSheet(CRAFT_VILLAGE_SHEET, rows, format);
}

export async function exportSalesPoints(
  ctx: Ctx,
  q: SalesPointExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const filters = { ...q, communes: await communesOf(ctx, q.commune) };
  const rows = allPages((page) => listSalesPoints(ctx, filters, q.sort ?? 'name', page), progress);
  return writeSheet(SALES_POINT_SHEET, rows, format);
}

/** The lists that export, by the name the CLI and the routes use. */
export const EXPORTS = {
  products: exportProducts,
  producers: exportProducers,
  certificates: exportCertificates,
  'craft-villages': exportCraftVillages,
  'sales-points': exportSalesPoints,
} as const;
export type ExportList = keyof typeof EXPORTS;
