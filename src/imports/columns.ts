import { foldVi } from '../core/vi-text.js';

/**
 * The columns of a decision's appendix (and of our exports). Headers are matched folded (case, marks, spacing
 * and tone style do not matter), in any order, by their usual synonyms; a header such as "Phân hạng / Số sao"
 * matches through either half, and a parenthesised note ("Điểm (thang 100)") is ignored.
 */
export type ColumnKey =
  | 'stt'
  | 'product'
  | 'producer'
  | 'address'
  | 'stars'
  | 'score'
  | 'scorecard'
  | 'decisionNumber'
  | 'decisionDate'
  | 'issuedOn'
  | 'level'
  | 'certificateNumber'
  | 'registrationNumber'
  | 'communeCode';

export interface ColumnDef {
  key: ColumnKey;
  /** The header our exports write. */
  header: string;
  headerEn: string;
  required: boolean;
  synonyms: string[];
}

export const COLUMNS: readonly ColumnDef[] = [
  col('stt', 'STT', 'No.', false, ['stt', 'so tt', 'so thu tu', 'tt']),
  col('product', 'Tên sản phẩm', 'Product', true, [
    'ten san pham',
    'san pham',
    'ten sp',
    'ten san pham ocop',
    'san pham ocop',
  ]),
  col('producer', 'Chủ thể', 'Producer', true, [
    'chu the',
    'ten chu the',
    'chu the ocop',
    'chu the san xuat',
    'ten chu the ocop',
    'don vi',
    'ten don vi',
    'co so san xuat',
  ]),
  col('address', 'Địa chỉ', 'Address', true, [
    'dia chi',
    'dia chi chu the',
    'dia chi tru so',
    'dia chi san xuat',
  ]),
  col('stars', 'Phân hạng / Số sao', 'Stars', true, [
    'phan hang',
    'so sao',
    'hang sao',
    'xep hang',
    'hang',
    'ket qua phan hang',
    'phan hang sao',
    'sao',
  ]),
  col('score', 'Điểm', 'Score', false, ['diem', 'diem so', 'tong diem', 'diem danh gia', 'so diem']),
  col('scorecard', 'Bộ sản phẩm', 'Scorecard', true, [
    'bo san pham',
    'bo sp',
    'bo tieu chi',
    'nhom san pham',
    'bo san pham ocop',
  ]),
  col('decisionNumber', 'Số quyết định', 'Decision number', true, [
    'so quyet dinh',
    'so qd',
    'quyet dinh',
    'quyet dinh so',
  ]),
  col('decisionDate', 'Ngày quyết định', 'Decision date', true, [
    'ngay quyet dinh',
    'ngay qd',
    'ngay ban hanh',
    'ngay ky quyet dinh',
  ]),
  col('issuedOn', 'Ngày cấp', 'Issued on', false, [
    'ngay cap',
    'ngay cap giay chung nhan',
    'ngay cap gcn',
    'ngay cong nhan',
  ]),
  col('level', 'Cấp công nhận', 'Level', false, ['cap cong nhan', 'cap', 'cap danh gia', 'cap quyet dinh']),
  col('certificateNumber', 'Số giấy chứng nhận', 'Certificate number', false, [
    'so giay chung nhan',
    'so gcn',
    'so chung nhan',
    'ma chung nhan',
  ]),
  col('registrationNumber', 'Mã số doanh nghiệp', 'Registration number', false, [
    'ma so doanh nghiep',
    'ma so thue',
    'mst',
    'so dkkd',
    'so dang ky kinh doanh',
    'ma so dang ky',
  ]),
  col('communeCode', 'Mã xã/phường', 'Commune code', false, [
    'ma xa phuong',
    'ma xa',
    'ma phuong xa',
    'ma don vi hanh chinh',
  ]),
];

function col(key: ColumnKey, header: string, headerEn: string, required: boolean, synonyms: string[]) {
  return { key, header, headerEn, required, synonyms: [...synonyms, foldVi(header), foldVi(headerEn)] };
}

const BY_SYNONYM = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const s of c.synonyms) if (!BY_SYNONYM.has(s)) BY_SYNONYM.set(s, c.key);

/** The column a header names, or undefined. */
export function matchHeader(header: string): ColumnKey | undefined {
  const bare = header.replace(/\([^)]*\)/g, ' ');
  const whole = BY_SYNONYM.get(foldVi(bare));
  if (whole) return whole;
  for (const part of bare.split(/[/|]/)) {
    const key = BY_SYNONYM.get(foldVi(part));
    if (key) return key;
  }
  return undefined;
}

/** Column index (0-based) of each recognised column; the first header wins when two name the same column. */
export type HeaderMap = Partial<Record<ColumnKey, number>>;

export function mapHeaders(cells: readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  cells.forEach((cell, i) => {
    const key = matchHeader(cell);
    if (key !== undefined && map[key] === undefined) map[key] = i;
  });
  return map;
}

export function missingColumns(map: HeaderMap): ColumnDef[] {
  return COLUMNS.filter((c) => c.required && map[c.key] === undefined);
}

/** A row is taken as the header when it names at least this many columns. */
export const HEADER_MIN_MATCHES = 3;
/** Appendices open with a title block; the header is looked for in the first rows only. */
export const HEADER_SEARCH_ROWS = 30;
