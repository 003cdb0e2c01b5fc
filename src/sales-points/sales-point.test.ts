import { describe, expect, it } from 'vitest';
import { coordinateProblems } from './sales-point.js';

describe('coordinates of a sales point', () => {
  it('accepts a point in Hà Nội, or no point at all', () => {
    expect(coordinateProblems({ latitude: 21.0285, longitude: 105.8542 })).toEqual([]);
    expect(coordinateProblems({ latitude: 20.6, longitude: 105.9 })).toEqual([]);
    expect(coordinateProblems({ latitude: null, longitude: null })).toEqual([]);
  });

  it('names the coordinate outside the city', () => {
    expect(coordinateProblems({ latitude: 10.7769, longitude: 106.7009 }).map((p) => p.field)).toEqual([
      'latitude',
      'longitude',
    ]);
    expect(coordinateProblems({ latitude: 21.03, longitude: 106.7 }).map((p) => p.field)).toEqual([
      'longitude',
    ]);
    // Swapped by mistake: latitude where the longitude goes.
    expect(coordinateProblems({ latitude: 105.85, longitude: 21.02 })).toHaveLength(2);
  });

  it('wants both coordinates or neither', () => {
    expect(coordinateProblems({ latitude: 21.02, longitude: null })[0]?.field).toBe('longitude');
    expect(coordinateProblems({ latitude: null, longitude: 105.8 })[0]?.field).toBe('latitude');
  });
});
