/**
 * Vietnamese personal names, brands and hamlet names for the demonstration. Every combination is made up;
 * any likeness to a real person or firm is chance.
 */
import { type Rng, weightedPicker } from './random.js';

/** Lists of single syllables are written as one string to keep them readable. */
function words(text: string): string[] {
  return text.split(' ');
}

// Shares roughly as in the population: Nguyễn alone is about a third.
const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 34],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Đỗ', 4],
  ['Bùi', 3],
  ['Đặng', 3],
  ['Ngô', 2],
  ['Dương', 2],
  ['Đào', 2],
  ['Đinh', 2],
  ['Lý', 1],
  ['Phan', 2],
  ['Trịnh', 2],
  ['Tạ', 1],
  ['Khuất', 1],
  ['Kiều', 1],
  ['Lưu', 1],
];

const MALE_MIDDLE = words('Văn Đức Minh Quang Xuân Hữu Công Mạnh Tiến Thanh');
const FEMALE_MIDDLE = words('Thị Thị Thị Thu Ngọc Thanh Minh Hồng Phương Kim');
const MALE_GIVEN = words(
  'Hùng Dũng Tuấn Hải Long Nam Sơn Thắng Cường Hòa Bình Khánh Phúc Quân Toàn Trung Vinh Hiếu Đạt Thành Lâm Tùng Huy Kiên',
);
const FEMALE_GIVEN = words(
  'Lan Hương Hoa Mai Hằng Thảo Nga Huyền Hà Linh Trang Yến Loan Thủy Dung Oanh Tâm Vân Nhung Liên Ngân Hạnh Duyên Anh',
);

/** Two-syllable trade names as Vietnamese firms use them ("Minh Hải", "Phương Anh"). */
const BRAND_FIRST = words(
  'Minh Phương Hoàng Thành An Phú Hưng Quang Bảo Tâm Việt Hồng Thiên Kim Đức Ngọc Trường Gia Hải Nam Tân Thái Vạn Xuân',
);
const BRAND_SECOND = words(
  'Hải Anh Long Đạt Phát Thịnh Lộc Khang Hà Linh Sơn Nguyên Hưng Phúc Tiến Thành Minh Vinh Giang Châu Mai Trang Quân Bình',
);

/** Hamlet (thôn) names are mostly Sino-Vietnamese pairs of auspicious syllables. */
const HAMLET_FIRST = words(
  'Phú An Yên Đông Tây Hòa Thượng Hạ Trung Văn Vĩnh Bình Lạc Mỹ Thịnh Xuân Phúc Kim Ngọc Đại Quang Thanh Tân Cao Hương Đoài Nội Ngoại Lương Khánh Thụy Hậu Thái Long Vân Đình',
);
const HAMLET_SECOND = words(
  'Lão Mỹ Lạc Hòa Ninh Khê Xá Trạch Bảng Lâm Sơn Hà Phong Đường Trì Cầu Lộc Thọ Xuyên Điền Vực Lý Nghĩa Tảo Đồng Hưng Quan Lễ Tràng Liệt Dương Bồng Lai Hoàng Viên',
);

const pickFamily = weightedPicker(FAMILY_NAMES, ([, w]) => w);

export interface PersonName {
  full: string;
  woman: boolean;
}

export function personName(rng: Rng, woman: boolean): PersonName {
  const [family] = pickFamily(rng);
  const middle = rng.pick(woman ? FEMALE_MIDDLE : MALE_MIDDLE);
  const given = rng.pick(woman ? FEMALE_GIVEN : MALE_GIVEN);
  return { full: `${family} ${middle} ${given}`, woman };
}

export function brandName(rng: Rng): string {
  const first = rng.pick(BRAND_FIRST);
  let second = rng.pick(BRAND_SECOND);
  if (second === first) second = rng.pick(BRAND_SECOND);
  return `${first} ${second}`;
}

export function hamletName(rng: Rng): string {
  const first = rng.pick(HAMLET_FIRST);
  let second = rng.pick(HAMLET_SECOND);
  while (second === first) second = rng.pick(HAMLET_SECOND);
  return `${first} ${second}`;
}

/** A street address line: hamlets in rural communes, residential groups in urban wards. */
export function addressLine(rng: Rng, communeKind: string, hamlet?: string): string {
  if (communeKind === 'Phường') return `Số ${rng.int(1, 199)}, tổ dân phố ${rng.int(1, 28)}`;
  return `Thôn ${hamlet ?? hamletName(rng)}`;
}

/** Mobile numbers in the national 10-digit format (09x…). */
export function phoneNumber(rng: Rng): string {
  return `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** "Xã Bát Tràng" → "xã Bát Tràng": unit kinds are written in lower case inside an address. */
export function lowerKind(fullName: string): string {
  return fullName.replace(/^(Thị trấn|Thị xã|Xã|Phường|Quận|Huyện|Thành phố)(?= )/u, (k) => k.toLowerCase());
}
