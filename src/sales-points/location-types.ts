/**
 * Decision 950/QĐ-BCT (Ministry of Industry and Trade): an OCOP introduction-and-sales point must sit in at
 * least one of these kinds of location, and meet the checklist below.
 */
export interface LocationType {
  code: LocationTypeCode;
  vi: string;
  en: string;
}

export type LocationTypeCode =
  | 'transport_hub'
  | 'rest_stop'
  | 'retail'
  | 'tourism'
  | 'craft_village'
  | 'commercial_centre'
  | 'exhibition'
  | 'post_office';

export const LOCATION_TYPES: readonly LocationType[] = [
  {
    code: 'transport_hub',
    vi: 'Nhà ga, sân bay, bến xe, cảng',
    en: 'Railway station, airport, bus terminal or port',
  },
  { code: 'rest_stop', vi: 'Trạm dừng nghỉ đường cao tốc', en: 'Highway rest stop' },
  { code: 'retail', vi: 'Trung tâm mua sắm, siêu thị, chợ', en: 'Shopping mall, supermarket or market' },
  {
    code: 'tourism',
    vi: 'Khu, điểm du lịch, nhà hàng, khách sạn',
    en: 'Tourist site, restaurant or hotel',
  },
  { code: 'craft_village', vi: 'Làng nghề', en: 'Craft village' },
  {
    code: 'commercial_centre',
    vi: 'Trung tâm thương mại, cụm công nghiệp',
    en: 'Commercial centre or industrial cluster',
  },
  { code: 'exhibition', vi: 'Trung tâm hội chợ, triển lãm', en: 'Fair or exhibition centre' },
  { code: 'post_office', vi: 'Bưu cục, điểm bưu điện', en: 'Post office' },
];

export interface ChecklistItem {
  code: ChecklistCode;
  vi: string;
  en: string;
}

export type ChecklistCode = 'location' | 'products' | 'quality' | 'signage' | 'online';

/** The compliance checklist stored as JSON `{ code: boolean }` on each sales point. */
export const SALES_POINT_CHECKLIST: readonly ChecklistItem[] = [
  {
    code: 'location',
    vi: 'Đáp ứng tiêu chí về địa điểm',
    en: 'Meets the location criterion',
  },
  {
    code: 'products',
    vi: 'Đáp ứng tiêu chí về sản phẩm (OCOP từ 3 sao, sản phẩm chủ lực, đặc sản địa phương…)',
    en: 'Meets the product criterion (OCOP 3-star or more, key provincial products, local specialities…)',
  },
  {
    code: 'quality',
    vi: 'Tuân thủ quy định về chất lượng, an toàn thực phẩm',
    en: 'Complies with quality and food-safety law',
  },
  { code: 'signage', vi: 'Có biển hiệu mang biểu trưng OCOP', en: 'Signage carries the OCOP mark' },
  {
    code: 'online',
    vi: 'Có mã QR, trang web hoặc mạng xã hội',
    en: 'Has a QR code, website or social-media presence',
  },
];

export function isLocationTypeCode(code: string): code is LocationTypeCode {
  return LOCATION_TYPES.some((t) => t.code === code);
}
