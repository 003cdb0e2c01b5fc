import { isIsoDate } from '../certificates/certificate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import { editDistance } from '../places/address-parse.js';
import { SCORECARDS } from '../scorecards/taxonomy.js';

/**
 * Reading one cell of an appendix. Cells arrive as what the reader gives: text, a number, a Date (an Excel
 * date), or null. Each reader returns the value or a reason in both languages.
 */
export type Cell = string | number | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; vi: string; en: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(vi: string, en: string): Parsed<T> => ({ ok: false, vi, en });

/**
 * Exports neutralize text that a spreadsheet would read as a formula (= + - @, and tab or carriage return
 * that some programs skip before one) by prefixing a single quote (OWASP's advice for CSV injection).
 * The importer takes the quote off again, so an export re-imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function restoreFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * An appendix repeats the same addresses, decisions and scorecards thousands of times, and normalizing
 * Vietnamese text costs a few dozen regular expressions: results are remembered (bounded).
 */
function memo(fn: (s: string) => string, max = 50_000): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let out = seen.get(s);
    if (out === undefined) {
      if (seen.size >= max) seen.clear();
      out = fn(s);
      seen.set(s, out);
    }
    return out;
  };
}

const ASCII = /^[\x20-\x7e]*$/;
const normalize = memo((s) => (ASCII.test(s) ? s.replace(/\s+/g, ' ').trim() : normalizeVi(s)));
/** foldVi, remembered. */
export const fold = memo(foldVi);

/** The cell as trimmed, normalized text ('' for an empty cell). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return String(cell);
  return normalize(restoreFormula(cell.trim()));
}

const STARS_TEXT = /^([0-9]+)\s*(?:sao|\*|★|☆|stars?)?$/u;

/** 4, "4", "4 sao", "4★", "4*", "★★★★"; only 3 to 5 are certified. */
export function parseStars(cell: Cell): Parsed<3 | 4 | 5> {
  const text = typeof cell === 'number' ? String(cell) : cellText(cell).toLowerCase();
  if (text === '') return bad('thiếu số sao', 'stars missing');
  const symbols = /^[★☆*]+$/u.exec(text);
  const m = STARS_TEXT.exec(text);
  const n = symbols ? Array.from(text).length : m ? Number(m[1]) : Number.NaN;
  if (n === 3 || n === 4 || n === 5) return ok(n);
  return bad(
    `số sao "${text}" không hợp lệ (chỉ công nhận 3, 4 hoặc 5 sao)`,
    `stars "${text}" are not valid (only 3, 4 or 5 stars are certified)`,
  );
}

/** Out of 100, comma or point decimals; optional (null when empty). */
export function parseScore(cell: Cell): Parsed<number | null> {
  if (typeof cell === 'number') return scoreInRange(cell, String(cell));
  const text = cellText(cell);
  if (text === '') return ok(null);
  const n = /^[0-9]+([.,][0-9]+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
  return scoreInRange(n, text);
}

function scoreInRange(n: number, text: string): Parsed<number | null> {
  if (Number.isFinite(n) && n >= 0 && n <= 100) return ok(Math.round(n * 100) / 100);
  return bad(`điểm "${text}" không hợp lệ (0–100)`, `score "${text}" is not valid (0–100)`);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const WORDS = /^ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$/;

/** An Excel date (a Date, or its serial number) or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd). */
export function parseDate(cell: Cell, what: [string, string]): Parsed<string | null> {
  if (cell instanceof Date) {
    return isNaN(cell.getTime())
      ? bad(`${what[0]} không hợp lệ`, `${what[1]} is not valid`)
      : ok(isoOf(cell));
  }
  if (typeof cell === 'number') {
    // Serial days since 1899-12-30 (Excel's 1900 leap-year bug only shifts dates before March 1900).
    if (cell < 1 || cell > 2958465)
      return bad(`${what[0]} "${cell}" không hợp lệ`, `${what[1]} "${cell}" is not valid`);
    return ok(new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10));
  }
  const text = cellText(cell);
  if (text === '') return ok(null);
  const dmy = DMY.exec(text) ?? WORDS.exec(fold(text));
  const ymd = YMD.exec(text);
  const iso = dmy ? `${dmy[3]}-${pad(dmy[2])}-${pad(dmy[1])}` : ymd ? text : '';
  if (iso !== '' && isIsoDate(iso)) return ok(iso);
  return bad(
    `${what[0]} "${text}" không hợp lệ (dạng ngày/tháng/năm, ví dụ 15/03/2024)`,
    `${what[1]} "${text}" is not a valid date (day/month/year, e.g. 15/03/2024)`,
  );
}

function pad(s: string | undefined): string {
  return (s ?? '').padStart(2, '0');
}

function isoOf(d: Date): string {
  // Excel dates carry no zone: readers give them at UTC midnight; a local-midnight Date rounds to its day.
  const shifted = d.getUTCHours() >= 12 ? new Date(d.getTime() + 12 * 3600_000) : d;
  return shifted.toISOString().slice(0, 10);
}

const FOLDED_SCORECARDS = SCORECARDS.map((s) => ({ id: s.id, folded: foldVi(s.nameVi) }));

/**
 * "Bộ sản phẩm": its number 1–26 ("21", "Bộ 21", "21 - Thủ công…") or its name, accents optional and a typo
 * or two forgiven.
 */
export function parseScorecard(cell: Cell): Parsed<number> {
  const text = typeof cell === 'number' ? String(cell) : cellText(cell);
  if (text === '') return bad('thiếu bộ sản phẩm', 'scorecard missing');
  const folded = fold(text);
  const numbered = /^(?:bo\s*(?:san pham|sp)?\s*(?:so)?\s*)?(\d{1,2})(?:\s|$)/.exec(folded);
  if (numbered) {
    const id = Number(numbered[1]);
    if (id >= 1 && id <= 26) return ok(id);
  } else {
    const name = folded.replace(/^bo\s+(san pham\s+)?/, '');
    const exact = FOLDED_SCORECARDS.find((s) => s.folded === name);
    if (exact) return ok(exact.id);
    const near = FOLDED_SCORECARDS.map((s) => ({ id: s.id, d: editDistance(s.folded, name) })).sort(
      (a, b) => a.d - b.d,
    );
    const [best, second] = near;
    if (best && best.d <= Math.max(2, Math.floor(name.length / 10)) && (!second || second.d > best.d))
      return ok(best.id);
  }
  return bad(
    `bộ sản phẩm "${text}" không rõ (số 1–26 hoặc tên bộ)`,
    `scorecard "${text}" is unknown (a number 1–26 or its name)`,
  );
}

export type Level = 'district' | 'province' | 'central';

/** "Cấp công nhận": huyện / tỉnh, thành phố / trung ương. Empty → null (decided from the decision). */
export function parseLevel(cell: Cell): Parsed<Level | null> {
  const f = fold(cellText(cell));
  if (f === '') return ok(null);
  if (/^(cap )?(huyen|quan|thi xa|district)$/.test(f)) return ok('district');
  if (/^(cap )?(tinh|thanh pho|tinh thanh pho|tp|province)$/.test(f)) return ok('province');
  if (/^(cap )?(trung uong|tw|central)$/.test(f)) return ok('central');
  return bad(
    `cấp công nhận "${cellText(cell)}" không rõ (huyện, tỉnh/thành phố, trung ương)`,
    `level "${cellText(cell)}" is unknown (district, province, central)`,
  );
}

export const LEVEL_LABELS: Record<Level, string> = {
  district: 'Huyện',
  province: 'Tỉnh/Thành phố',
  central: 'Trung ương',
};
