import type { Locale } from '../core/context.js';
import {
  appendixColumns,
  appendixTexts,
  attachedToLine,
  placeAndDate,
  type AppendixColumn,
  type DecisionDocument,
} from './appendix.js';
import { drawNationalHeading } from './heading.js';
import { LABELS } from './labels.js';
import { BOLD, ITALIC, REGULAR, fitText, newPdf, pdfBytes } from './pdf.js';

// A4 landscape, in points.
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 30;
const TABLE_WIDTH = PAGE.width - 2 * MARGIN;
/** Rows stop here; the page number sits below. */
const BOTTOM = PAGE.height - MARGIN - 12;
const FONT_SIZE = 9;
const PAD = 4;
/** A cell longer than this is cut with an ellipsis, so that one row never outgrows a page. */
const MAX_LINES = 8;
const HEADER_FILL = '#e8e8e8';
/** Room for the signer's title, the space to sign and the name. */
const SIGNER_SPACE = 130;

interface PlacedColumn extends AppendixColumn {
  x: number;
  width: number;
}

function placeColumns(columns: AppendixColumn[]): PlacedColumn[] {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  let x = MARGIN;
  return columns.map((c) => {
    const width = (c.weight / total) * TABLE_WIDTH;
    const placed = { ...c, x, width };
    x += width;
    return placed;
  });
}

/**
 * The appendix of a province's decision: the list of products it certifies, as an A4 landscape table whose
 * header row is repeated on every page, with "Trang i/n" under each page.
 */
export async function decisionAppendixPdf(
  decision: DecisionDocument,
  locale: Locale = 'vi',
): Promise<Buffer> {
  const doc = await newPdf(
    {
      title: `${LABELS.appendix[locale]} - ${decision.title}`,
      author: decision.issuer,
      subject: `${decision.number} - ${decision.title}`,
      date: decision.date,
      lang: locale === 'vi' ? 'vi-VN' : 'en-GB',
    },
    { margin: MARGIN, bufferPages: true },
  );
  const columns = placeColumns(appendixColumns(decision));
  let y = drawTitle(doc, decision, locale);
  y = drawRow(doc, columns, headerTexts(columns, locale), y, true);
  const last = decision.rows.length - 1;
  decision.rows.forEach((row, i) => {
    const texts = appendixTexts(row, i, locale);
    const cells = columns.map((c) => texts[c.key]);
    // The last row goes over with the signature: a page holding only a signature is not accepted.
    const signature = i === last && decision.signer ? SIGNER_SPACE : 0;
    if (y + rowHeight(doc, columns, cells, false) + signature > BOTTOM) {
      doc.addPage();
      y = drawRow(doc, columns, headerTexts(columns, locale), MARGIN, true);
    }
    y = drawRow(doc, columns, cells, y, false);
  });
  if (decision.signer) drawSigner(doc, decision.signer, y);
  numberPages(doc, locale);
  return pdfBytes(doc);
}

function headerTexts(columns: PlacedColumn[], locale: Locale): string[] {
  return columns.map((c) => c.header[locale]);
}

function drawTitle(doc: PDFKit.PDFDocument, decision: DecisionDocument, locale: Locale): number {
  const at = {
    top: MARGIN,
    left: MARGIN,
    right: PAGE.width - MARGIN,
    placeAndDate: placeAndDate(decision, locale),
  };
  let y = MARGIN + drawNationalHeading(doc, decision.issuer, locale, at) + 12;
  const box = (height: number) => ({ x: MARGIN + 40, y, width: TABLE_WIDTH - 80, height });
  y += fitText(doc, LABELS.appendix[locale], box(18), { font: BOLD, sizes: [13], align: 'center' }) + 2;
  y += fitText(doc, decision.title, box(48), { font: BOLD, sizes: [12, 11, 10], align: 'center' }) + 2;
  y += fitText(doc, attachedToLine(decision, locale), box(30), {
    font: ITALIC,
    sizes: [11, 10],
    align: 'center',
  });
  return y + 10;
}

function cellHeight(doc: PDFKit.PDFDocument, text: string, width: number): number {
  const full = doc.heightOfString(text, { width: width - 2 * PAD });
  return Math.min(full, MAX_LINES * doc.currentLineHeight(true));
}

function rowHeight(
  doc: PDFKit.PDFDocument,
  columns: PlacedColumn[],
  cells: string[],
  header: boolean,
): number {
  doc.font(header ? BOLD : REGULAR).fontSize(FONT_SIZE);
  const heights = columns.map((c, i) => cellHeight(doc, cells[i] ?? '', c.width));
  return Math.max(...heights) + 2 * PAD;
}

/** Draws one row of cells with their borders; returns the y below it. */
function drawRow(
  doc: PDFKit.PDFDocument,
  columns: PlacedColumn[],
  cells: string[],
  y: number,
  header: boolean,
): number {
  const height = rowHeight(doc, columns, cells, header);
  doc.save().lineWidth(0.5);
  for (const c of columns) {
    if (header) doc.rect(c.x, y, c.width, height).fillAndStroke(HEADER_FILL, '#000000');
    else doc.rect(c.x, y, c.width, height).stroke('#000000');
  }
  doc.restore().fillColor('#000000');
  columns.forEach((c, i) => {
    const text = cells[i] ?? '';
    const textHeight = cellHeight(doc, text, c.width);
    // Header cells are centred both ways; body cells sit at the top, like the tables officials type.
    const top = header ? y + (height - textHeight) / 2 : y + PAD;
    const align = header ? 'center' : c.align;
    doc.text(text, c.x + PAD, top, { width: c.width - 2 * PAD, height: textHeight, ellipsis: true, align });
  });
  return y + height;
}

function drawSigner(
  doc: PDFKit.PDFDocument,
  signer: { title: string; name: string },
  tableBottom: number,
): void {
  const width = 300;
  const x = PAGE.width - MARGIN - width;
  let y = tableBottom + 16;
  if (tableBottom + SIGNER_SPACE > BOTTOM) {
    doc.addPage();
    y = MARGIN;
  }
  y += fitText(
    doc,
    signer.title,
    { x, y, width, height: 48 },
    { font: BOLD, sizes: [11, 10], align: 'center' },
  );
  fitText(
    doc,
    signer.name,
    { x, y: y + 60, width, height: 16 },
    { font: BOLD, sizes: [11, 10], align: 'center' },
  );
}

function numberPages(doc: PDFKit.PDFDocument, locale: Locale): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    const label = `${LABELS.page[locale]} ${String(i + 1)}${LABELS.pageOf[locale]}${String(count)}`;
    const box = { x: MARGIN, y: PAGE.height - MARGIN, width: TABLE_WIDTH, height: 12 };
    fitText(doc, label, box, { font: REGULAR, sizes: [8], align: 'center' });
  }
}
