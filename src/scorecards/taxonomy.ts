/**
 * The OCOP taxonomy of Decision 148/QĐ-TTg: six sectors (ngành) and the 26 scorecards (bộ sản phẩm) under
 * them. Vietnamese names follow reference/ocop-criteria-148/index.tsv (checked by a test); English names are
 * ours, written for readers, not official translations.
 */
export type SectorCode = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI';

export interface Sector {
  code: SectorCode;
  nameVi: string;
  nameEn: string;
  position: number;
}

export interface ScorecardInfo {
  id: number;
  sectorCode: SectorCode;
  nameVi: string;
  nameEn: string;
  /** The CSV in reference/ocop-criteria-148/. */
  file: string;
}

export const SECTOR_CODES: readonly SectorCode[] = ['I', 'II', 'III', 'IV', 'V', 'VI'];

export const SECTORS: readonly Sector[] = [
  { code: 'I', nameVi: 'Thực phẩm', nameEn: 'Food', position: 1 },
  { code: 'II', nameVi: 'Đồ uống', nameEn: 'Drinks', position: 2 },
  {
    code: 'III',
    nameVi: 'Dược liệu và sản phẩm từ dược liệu',
    nameEn: 'Medicinal herbs and herbal products',
    position: 3,
  },
  { code: 'IV', nameVi: 'Hàng thủ công mỹ nghệ', nameEn: 'Handicrafts', position: 4 },
  { code: 'V', nameVi: 'Sinh vật cảnh', nameEn: 'Ornamental plants and animals', position: 5 },
  {
    code: 'VI',
    nameVi: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    nameEn: 'Community tourism, ecotourism and tourist sites',
    position: 6,
  },
];

// [id, Vietnamese name, English name]; the sector follows from the id (sectorOf).
const NAMES: ReadonlyArray<readonly [number, string, string]> = [
  [1, 'Rau, củ, quả, hạt tươi', 'Fresh vegetables, tubers, fruits and nuts'],
  [2, 'Thịt, thủy sản, trứng, sữa tươi', 'Fresh meat, seafood, eggs and milk'],
  [3, 'Gạo, ngũ cốc, hạt sơ chế khác', 'Rice, cereals and other minimally processed grains'],
  [4, 'Mật ong, mật khác và nông sản thực phẩm khác', 'Honey, other syrups and other farm foods'],
  [5, 'Đồ ăn nhanh', 'Fast food'],
  [6, 'Chế biến từ gạo, ngũ cốc', 'Processed rice and cereal products'],
  [7, 'Chế biến từ rau, củ, quả, hạt', 'Processed vegetables, tubers, fruits and nuts'],
  [
    8,
    'Chế biến từ thịt, thủy sản, trứng, sữa, các sản phẩm từ mật ong',
    'Processed meat, seafood, eggs, milk and honey products',
  ],
  [9, 'Tương, nước mắm, gia vị dạng lỏng khác', 'Soy sauce, fish sauce and other liquid condiments'],
  [10, 'Gia vị khác (muối, hành, tỏi, tiêu,...)', 'Other condiments (salt, shallots, garlic, pepper…)'],
  [11, 'Chè tươi, chè chế biến', 'Fresh and processed tea'],
  [12, 'Sản phẩm trà từ thực vật khác', 'Teas from other plants'],
  [13, 'Sản phẩm cà phê, ca cao', 'Coffee and cocoa products'],
  [14, 'Rượu trắng', 'White spirits'],
  [15, 'Đồ uống có cồn khác', 'Other alcoholic drinks'],
  [16, 'Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai', 'Natural mineral water and bottled water'],
  [17, 'Đồ uống không cồn khác', 'Other non-alcoholic drinks'],
  [
    18,
    'Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền',
    'Functional foods, herbal medicines and traditional medicines',
  ],
  [19, 'Mỹ phẩm có thành phần từ Thảo dược', 'Cosmetics with herbal ingredients'],
  [20, 'Tinh dầu và thảo dược khác', 'Essential oils and other herbal products'],
  [21, 'Thủ công mỹ nghệ gia dụng, trang trí', 'Household and decorative handicrafts'],
  [22, 'Vải, may mặc', 'Fabrics and garments'],
  [23, 'Hoa', 'Flowers'],
  [24, 'Cây cảnh', 'Ornamental plants'],
  [25, 'Động vật cảnh', 'Ornamental animals'],
  [
    26,
    'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
    'Community tourism, ecotourism and tourist-site services',
  ],
];

/** Sets 1–13 food, 14–17 drinks, 18–20 herbal, 21–22 handicraft and textile, 23–25 ornamental, 26 tourism. */
export function sectorOf(scorecardId: number): SectorCode {
  if (scorecardId <= 13) return 'I';
  if (scorecardId <= 17) return 'II';
  if (scorecardId <= 20) return 'III';
  if (scorecardId <= 22) return 'IV';
  if (scorecardId <= 25) return 'V';
  return 'VI';
}

export const SCORECARDS: readonly ScorecardInfo[] = NAMES.map(([id, nameVi, nameEn]) => ({
  id,
  sectorCode: sectorOf(id),
  nameVi,
  nameEn,
  file: `set-${String(id).padStart(2, '0')}.csv`,
}));

export function scorecardInfo(id: number): ScorecardInfo | undefined {
  return SCORECARDS.find((s) => s.id === id);
}

export function sector(code: SectorCode): Sector {
  const found = SECTORS.find((s) => s.code === code);
  if (!found) throw new Error(`unknown sector ${code}`);
  return found;
}
