import QRCode from 'qrcode';

/**
 * The verification QR code as vector shapes: crisp at any zoom and in print, unlike an embedded bitmap.
 * Dark modules are merged into horizontal runs, one rectangle each: fewer operators, and no hairline seams
 * between neighbouring squares when a viewer anti-aliases their edges.
 */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

export interface QrDrawing {
  /** Modules per side. */
  size: number;
  runs: QrRun[];
}

/** The runs of dark modules of the code for `text` (error correction M, as on the website). */
export function qrRuns(text: string): QrDrawing {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = modules;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** The quiet zone the QR specification asks for around the code, in modules. */
export const QUIET_ZONE = 4;

/**
 * Draws the code with its top-left corner (quiet zone included) at (x, y), `side` points wide. Coordinates are
 * in modules under a scale transform, so each run is written with whole numbers.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text);
  const total = size + 2 * QUIET_ZONE;
  doc.save();
  doc.translate(x, y).scale(side / total);
  doc.rect(0, 0, total, total).fill('#ffffff');
  doc.translate(QUIET_ZONE, QUIET_ZONE);
  for (const run of runs) doc.rect(run.col, run.row, run.length, 1);
  doc.fill('#000000');
  doc.restore();
}
