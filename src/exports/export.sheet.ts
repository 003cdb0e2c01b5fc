import { PassThrough } from 'node:stream';
import { neutralizeFormula } from '../imports/cells.js';
import { csvField } from '../imports/csv-reader.js';

/**
 * One writer for every list: a list declares its columns (header, width, how to read a row) and hands over its
 * rows as they come from the database; the writer makes the XLSX or CSV. Text that a spreadsheet would run as
 * a formula is neutralized here, once, for every list (imports/cells.ts: neutralizeFormula).
 */
export type ExportFormat = 'xlsx' | 'csv';

export type ExportCell = string | number | Date | null;

export interface ExportColumn<T> {
  /** Vietnamese, as users and the importer (imports/columns.ts) read it. */
  header: string;
  /** Characters; 22 when not given. */
  width?: number;
  /** An ISO date (yyyy-mm-dd): an Excel date in XLSX, dd/mm/yyyy in CSV. */
  date?: boolean;
  /** `n` is the row's number in the file, from 1 (the STT column). */
  value: (row: T, n: number) => ExportCell;
}

export interface SheetSpec<T> {
  sheetName: string;
  columns: ReadonlyArray<ExportColumn<T>>;
}

/** The file's bytes. XLSX goes through exceljs's streaming writer (rows are not kept as a workbook model). */
export async function writeSheet<T>(
  spec: SheetSpec<T>,
  rows: AsyncIterable<T>,
  format: ExportFormat,
): Promise<Buffer> {
  const cells = cellsOf(spec.columns, rows);
  return format === 'csv' ? toCsv(spec.columns, cells) : toXlsx(spec, cells);
}

async function* cellsOf<T>(
  columns: ReadonlyArray<ExportColumn<T>>,
  rows: AsyncIterable<T>,
): AsyncGenerator<ExportCell[]> {
  let n = 0;
  for await (const row of rows) {
    n++;
    yield columns.map((c) => {
      const v = c.value(row, n);
      return typeof v === 'string' && !c.date ? neutralizeFormula(v) : v;
    });
  }
}

async function toCsv<T>(
  columns: ReadonlyArray<ExportColumn<T>>,
  rows: AsyncIterable<ExportCell[]>,
): Promise<Buffer> {
  // The BOM makes Excel read UTF-8; dates as dd/mm/yyyy, the way Vietnamese users type them.
  const lines = [`\uFEFF${columns.map((c) => csvField(c.header)).join(',')}`];
  for await (const r of rows) {
    lines.push(
      r
        .map((v, i) => {
          if (v === null) return '';
          if (typeof v === 'string' && columns[i]?.date === true) return dmy(v);
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

async function toXlsx<T>(spec: SheetSpec<T>, rows: AsyncIterable<ExportCell[]>): Promise<Buffer> {
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
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width ?? 22,
    ...(c.date === true ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  for await (const r of rows) {
    ws.addRow(
      r.map((v, i) =>
        typeof v === 'string' && spec.columns[i]?.date === true ? new Date(`${v}T00:00:00Z`) : v,
      ),
    ).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
