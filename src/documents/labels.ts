import type { Locale } from '../core/context.js';
import { formatDate } from '../views/format.js';
import type { Text } from '../views/format.js';

/**
 * The words printed on the documents, in both languages. The official documents are Vietnamese (the default);
 * the English rendering is a courtesy copy for foreign buyers and partners.
 */
export const LABELS = {
  nation: { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: 'SOCIALIST REPUBLIC OF VIET NAM' },
  motto: { vi: 'Độc lập - Tự do - Hạnh phúc', en: 'Independence - Freedom - Happiness' },
  certificateTitle: { vi: 'GIẤY CHỨNG NHẬN SẢN PHẨM OCOP', en: 'OCOP PRODUCT CERTIFICATE' },
  number: { vi: 'Số', en: 'No.' },
  certifies: { vi: 'Chứng nhận sản phẩm', en: 'This certifies the product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  scorecard: { vi: 'Bộ sản phẩm', en: 'Product set' },
  rank: { vi: 'Đạt hạng', en: 'Rated' },
  starsWord: { vi: 'sao', en: 'stars' },
  score: { vi: 'Điểm đánh giá', en: 'Score' },
  level: { vi: 'Cấp đánh giá', en: 'Evaluated by' },
  decision: { vi: 'Theo Quyết định số', en: 'Under Decision No.' },
  dated: { vi: 'ngày', en: 'of' },
  issuedOn: { vi: 'Ngày cấp', en: 'Issued on' },
  validUntil: { vi: 'Có giá trị đến ngày', en: 'Valid until' },
  scanToVerify: { vi: 'Quét mã để kiểm tra hiệu lực', en: 'Scan the code to check validity' },
  appendix: { vi: 'PHỤ LỤC', en: 'APPENDIX' },
  attachedTo: { vi: 'Kèm theo Quyết định số', en: 'Attached to Decision No.' },
  of: { vi: 'của', en: 'of' },
  page: { vi: 'Trang', en: 'Page' },
  pageOf: { vi: '/', en: ' of ' },
  sheetName: { vi: 'Phụ lục', en: 'Appendix' },
} satisfies Record<string, Text>;

export type LevelKey = 'province' | 'central' | 'district';

export const LEVELS: Record<LevelKey, Text> = {
  province: { vi: 'Cấp tỉnh', en: 'Provincial council' },
  central: { vi: 'Cấp trung ương', en: 'Central council' },
  district: { vi: 'Cấp huyện', en: 'District council' },
};

/** Dates as Vietnamese documents print them (dd/mm/yyyy), or "02 Jan 2026" in English. */
export function documentDate(locale: Locale, iso: string): string {
  return formatDate(locale, iso);
}

const scoreFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

/** A council mean with two decimals: "86,33" in Vietnamese (decimal comma), "86.33" in English. */
export function formatScore(locale: Locale, score: number): string {
  const f = (scoreFormats[locale] ??= new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }));
  return f.format(score);
}

/** A calendar date at midnight UTC: the documents' metadata dates, so the same input gives the same bytes. */
export function dateOf(iso: string): Date {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an ISO date: ${iso}`);
  return d;
}
