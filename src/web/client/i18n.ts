/// <reference lib="dom" />
/** The page's language, from <html lang>: islands print the few words they add in the same language. */
export type Locale = 'vi' | 'en';

export function pageLocale(): Locale {
  return document.documentElement.lang === 'en' ? 'en' : 'vi';
}

export function say(text: { vi: string; en: string }): string {
  return text[pageLocale()];
}

/** Reads a JSON data attribute written by the server; `fallback` when absent or unreadable. */
export function dataJson<T>(el: HTMLElement, name: string, fallback: T): T {
  const raw = el.dataset[name];
  if (raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}
