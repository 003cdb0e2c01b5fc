import { Readable } from 'node:stream';
import { DomainError } from '../core/errors.js';
import type { Cell } from './cells.js';
import { readCsvRows } from './csv-reader.js';

/**
 * Turns the bytes of an uploaded file into rows of cells, after checking by content (never by name) that it is
 * what it claims: XLSX is a ZIP ("PK\x03\x04") holding [Content_Types].xml and ending with its central
 * directory; CSV is UTF-8 text. Every refusal is a DomainError in Vietnamese and English.
 */
export interface SheetRow {
  /** The row number a spreadsheet program shows (XLSX) or the physical line (CSV). */
  line: number;
  cells: Cell[];
}

export type FileFormat = 'xlsx' | 'csv';

export const DEFAULT_SIZE_LIMIT = 20 * 1024 * 1024;

export function fileError(vi: string, en: string): DomainError {
  return new DomainError('validation_failed', vi, en);
}

export function checkSize(size: number, limit: number): void {
  if (size > limit) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw fileError(
      `Tệp quá lớn: ${mb(size)} MB, giới hạn ${mb(limit)} MB.`,
      `The file is too large: ${mb(size)} MB, the limit is ${mb(limit)} MB.`,
    );
  }
}

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Decides the format from the content; the name only sharpens the message. */
export function sniffFormat(bytes: Buffer, fileName: string): FileFormat {
  const claimsXlsx = /\.xlsx$/i.test(fileName);
  if (bytes.length === 0) throw fileError('Tệp rỗng.', 'The file is empty.');
  if (bytes.subarray(0, 4).equals(OLE)) {
    throw fileError(
      'Đây là tệp Excel cũ (.xls); hãy lưu lại dưới dạng .xlsx hoặc CSV UTF-8.',
      'This is an old Excel file (.xls); save it as .xlsx or CSV UTF-8.',
    );
  }
  if (bytes.subarray(0, 4).equals(ZIP_LOCAL)) {
    // The end-of-central-directory record sits in the last 64 KiB; a cut file has lost it.
    if (!bytes.subarray(Math.max(0, bytes.length - 65_557)).includes(ZIP_END)) {
      throw fileError(
        'Tệp XLSX bị hỏng hoặc không đầy đủ (bị cắt cụt); hãy tải lên lại tệp gốc.',
        'The XLSX file is damaged or incomplete (truncated); upload the original file again.',
      );
    }
    if (!bytes.includes('[Content_Types].xml')) {
      throw fileError(
        'Tệp nén ZIP này không phải bảng tính Excel (.xlsx).',
        'This ZIP archive is not an Excel workbook (.xlsx).',
      );
    }
    return 'xlsx';
  }
  if (claimsXlsx) {
    throw fileError(
      `Tệp "${fileName}" không phải bảng tính Excel: nội dung không phải định dạng XLSX (có thể chỉ bị đổi tên).`,
      `"${fileName}" is not an Excel workbook: its content is not XLSX (it may only have been renamed).`,
    );
  }
  return 'csv';
}

export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(
      'Tệp CSV không phải văn bản UTF-8; trong Excel hãy chọn "CSV UTF-8 (Comma delimited)".',
      'The CSV file is not UTF-8 text; in Excel choose "CSV UTF-8 (Comma delimited)".',
    );
  }
  if (text.includes('\u0000')) {
    throw fileError(
      'Tệp không phải văn bản CSV hay bảng tính.',
      'The file is neither CSV text nor a workbook.',
    );
  }
  return text;
}

/** The rows of every sheet, sheet by sheet (the caller stops at the first one with a header). */
export async function* readSheets(bytes: Buffer, format: FileFormat): AsyncGenerator<SheetRow[]> {
  if (format === 'csv') {
    yield readCsvRows(decodeCsv(bytes)).map((r) => ({ line: r.line, cells: r.fields }));
    return;
  }
  // The streaming reader keeps one row at a time (plus shared strings) instead of the whole workbook model.
  const { default: ExcelJS } = await import('exceljs'); // loaded on demand (half a second)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let yielded = false;
  try {
    for await (const sheet of reader) {
      const rows: SheetRow[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        rows.push({ line: row.number, cells: Array.from(values.slice(1), toCell) });
      }
      yielded = true;
      yield rows;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // exceljs's streaming reader sometimes fails inside the library ("reading 'sheets'") depending on when it
    // meets the zip's parts; the in-memory reader does not depend on that order, so it gets a second try.
    if (e instanceof TypeError && !yielded) {
      yield* readWholeWorkbook(ExcelJS, bytes);
      return;
    }
    throw fileError(
      `Không đọc được tệp XLSX (tệp hỏng): ${(e as Error).message}`,
      `The XLSX file cannot be read (damaged file): ${(e as Error).message}`,
    );
  }
}

/** exceljs values: text, numbers, dates, rich text, formulas (their cached result), hyperlinks, errors. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return toCell(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return null;
}

async function* readWholeWorkbook(
  ExcelJS: typeof import('exceljs'),
  bytes: Buffer,
): AsyncGenerator<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw fileError(
      `Không đọc được tệp XLSX (tệp hỏng): ${(e as Error).message}`,
      `The XLSX file cannot be read (damaged file): ${(e as Error).message}`,
    );
  }
  for (const sheet of workbook.worksheets) {
    const rows: SheetRow[] = [];
    sheet.eachRow((row) => {
      rows.push({ line: row.number, cells: Array.from((row.values as unknown[]).slice(1), toCell) });
    });
    yield rows;
  }
}
