import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './demo.dates.js';

describe('demo dates', () => {
  it('adds months and clamps to the end of a shorter month', () => {
    expect(addMonths('2020-02-29', 36)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2023-11-15', 2)).toBe('2024-01-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-26', '2027-05-25')).toBe(180);
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('26/11/2026', 1)).toThrow(RangeError);
  });
});
