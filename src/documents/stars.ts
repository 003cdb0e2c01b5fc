/**
 * Stars drawn as vector polygons: the rating is the point of the certificate, so it must not depend on a font
 * having a star glyph, and it stays sharp when printed large.
 */
export interface Point {
  x: number;
  y: number;
}

/** The ten corners of a five-pointed star centred on (cx, cy), first point up; inner radius 0.382 of the outer. */
export function starPoints(cx: number, cy: number, radius: number): Point[] {
  const inner = radius * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? radius : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
  });
}

/** Centres of `count` stars in a row centred on `cx`, `gap` points between their bounding boxes. */
export function starRow(count: number, cx: number, cy: number, radius: number, gap: number): Point[] {
  const step = 2 * radius + gap;
  const first = cx - ((count - 1) * step) / 2;
  return Array.from({ length: count }, (_, i) => ({ x: first + i * step, y: cy }));
}

export function drawStars(
  doc: PDFKit.PDFDocument,
  count: number,
  at: { cx: number; cy: number; radius: number; gap: number; color: string },
): void {
  doc.save();
  for (const c of starRow(count, at.cx, at.cy, at.radius, at.gap)) {
    const points = starPoints(c.x, c.y, at.radius).map((p): [number, number] => [p.x, p.y]);
    doc.polygon(...points);
  }
  doc.fill(at.color);
  doc.restore();
}
