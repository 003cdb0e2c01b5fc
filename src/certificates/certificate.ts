/**
 * Certificate rules (Decision 148/QĐ-TTg): valid 36 months from issue; status derived from the clock.
 *
 * Convention (docs/decisions/0004-certificate-dates.md): `expiresOn` = issue date + 36 calendar months,
 * the day clamped to the month's end (29 Feb 2024 → 28 Feb 2027). The certificate is in force on days
 * strictly before `expiresOn`; from that day on it is expired.
 */
export const VALIDITY_MONTHS = 36;
export const EXPIRING_WITHIN_DAYS = 180;

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked' | 'superseded';
export type CertificateLevel = 'district' | 'province' | 'central';

export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = [
  'valid',
  'expiring',
  'expired',
  'revoked',
  'superseded',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds calendar months, clamping the day to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function expiryOf(issuedOn: string): string {
  return addMonths(issuedOn, VALIDITY_MONTHS);
}

export interface CertificateState {
  expiresOn: string;
  revokedOn: string | null;
  supersededById: string | null;
}

/** The status on `today` (YYYY-MM-DD, Vietnam time). Revocation wins, then supersession, then the clock. */
export function certificateStatus(cert: CertificateState, today: string): CertificateStatus {
  if (cert.revokedOn !== null && cert.revokedOn <= today) return 'revoked';
  if (cert.supersededById !== null) return 'superseded';
  const left = daysBetween(today, cert.expiresOn);
  if (left <= 0) return 'expired';
  if (left <= EXPIRING_WITHIN_DAYS) return 'expiring';
  return 'valid';
}

/** Star band of a score out of 100: ≥ 90 → 5, ≥ 70 → 4, ≥ 50 → 3, ≥ 30 → 2, else 1. */
export function starBand(score: number): 1 | 2 | 3 | 4 | 5 {
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw new RangeError(`score must be between 0 and 100, got ${score}`);
  }
  if (score >= 90) return 5;
  if (score >= 70) return 4;
  if (score >= 50) return 3;
  if (score >= 30) return 2;
  return 1;
}

/** Only 3★ and above are certified. */
export const MIN_CERTIFIED_STARS = 3;
