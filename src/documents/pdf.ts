import { dateOf } from './labels.js';
import { documentFonts } from './fonts.js';

export const REGULAR = 'regular';
export const BOLD = 'bold';
export const ITALIC = 'italic';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  /** ISO date: the metadata dates, so that the same input gives byte-identical files. */
  date: string;
  lang: string;
}

/**
 * A new A4 landscape document with the fonts registered. pdfkit derives the file identifier from the info
 * dictionary, so fixing CreationDate (instead of "now") is enough for deterministic output.
 */
export async function newPdf(
  meta: PdfMeta,
  options: { margin: number; bufferPages?: boolean },
): Promise<PDFKit.PDFDocument> {
  // pdfkit takes a quarter of a second to load: the server starts without it, the first document pays once.
  const { default: PDFDocument } = await import('pdfkit');
  const date = dateOf(meta.date);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: options.margin,
    bufferPages: options.bufferPages ?? false,
    // No Helvetica: every text uses the embedded font, and the standard font's metrics are not loaded.
    font: '',
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'OCOP',
      CreationDate: date,
      ModDate: date,
    },
  });
  const fonts = await documentFonts();
  // pdfkit's types list paths and bytes only; the code takes a parsed fontkit font too (see fonts.ts).
  const source = (font: object) => font as unknown as PDFKit.Mixins.PDFFontSource;
  doc.registerFont(REGULAR, source(fonts.regular));
  doc.registerFont(BOLD, source(fonts.bold));
  doc.registerFont(ITALIC, source(fonts.italic));
  doc.font(REGULAR);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.end();
  });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FitOptions {
  font: string;
  sizes: readonly number[];
  align?: 'left' | 'center' | 'right';
  lineGap?: number;
}

/**
 * Writes text inside a box: the largest size of `sizes` at which it fits, else the smallest, cut with an
 * ellipsis at the box's bottom. Long names wrap and shrink, never overflow or push a second page.
 * Returns the height used.
 */
export function fitText(doc: PDFKit.PDFDocument, text: string, box: Box, o: FitOptions): number {
  doc.font(o.font);
  const base = { width: box.width, align: o.align ?? 'left', lineGap: o.lineGap ?? 0 };
  let used = 0;
  for (const size of o.sizes) {
    doc.fontSize(size);
    used = doc.heightOfString(text, base);
    if (used <= box.height) break;
  }
  const height = Math.min(used, box.height);
  doc.text(text, box.x, box.y, { ...base, height, ellipsis: true });
  return height;
}
