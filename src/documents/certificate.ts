import type { Locale } from '../core/context.js';
import { LABELS, LEVELS, documentDate, formatScore } from './labels.js';
import { BOLD, REGULAR, fitText, newPdf, pdfBytes } from './pdf.js';
import { drawQr } from './qr.js';
import { drawStars } from './stars.js';
import { drawNationalHeading } from './heading.js';

/** What a certificate prints; the workflow computes every value (numbering, the 36-month expiry, the signed URL). */
export interface CertificateDocument {
  /** As printed, e.g. "145/2026/GCN-OCOP-HN". */
  number: string;
  productName: string;
  producerName: string;
  /** Free text. */
  producerAddress: string;
  /** The product set (bộ sản phẩm). */
  scorecardName: string;
  stars: 3 | 4 | 5;
  /** The council's mean, printed with two decimals; null for records that carry no score. */
  score: number | null;
  level: 'province' | 'central' | 'district';
  /** "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI". */
  issuer: string;
  /** "1234/QĐ-UBND". */
  decisionNumber: string;
  /** ISO YYYY-MM-DD. */
  decisionDate: string;
  issuedOn: string;
  expiresOn: string;
  /** The absolute, signed URL the QR code encodes; also printed under it. */
  verifyUrl: string;
}

const CRIMSON = '#a31515';
const GOLD = '#c9a227';
const INK = '#1a1a1a';

// A4 landscape, in points. The layout is a set of fixed boxes: text shrinks or is cut inside its box, so a
// certificate is always exactly one page whatever the names.
const PAGE = { width: 841.89, height: 595.28 };
const CONTENT = { x: 50, width: PAGE.width - 100 };
const DETAILS = { x: 70, labelWidth: 130, valueWidth: 360, top: 306 };
const QR = { x: 612, y: 292, side: 160, textWidth: 200 };

/** The certificate of one product as a one-page A4 landscape PDF. */
export async function certificatePdf(cert: CertificateDocument, locale: Locale = 'vi'): Promise<Buffer> {
  const doc = await newPdf(
    {
      title: `${LABELS.certificateTitle[locale]} ${cert.number}`,
      author: cert.issuer,
      subject: cert.productName,
      date: cert.decisionDate,
      lang: locale === 'vi' ? 'vi-VN' : 'en-GB',
    },
    { margin: 0 },
  );
  drawFrame(doc);
  doc.fillColor(INK);
  drawNationalHeading(doc, cert.issuer, locale, { top: 44, left: 50, right: PAGE.width - 50 });
  drawTitle(doc, cert, locale);
  drawDetails(doc, cert, locale);
  drawVerification(doc, cert.verifyUrl, locale);
  return pdfBytes(doc);
}

/** A double frame, crimson and gold, as printed certificates have. */
function drawFrame(doc: PDFKit.PDFDocument): void {
  const frame = (inset: number, width: number, color: string) =>
    doc
      .lineWidth(width)
      .rect(inset, inset, PAGE.width - 2 * inset, PAGE.height - 2 * inset)
      .stroke(color);
  doc.save();
  frame(18, 3, CRIMSON);
  frame(26, 0.8, GOLD);
  doc.restore();
}

function drawTitle(doc: PDFKit.PDFDocument, cert: CertificateDocument, locale: Locale): void {
  const centered = (text: string, y: number, height: number, font: string, sizes: number[]) =>
    fitText(doc, text, { ...CONTENT, y, height }, { font, sizes, align: 'center' });
  doc.fillColor(CRIMSON);
  centered(LABELS.certificateTitle[locale], 112, 34, BOLD, [26, 22, 18]);
  doc.fillColor(INK);
  centered(`${LABELS.number[locale]}: ${cert.number}`, 150, 16, REGULAR, [12, 10, 8]);
  centered(LABELS.certifies[locale], 176, 16, REGULAR, [12]);
  const name = { x: 70, y: 196, width: PAGE.width - 140, height: 62 };
  fitText(doc, cert.productName, name, { font: BOLD, sizes: NAME_SIZES, align: 'center' });
  drawStars(doc, cert.stars, { cx: PAGE.width / 2, cy: 278, radius: 12, gap: 8, color: GOLD });
}

