import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrRuns } from './qr.js';
import { starPoints, starRow } from './stars.js';

describe('qrRuns', () => {
  const url = 'https://ocop.hanoi.gov.vn/vi/kiem-tra/crt_01JH5Q2Z8M?sig=c2lnbmF0dXJl';

  it('covers exactly the dark modules of the code, each once', () => {
    const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const drawing = qrRuns(url);
    expect(drawing.size).toBe(size);
    const covered = new Array<number>(size * size).fill(0);
    for (const run of drawing.runs) {
      for (let c = run.col; c < run.col + run.length; c++)
        covered[run.row * size + c] = (covered[run.row * size + c] ?? 0) + 1;
    }
    expect(covered).toEqual(Array.from(data));
  });

  it('merges neighbouring modules of a row into one rectangle', () => {
    const { data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const dark = Array.from(data).filter((d) => d === 1).length;
    const { runs } = qrRuns(url);
    expect(runs.length).toBeLessThan(dark);
    // The finder pattern's top edge is one run of seven modules.
    expect(runs[0]).toEqual({ row: 0, col: 0, length: 7 });
  });

  it('changes with the URL', () => {
    expect(qrRuns(`${url}x`).runs).not.toEqual(qrRuns(url).runs);
  });
});

describe('stars', () => {
  it('has ten corners alternating between the outer and the inner radius, the first one up', () => {
    const points = starPoints(100, 100, 10);
    expect(points).toHaveLength(10);
    const radii = points.map((p) => Math.hypot(p.x - 100, p.y - 100));
    radii.forEach((r, i) => {
      expect(r).toBeCloseTo(i % 2 === 0 ? 10 : 3.82, 5);
    });
    expect(points[0]?.x).toBeCloseTo(100, 5);
    expect(points[0]?.y).toBeCloseTo(90, 5);
  });

  it('centres a row of stars on the given point', () => {
    const row = starRow(4, 400, 50, 10, 8);
    expect(row.map((p) => p.x)).toEqual([358, 386, 414, 442]);
    expect(row.every((p) => p.y === 50)).toBe(true);
  });
});
