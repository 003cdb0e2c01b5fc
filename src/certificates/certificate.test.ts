import { describe, expect, it } from 'vitest';
import { addMonths, certificateStatus, daysBetween, expiryOf, isIsoDate, starBand } from './certificate.js';

describe('starBand', () => {
  it.each([
    [100, 5],
    [90, 5],
    [89.99, 4],
    [70, 4],
    [69.99, 3],
    [50, 3],
    [49.99, 2],
    [30, 2],
    [29.99, 1],
    [0, 1],
  ])('score %d gives %d stars', (score, stars) => {
    expect(starBand(score)).toBe(stars);
  });
  it('refuses scores outside 0–100', () => {
    expect(() => starBand(100.01)).toThrow(RangeError);
    expect(() => starBand(-1)).toThrow(RangeError);
    expect(() => starBand(Number.NaN)).toThrow(RangeError);
  });
});

describe('36-month expiry', () => {
  it('adds 36 calendar months', () => {
    expect(expiryOf('2023-03-15')).toBe('2026-03-15');
    expect(expiryOf('2019-12-31')).toBe('2022-12-31');
  });
  it('clamps a leap day to the end of February', () => {
    expect(expiryOf('2024-02-29')).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });
  it('clamps month ends that do not exist in the target month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-08-31', 1)).toBe('2023-09-30');
    expect(addMonths('2021-05-31', 36)).toBe('2024-05-31');
  });
  it('validates ISO dates', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('24-01-01')).toBe(false);
    expect(() => expiryOf('2023-02-30')).toThrow(RangeError);
  });
});

describe('certificateStatus at a given clock', () => {
  const cert = { expiresOn: '2026-06-30', revokedOn: null, supersededById: null };
  it('is valid more than 180 days before expiry', () => {
    expect(certificateStatus(cert, '2025-12-31')).toBe('valid');
  });
  it('is expiring from 180 days before expiry', () => {
    expect(daysBetween('2026-01-01', '2026-06-30')).toBe(180);
    expect(certificateStatus(cert, '2026-01-01')).toBe('expiring');
    expect(certificateStatus(cert, '2026-06-29')).toBe('expiring');
  });
  it('is expired on its expiry date and after', () => {
    expect(certificateStatus(cert, '2026-06-30')).toBe('expired');
    expect(certificateStatus(cert, '2030-01-01')).toBe('expired');
  });
  it('is revoked from the revocation date, whatever the expiry', () => {
    const revoked = { ...cert, revokedOn: '2025-03-01' };
    expect(certificateStatus(revoked, '2025-02-28')).toBe('valid');
    expect(certificateStatus(revoked, '2025-03-01')).toBe('revoked');
    expect(certificateStatus(revoked, '2027-01-01')).toBe('revoked');
  });
  it('is superseded once an upgrade replaced it', () => {
    expect(certificateStatus({ ...cert, supersededById: 'crt_x' }, '2025-01-01')).toBe('superseded');
  });
});
