import type { Locale } from '../core/context.js';
import type { Text } from '../views/format.js';

/** The locales of the website, in the order the language switch lists them. */
export const LOCALES: readonly Locale[] = ['vi', 'en'];

export function isLocale(value: string): value is Locale {
  return value === 'vi' || value === 'en';
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'vi' ? 'en' : 'vi';
}

/** Strings shared by the layout and several pages; page-specific strings live beside their page. */
export const UI = {
  siteName: { vi: 'OCOP Hà Nội', en: 'OCOP Hà Nội' },
  tagline: {
    vi: 'Sản phẩm OCOP — Mỗi xã một sản phẩm',
    en: 'OCOP products — One Commune One Product',
  },
  skipLink: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  mainNav: { vi: 'Điều hướng chính', en: 'Main navigation' },
  home: { vi: 'Trang chủ', en: 'Home' },
  search: { vi: 'Tìm sản phẩm', en: 'Find products' },
  map: { vi: 'Bản đồ', en: 'Map' },
  stats: { vi: 'Thống kê', en: 'Statistics' },
  verify: { vi: 'Kiểm tra chứng nhận', en: 'Check a certificate' },
  basket: { vi: 'Giỏ hàng', en: 'Basket' },
  switchTo: { vi: 'English', en: 'Tiếng Việt' },
  footer: {
    vi: 'Chương trình OCOP “Mỗi xã một sản phẩm” — thành phố Hà Nội. Dữ liệu trình diễn được đánh dấu.',
    en: 'The OCOP “One Commune One Product” programme — Hà Nội. Demonstration data is marked as such.',
  },
  apiLink: { vi: 'API mở', en: 'Open API' },
  stars: { vi: 'sao', en: 'stars' },
  starsLabel: { vi: '{n} sao OCOP', en: '{n}-star OCOP' },
  noPhoto: { vi: 'Chưa có ảnh sản phẩm', en: 'No product photo yet' },
  demo: { vi: 'Dữ liệu trình diễn', en: 'Demonstration data' },
} satisfies Record<string, Text>;

/** Replaces `{name}` placeholders in a translated string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}