/** The product's name is the largest text; a long one steps down to 10 points before it is cut. */
const NAME_SIZES = [24, 22, 20, 18, 16, 14, 12, 11, 10];
const VALUE_SIZES = [12, 11, 10];

interface Field {
  label: string;
  value: string;
  /** Lines the value may take before it shrinks, then is cut. */
  lines: number;
}

function fieldsOf(cert: CertificateDocument, locale: Locale): Field[] {
  const fields: Field[] = [
    { label: LABELS.producer[locale], value: cert.producerName, lines: 2 },
    { label: LABELS.address[locale], value: cert.producerAddress, lines: 2 },
    { label: LABELS.scorecard[locale], value: cert.scorecardName, lines: 2 },
    { label: LABELS.rank[locale], value: `${String(cert.stars)} ${LABELS.starsWord[locale]}`, lines: 1 },
  ];
  if (cert.score !== null) {
    fields.push({ label: LABELS.score[locale], value: formatScore(locale, cert.score), lines: 1 });
  }
  fields.push({ label: LABELS.level[locale], value: LEVELS[cert.level][locale], lines: 1 });
  return fields;
}

// One line of 12-point Be Vietnam Pro takes a little over 15 points.
const LINE = 16;
const GAP = 4;

/** Label and value pairs, then the decision, the issue date and the validity. */
function drawDetails(doc: PDFKit.PDFDocument, cert: CertificateDocument, locale: Locale): void {
  const { x, labelWidth, valueWidth } = DETAILS;
  let y = DETAILS.top;
  for (const f of fieldsOf(cert, locale)) {
    const label = { x, y, width: labelWidth - 8, height: LINE };
    fitText(doc, `${f.label}:`, label, { font: BOLD, sizes: [11, 10, 9] });
    const value = { x: x + labelWidth, y, width: valueWidth, height: f.lines * LINE };
    y += Math.max(LINE, fitText(doc, f.value, value, { font: REGULAR, sizes: VALUE_SIZES })) + GAP;
  }
  drawDates(doc, cert, locale, { x, y: y + 6, width: labelWidth + valueWidth });
}

function drawDates(
  doc: PDFKit.PDFDocument,
  cert: CertificateDocument,
  locale: Locale,
  at: { x: number; y: number; width: number },
): void {
  const date = (iso: string) => documentDate(locale, iso);
  const line = (text: string, y: number, height: number, font: string, sizes: number[]) =>
    y + GAP + fitText(doc, text, { x: at.x, y, width: at.width, height }, { font, sizes });
  const decision = `${LABELS.decision[locale]} ${cert.decisionNumber} ${LABELS.dated[locale]} ${date(cert.decisionDate)}`;
  let y = line(decision, at.y, 2 * LINE, REGULAR, VALUE_SIZES);
  y = line(`${LABELS.issuedOn[locale]}: ${date(cert.issuedOn)}`, y, LINE, REGULAR, [12]);
  doc.fillColor(CRIMSON);
  line(`${LABELS.validUntil[locale]} ${date(cert.expiresOn)}`, y, 18, BOLD, [13, 12]);
  doc.fillColor(INK);
}

function drawVerification(doc: PDFKit.PDFDocument, url: string, locale: Locale): void {
  const { x, y, side, textWidth } = QR;
  drawQr(doc, url, x, y, side);
  const left = x + side / 2 - textWidth / 2;
  const caption = { x: left, y: y + side + 4, width: textWidth, height: 14 };
  const used = fitText(doc, LABELS.scanToVerify[locale], caption, {
    font: BOLD,
    sizes: [10, 9, 8],
    align: 'center',
  });
  // A signed URL is long: it wraps over up to four lines of small type, and shrinks before it is cut.
  const link = { x: left, y: caption.y + used + 2, width: textWidth, height: 44 };
  fitText(doc, url, link, { font: REGULAR, sizes: [7, 6.5, 6], align: 'center' });
}
