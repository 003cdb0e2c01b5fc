import type { Locale } from '../core/context.js';

/** Numbers, money and dates as people read them: "2.711", "125.000 ₫", "26/11/2026" in Vietnamese. */
const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const moneyFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached<T>(map: Map<Locale, T>, locale: Locale, make: () => T): T {
  let f = map.get(locale);
  if (!f) map.set(locale, (f = make()));
  return f;
}

export function formatNumber(locale: Locale, n: number): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(TAGS[locale])).format(n);
}

/** Money is integer VND everywhere; always shown with the đồng sign as Vietnamese shops do. */
export function formatMoney(locale: Locale, vnd: number): string {
  return cached(
    moneyFormats,
    locale,
    () => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }),
  ).format(vnd);
}

/** A calendar date stored as YYYY-MM-DD, shown as DD/MM/YYYY (vi) or "26 Nov 2026" (en). */
export function formatDate(locale: Locale, isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return cached(
    dateFormats,
    locale,
    () =>
      new Intl.DateTimeFormat(TAGS[locale], {
        timeZone: 'UTC',
        day: '2-digit',
        month: locale === 'vi' ? '2-digit' : 'short',
        year: 'numeric',
      }),
  ).format(d);
}

/** An instant stored in UTC, shown in Asia/Ho_Chi_Minh. */
export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(
    dateTimeFormats,
    locale,
    () =>
      new Intl.DateTimeFormat(TAGS[locale], {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'short',
      }),
  ).format(d);
}

/** Picks the string of the locale from a { vi, en } pair: every user-facing text exists in both. */
export interface Text {
  vi: string;
  en: string;
}
export function t(locale: Locale, text: Text): string {
  return text[locale];
}
