import type { Locale } from '../core/context.js';
import { COLUMNS, type ColumnKey } from '../imports/columns.js';
import type { Text } from '../views/format.js';
import { documentDate, formatScore, LABELS } from './labels.js';

/** What a decision's appendix lists; the workflow fills it from the closed council sessions. */
export interface DecisionDocument {
  issuer: string;
  number: string;
  /** ISO YYYY-MM-DD. */
  date: string;
  /** "Hà Nội". */
  place: string;
  /** "Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm 2026 (đợt 1)". */
  title: string;
  signer: { title: string; name: string } | null;
  rows: DecisionRow[];
}

export interface DecisionRow {
  productName: string;
  producerName: string;
  communeName: string;
  scorecardName: string;
  score: number;
  stars: number;
  certificateNumber: string | null;
  note?: string;
}

type AppendixKey =
  'stt' | 'product' | 'producer' | 'commune' | 'scorecard' | 'score' | 'stars' | 'certificate' | 'note';

export interface AppendixColumn {
  key: AppendixKey;
  header: Text;
  /** Share of the table's width in the PDF. */
  weight: number;
  /** Width in characters in the spreadsheet. */
  chars: number;
  align: 'left' | 'center' | 'right';
}

/** The import's headers where the import knows the column, so `ocop import` recognises an appendix we wrote. */
function importHeader(key: ColumnKey): Text {
  const c = COLUMNS.find((col) => col.key === key);
  if (!c) throw new Error(`no import column ${key}`);
  return { vi: c.header, en: c.headerEn };
}

const ALL_COLUMNS: readonly AppendixColumn[] = [
  { key: 'stt', header: importHeader('stt'), weight: 4, chars: 6, align: 'center' },
  { key: 'product', header: importHeader('product'), weight: 21, chars: 40, align: 'left' },
  { key: 'producer', header: importHeader('producer'), weight: 17, chars: 36, align: 'left' },
  { key: 'commune', header: { vi: 'Xã, phường', en: 'Commune' }, weight: 11, chars: 18, align: 'left' },
  { key: 'scorecard', header: importHeader('scorecard'), weight: 17, chars: 30, align: 'left' },
  { key: 'score', header: importHeader('score'), weight: 6, chars: 8, align: 'center' },
  // "Số sao" rather than the import's longer "Phân hạng / Số sao": the import knows both.
  { key: 'stars', header: { vi: 'Số sao', en: 'Stars' }, weight: 6, chars: 8, align: 'center' },
  { key: 'certificate', header: importHeader('certificateNumber'), weight: 16, chars: 24, align: 'center' },
  { key: 'note', header: { vi: 'Ghi chú', en: 'Note' }, weight: 10, chars: 20, align: 'left' },
];

/** The columns of this appendix: the note column only when some row has a note. */
export function appendixColumns(doc: DecisionDocument): AppendixColumn[] {
  const notes = doc.rows.some((r) => (r.note ?? '').trim() !== '');
  return ALL_COLUMNS.filter((c) => c.key !== 'note' || notes);
}

/** Scores are council means: two decimals, rounded once here so the PDF and the spreadsheet agree. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}

/** One row's values, typed: numbers stay numbers (the spreadsheet keeps them numeric). */
export function appendixValues(row: DecisionRow, index: number): Record<AppendixKey, string | number> {
  return {
    stt: index + 1,
    product: row.productName,
    producer: row.producerName,
    commune: row.communeName,
    scorecard: row.scorecardName,
    score: roundScore(row.score),
    stars: row.stars,
    certificate: row.certificateNumber ?? '',
    note: row.note ?? '',
  };
}

/** The values as printed text ("86,33" in Vietnamese). */
export function appendixTexts(row: DecisionRow, index: number, locale: Locale): Record<AppendixKey, string> {
  const v = appendixValues(row, index);
  return {
    ...v,
    stt: String(v.stt),
    score: formatScore(locale, v.score as number),
    stars: String(v.stars),
  } as Record<AppendixKey, string>;
}

/** "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 02/01/2026 của ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI)". */
export function attachedToLine(doc: DecisionDocument, locale: Locale): string {
  const date = documentDate(locale, doc.date);
  return `(${LABELS.attachedTo[locale]} ${doc.number} ${LABELS.dated[locale]} ${date} ${LABELS.of[locale]} ${doc.issuer})`;
}

/** "Hà Nội, ngày 02 tháng 01 năm 2026", as Vietnamese documents date themselves; "Hà Nội, 02 Jan 2026" in English. */
export function placeAndDate(doc: DecisionDocument, locale: Locale): string {
  if (locale === 'en') return `${doc.place}, ${documentDate('en', doc.date)}`;
  const [year, month, day] = doc.date.slice(0, 10).split('-');
  return `${doc.place}, ngày ${day ?? ''} tháng ${month ?? ''} năm ${year ?? ''}`;
}
