import type { Locale } from '../core/context.js';
import { neutralizeFormula } from '../imports/cells.js';
import {
  appendixColumns,
  appendixValues,
  attachedToLine,
  placeAndDate,
  type AppendixColumn,
  type DecisionDocument,
} from './appendix.js';
import { dateOf, LABELS } from './labels.js';

type Worksheet = import('exceljs').Worksheet;

/** Rows above the table: heading (2), blank, "PHỤ LỤC", title, "(Kèm theo …)", blank; the header row follows. */
const HEADER_ROW = 8;
// Decree 30/2020/NĐ-CP sets Times New Roman for administrative documents; every office has it.
const FONT = 'Times New Roman';

/**
 * The appendix as a spreadsheet: the same columns as the PDF, scores and stars as numbers (so officials can
 * sort and total them), the header row frozen on screen and repeated on every printed page, A4 landscape.
 * Text that a spreadsheet would run as a formula is neutralized as in exports (imports/cells.ts).
 */
export async function decisionAppendixXlsx(
  decision: DecisionDocument,
  locale: Locale = 'vi',
): Promise<Buffer> {
  // exceljs takes a while to load: only the callers that write spreadsheets pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const date = dateOf(decision.date);
  wb.creator = decision.issuer;
  wb.lastModifiedBy = decision.issuer;
  wb.title = `${LABELS.appendix[locale]} - ${decision.title}`;
  wb.subject = decision.number;
  wb.created = date;
  wb.modified = date;
  const columns = appendixColumns(decision);
  const ws = wb.addWorksheet(LABELS.sheetName[locale], {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${String(HEADER_ROW)}:${String(HEADER_ROW)}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C${LABELS.page[locale]} &P${LABELS.pageOf[locale]}&N` },
  });
  // A4 is 9 in exceljs's PaperSize, a const enum that isolated modules cannot read: set as a plain number.
  Object.assign(ws.pageSetup, { paperSize: 9 });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.chars }));
  writeTitle(ws, decision, locale, columns.length);
  writeTable(ws, decision, locale, columns);
  if (decision.signer) writeSigner(ws, decision.signer, columns.length);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(value: string): string {
  return neutralizeFormula(value);
}

function merged(
  ws: Worksheet,
  row: number,
  from: number,
  to: number,
  value: string,
  bold: boolean,
  italic = false,
) {
  ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = text(value);
  cell.font = { name: FONT, size: 12, bold, italic };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function writeTitle(ws: Worksheet, decision: DecisionDocument, locale: Locale, width: number): void {
  const half = Math.max(1, Math.floor(width / 2) - 1);
  merged(ws, 1, 1, half, decision.issuer, true);
  merged(ws, 1, half + 1, width, LABELS.nation[locale], true);
  merged(ws, 2, half + 1, width, LABELS.motto[locale], true);
  merged(ws, 3, half + 1, width, placeAndDate(decision, locale), false, true);
  merged(ws, 4, 1, width, LABELS.appendix[locale], true);
  merged(ws, 5, 1, width, decision.title, true);
  merged(ws, 6, 1, width, attachedToLine(decision, locale), false, true);
  ws.getRow(5).height = 32;
}

const BORDER = { style: 'thin' } as const;
const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

function writeTable(
  ws: Worksheet,
  decision: DecisionDocument,
  locale: Locale,
  columns: AppendixColumn[],
): void {
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header[locale];
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = BORDERS;
  });
  decision.rows.forEach((r, index) => {
    const values = appendixValues(r, index);
    const row = ws.getRow(HEADER_ROW + 1 + index);
    columns.forEach((c, i) => {
      const v = values[c.key];
      const cell = row.getCell(i + 1);
      // An empty text (no certificate yet, no note) stays an empty cell, not an empty string.
      cell.value = v === '' ? null : typeof v === 'string' ? text(v) : v;
      if (c.key === 'score') cell.numFmt = '0.00';
      cell.font = { name: FONT, size: 11 };
      cell.alignment = { horizontal: c.align, vertical: 'top', wrapText: true };
      cell.border = BORDERS;
    });
  });
}

function writeSigner(ws: Worksheet, signer: { title: string; name: string }, width: number): void {
  const first = ws.rowCount + 2;
  const from = Math.max(1, width - 3);
  merged(ws, first, from, width, signer.title, true);
  ws.getRow(first).height = 32;
  merged(ws, first + 4, from, width, signer.name, true);
}
