import { PassThrough } from 'node:stream';
import type { ProductQuery } from '../catalog/product.service.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { listProducts, type ProductRow } from '../catalog/product.repository.js';
import { todayInVietnam } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import { LEVEL_LABELS, neutralizeFormula } from '../imports/cells.js';
import { COLUMNS, type ColumnKey } from '../imports/columns.js';
import { csvField } from '../imports/csv-reader.js';
import { scorecardInfo } from '../scorecards/taxonomy.js';
import { exportDetails } from './export.repository.js';

/**
 * Lists as spreadsheets (issue 4). A product export has the import's columns — plus the certificate number,
 * the producer's registration number and the 2025 commune code — so that importing it back changes nothing.
 * Text that a spreadsheet would run as a formula is neutralized (imports/cells.ts: neutralizeFormula).
 */
export type ExportFormat = 'xlsx' | 'csv';
export type ProductExportQuery = Omit<ProductQuery, 'page' | 'limit'>;

type ExportCell = string | number | Date | null;

const ORDER: ColumnKey[] = [
  'stt',
  'product',
  'producer',
  'address',
  'communeCode',
  'registrationNumber',
  'stars',
  'score',
  'scorecard',
  'level',
  'decisionNumber',
  'decisionDate',
  'issuedOn',
  'certificateNumber',
];
const HEADERS = ORDER.map((k) => COLUMNS.find((c) => c.key === k)?.header ?? k);
const DATE_COLUMNS = new Set(['decisionDate', 'issuedOn'].map((k) => ORDER.indexOf(k as ColumnKey)));

const PAGE = 5000;

/** The rows of the export, in the list's order, page by page. */
async function* productRows(
  ctx: Ctx,
  q: ProductExportQuery,
  progress: Progress,
): AsyncGenerator<ExportCell[]> {
  const today = todayInVietnam(ctx.clock);
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const filters = { ...q, communes: communes ?? undefined };
  let n = 0;
  for (let page = 1; ; page++) {
    const { rows, total } = await listProducts(ctx, filters, q.sort ?? 'name', { page, limit: PAGE }, today);
    const details = new Map(
      (
        await exportDetails(
          ctx,
          rows.map((r) => r.id),
        )
      ).map((d) => [d.id, d]),
    );
    for (const row of rows) {
      const d = details.get(row.id);
      yield cellsOf(++n, row, d);
    }
    progress(n, total, 'Xuất / Exporting');
    if (rows.length < PAGE) return;
  }
}

type Details = Awaited<ReturnType<typeof exportDetails>>[number] | undefined;

function cellsOf(n: number, row: ProductRow, d: Details): ExportCell[] {
  const card = scorecardInfo(row.scorecard_id);
  const values: Record<ColumnKey, ExportCell> = {
    stt: n,
    product: row.name_vi,
    producer: row.producer_name,
    address: d?.producer_address ?? '',
    communeCode: d?.producer_commune_id ?? row.commune_id,
    registrationNumber: d?.registration_number ?? null,
    stars: row.cert_stars,
    score: row.cert_score,
    scorecard: card ? `${card.id} - ${card.nameVi}` : row.scorecard_id,
    level: row.cert_level ? LEVEL_LABELS[row.cert_level] : null,
    decisionNumber: d?.decision_number ?? null,
    decisionDate: d?.decision_date ?? null,
    issuedOn: row.cert_issued_on,
    certificateNumber: row.cert_number,
  };
  return ORDER.map((k) => {
    const v = values[k];
    return typeof v === 'string' ? neutralizeFormula(v) : v;
  });
}

/** The file's bytes. XLSX goes through exceljs's streaming writer (rows are not kept as a workbook model). */
export async function exportProducts(
  ctx: Ctx,
  q: ProductExportQuery,
  format: ExportFormat,
  progress: Progress = noProgress,
): Promise<Buffer> {
  const rows = productRows(ctx, q, progress);
  return format === 'csv' ? toCsv(rows) : toXlsx(rows, 'Sản phẩm OCOP');
}

async function toCsv(rows: AsyncIterable<ExportCell[]>): Promise<Buffer> {
  // The BOM makes Excel read UTF-8; dates as dd/mm/yyyy, the way Vietnamese users type them.
  const lines = [`\uFEFF${HEADERS.map((h) => csvField(h)).join(',')}`];
  for await (const r of rows) {
    lines.push(
      r
        .map((v, i) => {
          if (v === null) return '';
          if (typeof v === 'string' && DATE_COLUMNS.has(i)) return dmy(v);
          return csvField(v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
        })
        .join(','),
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

async function toXlsx(rows: AsyncIterable<ExportCell[]>, sheetName: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // exceljs takes half a second to load: only exports and imports pay for it, not every start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HEADERS.map((header, i) => ({
    header,
    width: i === 0 ? 6 : 22,
    ...(DATE_COLUMNS.has(i) ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  for await (const r of rows) {
    ws.addRow(
      r.map((v, i) => (typeof v === 'string' && DATE_COLUMNS.has(i) ? new Date(`${v}T00:00:00Z`) : v)),
    ).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
