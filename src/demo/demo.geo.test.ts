import { describe, expect, it } from 'vitest';
import { pointInPolygon, pointInside, type Polygon } from './demo.geo.js';
import { Rng } from './random.js';

// A 10×10 square with a 4×4 hole in the middle.
const square: Polygon = [
  [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ],
  [
    [3, 3],
    [7, 3],
    [7, 7],
    [3, 7],
    [3, 3],
  ],
];

describe('pointInPolygon', () => {
  it('counts holes as outside', () => {
    expect(pointInPolygon(1, 1, square)).toBe(true);
    expect(pointInPolygon(5, 5, square)).toBe(false);
    expect(pointInPolygon(11, 5, square)).toBe(false);
  });
});

describe('pointInside', () => {
  it('finds a reproducible point inside the polygon, never in the hole', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const p = pointInside([square], new Rng(seed));
      expect(p).not.toBeNull();
      expect(pointInPolygon(p?.lon ?? -1, p?.lat ?? -1, square)).toBe(true);
      expect(pointInside([square], new Rng(seed))).toEqual(p);
    }
  });

  it('gives no point without a polygon', () => {
    expect(pointInside(undefined, new Rng(1))).toBeNull();
    expect(pointInside([], new Rng(1))).toBeNull();
  });
});
