import type { LocationTypeCode } from '../sales-points/location-types.js';

/**
 * The real places of the demonstration. Commune codes come from reference/places/hanoi_places_admin_lookup.csv
 * (`primary_new_commune_code`); demo.places.test.ts checks them against that file. The file holds no village
 * coordinates, so positions are computed inside the commune polygon and are approximate.
 */

/** Hạ Thái's old commune (Xã Duyên Thái) was split between these three; the data does not say which holds it. */
export const HA_THAI_CANDIDATES = ['00685', '00679', '10210'] as const;
/** The demonstration uses the first one listed in the reference file, and says so wherever it shows. */
export const HA_THAI_COMMUNE = HA_THAI_CANDIDATES[0];

export const HA_THAI_NOTE = {
  vi: 'vị trí ước định: thôn Hạ Thái (xã Duyên Thái cũ) nay thuộc một trong ba xã Nam Phù, Ngọc Hồi, Hồng Vân; dữ liệu không cho biết xã nào',
  en: 'approximate: Hạ Thái (old Duyên Thái commune) now lies in one of Nam Phù, Ngọc Hồi or Hồng Vân; the data does not say which',
};

export interface RealSalesPoint {
  key: string;
  name: string;
  /** 2025 commune code. */
  commune: string;
  /** The street or hamlet part of the address. */
  line: string;
  locationType: LocationTypeCode;
  tourism: boolean;
  operator: string;
  /** Families whose products the point stocks first; the first one's craft village is the point's village. */
  families: readonly string[];
  note?: string;
}

export const REAL_SALES_POINTS: readonly RealSalesPoint[] = [
  {
    key: 'bat-trang-cho-gom',
    name: 'Điểm giới thiệu và bán sản phẩm OCOP Bát Tràng — chợ gốm',
    commune: '00577',
    line: 'Chợ gốm Bát Tràng, thôn Bát Tràng',
    locationType: 'craft_village',
    tourism: true,
    operator: 'HTX Gốm sứ Bát Tràng',
    families: ['gom-bat-trang'],
  },
  {
    key: 'bat-trang-lang-nghe',
    name: 'Điểm giới thiệu sản phẩm OCOP làng gốm Bát Tràng — khu du lịch làng nghề',
    commune: '00577',
    line: 'Khu du lịch làng nghề, thôn Giang Cao',
    locationType: 'tourism',
    tourism: true,
    operator: 'Ban quản lý khu du lịch làng nghề Bát Tràng',
    families: ['gom-bat-trang'],
  },
  {
    key: 'van-phuc-pho-lua',
    name: 'Điểm bán sản phẩm OCOP làng lụa Vạn Phúc — phố lụa',
    commune: '09556',
    line: 'Phố lụa Vạn Phúc',
    locationType: 'craft_village',
    tourism: true,
    operator: 'Hiệp hội làng nghề lụa Vạn Phúc',
    families: ['lua-van-phuc'],
  },
  {
    key: 'van-phuc-nha-trung-bay',
    name: 'Điểm giới thiệu sản phẩm OCOP Vạn Phúc — nhà trưng bày làng lụa',
    commune: '09556',
    line: 'Nhà trưng bày làng lụa, phố Vạn Phúc',
    locationType: 'tourism',
    tourism: true,
    operator: 'HTX Dệt lụa Vạn Phúc',
    families: ['lua-van-phuc'],
  },
  {
    key: 'duong-lam',
    name: 'Điểm giới thiệu và bán sản phẩm OCOP làng cổ Đường Lâm',
    commune: '09574',
    line: 'Làng cổ Đường Lâm, thôn Mông Phụ',
    locationType: 'tourism',
    tourism: true,
    operator: 'Ban quản lý di tích làng cổ Đường Lâm',
    families: ['duong-lam', 'ga-mia'],
  },
  {
    key: 'van-tu',
    name: 'Điểm giới thiệu sản phẩm OCOP làng may Vân Từ',
    commune: '10330',
    line: 'Thôn Vân Từ',
    locationType: 'craft_village',
    tourism: false,
    operator: 'HTX May đo Vân Từ',
    families: ['may-van-tu'],
  },
  {
    key: 'son-ha',
    name: 'Điểm giới thiệu sản phẩm OCOP làng nghề mộc Sơn Hà',
    commune: '10273',
    line: 'Thôn Sơn Hà',
    locationType: 'craft_village',
    tourism: false,
    operator: 'HTX Đồ gỗ mỹ nghệ Sơn Hà',
    families: ['go-son-ha'],
  },
  {
    key: 'ha-thai',
    name: 'Điểm giới thiệu sản phẩm OCOP làng sơn mài Hạ Thái',
    commune: HA_THAI_COMMUNE,
    line: 'Thôn Hạ Thái',
    locationType: 'craft_village',
    tourism: true,
    operator: 'Hội sơn mài Hạ Thái',
    families: ['son-mai-ha-thai'],
    note: HA_THAI_NOTE.vi,
  },
  {
    key: 'hong-van',
    name: 'Điểm giới thiệu sản phẩm OCOP du lịch cộng đồng Hồng Vân',
    commune: '10210',
    line: 'Bãi sông Hồng, thôn Cơ Giáp',
    locationType: 'tourism',
    tourism: true,
    operator: 'HTX Du lịch cộng đồng Hồng Vân',
    families: [],
  },
  {
    key: 'khanh-phat',
    name: 'Cửa hàng Khánh Phát — sản phẩm sữa Ba Vì',
    commune: '09694',
    line: 'Thôn Hợp Nhất, khu du lịch Ba Vì',
    locationType: 'tourism',
    tourism: true,
    operator: 'Cửa hàng Khánh Phát',
    families: ['sua-ba-vi', 'sua-tuoi-ba-vi'],
  },
];

/** The two community-tourism services Hà Nội has certified as OCOP products (scorecard 26). */
export interface TourismProduct {
  key: string;
  name: readonly [string, string];
  blurb: readonly [string, string];
  /** Either a 2025 commune code, or the old commune to find through the old→new mapping at load time. */
  commune?: string;
  old?: { commune: string; district: string };
  line: string;
  producer: { name: string; legalForm: 'htx' | 'cophan' | 'tnhh2' };
  unit: string;
  price: number;
}

export const TOURISM_PRODUCTS: readonly TourismProduct[] = [
  {
    key: 'hong-van',
    name: ['Du lịch cộng đồng Hồng Vân', 'Hồng Vân community tourism'],
    blurb: [
      'Trải nghiệm đời sống làng quê ven sông Hồng: làm nông, ẩm thực, nghề truyền thống.',
      'Village life on the Red River: farming, local food and traditional crafts.',
    ],
    commune: '10210',
    line: 'Thôn Cơ Giáp',
    producer: { name: 'HTX Du lịch cộng đồng Hồng Vân', legalForm: 'htx' },
    unit: 'lượt khách',
    price: 250_000,
  },
  {
    key: 'phu-dong-green-park',
    name: ['Khu du lịch sinh thái Phù Đổng Green Park', 'Phù Đổng Green Park eco-tourism site'],
    blurb: [
      'Khu sinh thái ven sông Đuống với vườn cây, hồ nước và trò chơi dân gian.',
      'An eco-park on the Đuống River with gardens, lakes and folk games.',
    ],
    old: { commune: 'Xã Phù Đổng', district: 'Huyện Gia Lâm' },
    line: 'Thôn Phù Dực',
    producer: { name: 'Công ty Cổ phần Phù Đổng Green Park', legalForm: 'cophan' },
    unit: 'vé',
    price: 120_000,
  },
];
