import { foldVi } from '../core/vi-text.js';

/**
 * Reading unit names as people write them: "xã Sơn Hà", "TT. Phú Xuyên", "Q.Hà Đông", "huyen phu xuyen".
 * Everything is compared in folded form (no marks, đ→d, lower case, punctuation as spaces), so tone style,
 * NFD input, case and spacing do not matter.
 */
export type PrefixLevel = 'province' | 'district' | 'commune';

interface Prefix {
  tokens: string[];
  /** Prefixes that may name a unit of several levels ("Thành phố") list each. */
  levels: PrefixLevel[];
  /** The unit kind the prefix names, when it names one. */
  kind?: string;
}

const PREFIXES: Prefix[] = [
  { tokens: ['thi', 'tran'], levels: ['commune'], kind: 'Thị trấn' },
  { tokens: ['dac', 'khu'], levels: ['commune'], kind: 'Đặc khu' },
  { tokens: ['thi', 'xa'], levels: ['district'], kind: 'Thị xã' },
  { tokens: ['thanh', 'pho'], levels: ['district', 'province'] },
  { tokens: ['tt'], levels: ['commune'], kind: 'Thị trấn' },
  { tokens: ['xa'], levels: ['commune'], kind: 'Xã' },
  { tokens: ['x'], levels: ['commune'], kind: 'Xã' },
  { tokens: ['phuong'], levels: ['commune'], kind: 'Phường' },
  { tokens: ['p'], levels: ['commune'], kind: 'Phường' },
  { tokens: ['quan'], levels: ['district'], kind: 'Quận' },
  { tokens: ['q'], levels: ['district'], kind: 'Quận' },
  { tokens: ['huyen'], levels: ['district'], kind: 'Huyện' },
  { tokens: ['h'], levels: ['district'], kind: 'Huyện' },
  { tokens: ['tx'], levels: ['district'], kind: 'Thị xã' },
  { tokens: ['tp'], levels: ['district', 'province'] },
  { tokens: ['tinh'], levels: ['province'], kind: 'Tỉnh' },
];

export interface ParsedName {
  /** Folded name without its prefix: the look-up key. */
  key: string;
  /** The same with its marks (see `markedKey`); equal to `key` when the text was written without any. */
  marked: string;
  /**
   * The whole folded text. Also looked up, because some names start like a prefix: "Phương Liên" is a
   * ward, not "phường Liên".
   */
  whole: string;
  /** The level the prefix points to, if there was one. */
  level?: PrefixLevel;
  kind?: string;
}

/**
 * Splits a leading unit prefix off a name. Only prefixes of `level` are considered when it is given, so
 * that a ward called "Quan Hoa" keeps its name. A prefix alone is kept as the name.
 */
export function parseUnitName(input: string, level?: PrefixLevel): ParsedName {
  const whole = foldVi(input);
  const tokens = whole.split(' ');
  const marked = markedKey(input);
  for (const p of PREFIXES) {
    if (level && !p.levels.includes(level)) continue;
    if (tokens.length > p.tokens.length && p.tokens.every((t, i) => tokens[i] === t)) {
      return {
        key: tokens.slice(p.tokens.length).join(' '),
        marked: marked.split(' ').slice(p.tokens.length).join(' '),
        whole,
        level: level ?? p.levels[0] ?? 'commune',
        ...(p.kind ? { kind: p.kind } : {}),
      };
    }
  }
  return { key: whole, marked, whole };
}

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Lower case with every mark, but blind to where the tone sits: each word keeps its letters and vowel
 * marks and lists its tone after them, so "Hoà" and "Hòa" agree while "Vạn" and "Vân" (both "van" when
 * folded) do not. Words split where `foldVi` splits them.
 */
export function markedKey(input: string): string {
  return input
    .normalize('NFD')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .map((word) => `${word.replace(TONE, '')}${(word.match(TONE) ?? []).join('')}`.normalize('NFC'))
    .join(' ');
}

export interface AddressParts {
  commune: string;
  district?: string;
  province?: string;
}

/**
 * Splits a one-line address ("Thôn Kiêu Kỵ, xã Kiêu Kỵ, huyện Gia Lâm, Hà Nội") into its unit parts.
 * Parts are recognised by their prefix; without prefixes the last parts are taken as commune, district,
 * province in that order, skipping a trailing province that `isProvince` recognises.
 */
export function splitAddress(line: string, isProvince: (part: string) => boolean): AddressParts {
  const parts = line
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  let province: string | undefined;
  const last = parts.at(-1);
  if (parts.length > 1 && last !== undefined && isProvince(last)) {
    province = last;
    parts.pop();
  }
  const levels = parts.map((p) => parseUnitName(p).level);
  const districtAt = levels.lastIndexOf('district');
  const communeAt = levels.lastIndexOf('commune');
  let commune = parts[communeAt] ?? parts[districtAt - 1];
  let district = districtAt >= 0 ? parts[districtAt] : undefined;
  if (commune === undefined) {
    // No prefix told us anything: "Bát Tràng, Gia Lâm".
    commune = parts.length > 1 ? parts.at(-2) : parts[0];
    district = parts.length > 1 ? parts.at(-1) : undefined;
  }
  return {
    commune: commune ?? line,
    ...(district !== undefined ? { district } : {}),
    ...(province !== undefined ? { province } : {}),
  };
}

/** Edit distance, for "did you mean" suggestions only (a few hundred short names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
