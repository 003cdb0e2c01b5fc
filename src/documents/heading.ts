import type { Locale } from '../core/context.js';
import { LABELS } from './labels.js';
import { BOLD, ITALIC, fitText } from './pdf.js';

/**
 * The heading every Vietnamese administrative document carries: the issuing body on the left, the national
 * name and motto on the right, each underlined by a short rule, and under them the place and date when the
 * document carries one (the layout of Decree 30/2020/NĐ-CP). Returns the height used.
 */
export function drawNationalHeading(
  doc: PDFKit.PDFDocument,
  issuer: string,
  locale: Locale,
  at: { top: number; left: number; right: number; placeAndDate?: string },
): number {
  const columnWidth = (at.right - at.left) * 0.45;
  const rightX = at.right - columnWidth;
  const issuerHeight = fitText(
    doc,
    issuer,
    { x: at.left, y: at.top, width: columnWidth, height: 30 },
    {
      font: BOLD,
      sizes: [11, 10, 9, 8],
      align: 'center',
    },
  );
  fitText(
    doc,
    LABELS.nation[locale],
    { x: rightX, y: at.top, width: columnWidth, height: 15 },
    {
      font: BOLD,
      sizes: [11, 10, 9],
      align: 'center',
    },
  );
  const mottoHeight = fitText(
    doc,
    LABELS.motto[locale],
    { x: rightX, y: at.top + 15, width: columnWidth, height: 15 },
    {
      font: BOLD,
      sizes: [11],
      align: 'center',
    },
  );
  const mottoWidth = doc.widthOfString(LABELS.motto[locale]);
  rule(doc, at.left + columnWidth / 2, at.top + issuerHeight + 3, 60);
  rule(doc, rightX + columnWidth / 2, at.top + 15 + mottoHeight + 3, mottoWidth);
  let rightHeight = 15 + mottoHeight + 6;
  if (at.placeAndDate !== undefined) {
    const box = { x: rightX, y: at.top + rightHeight + 4, width: columnWidth, height: 15 };
    rightHeight +=
      4 + fitText(doc, at.placeAndDate, box, { font: ITALIC, sizes: [11, 10, 9], align: 'center' });
  }
  return Math.max(issuerHeight + 6, rightHeight);
}

function rule(doc: PDFKit.PDFDocument, centerX: number, y: number, width: number): void {
  doc.save();
  doc
    .lineWidth(0.6)
    .moveTo(centerX - width / 2, y)
    .lineTo(centerX + width / 2, y)
    .stroke();
  doc.restore();
}
