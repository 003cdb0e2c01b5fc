import type { Locale } from '../core/context.js';
import type { RowAction } from '../imports/import.plan.js';
import type { ImportReport } from '../imports/import.service.js';
import { formatNumber, type Text } from '../views/format.js';

/** Words of the appendix import page (/admin/imports), in Vietnamese and English. */
export const IMP = {
  title: { vi: 'Nhập phụ lục quyết định', en: "Import a decision's appendix" },
  reportTitle: { vi: 'Kết quả chạy thử', en: 'Dry-run report' },
  intro: {
    vi: 'Tải lên phụ lục (Excel .xlsx hoặc CSV UTF-8) của quyết định công nhận sản phẩm OCOP. Hệ thống chạy thử trước, chưa ghi gì, và cho xem từng dòng sẽ được xử lý thế nào; sau đó bạn mới bấm “Ghi vào sổ đăng ký”.',
    en: 'Upload the appendix (Excel .xlsx or UTF-8 CSV) of an OCOP recognition decision. It is dry-run first, writing nothing, and shows what each row would do; then you press “Apply to the registry”.',
  },
  file: { vi: 'Tệp phụ lục (.xlsx hoặc .csv)', en: 'Appendix file (.xlsx or .csv)' },
  columns: {
    vi: 'Cột bắt buộc: Tên sản phẩm, Chủ thể, Địa chỉ, Phân hạng / Số sao, Bộ sản phẩm, Số quyết định, Ngày quyết định.',
    en: 'Required columns: product name, producer, address, stars, scorecard, decision number, decision date.',
  },
  upload: { vi: 'Tải lên và chạy thử', en: 'Upload and dry-run' },
  noFile: {
    vi: 'Hãy chọn một tệp .xlsx hoặc .csv để tải lên.',
    en: 'Choose an .xlsx or .csv file to upload.',
  },
  gone: {
    vi: 'Không tìm thấy tệp đã tải lên (có thể đã được nhập hoặc đã quá hạn). Hãy tải tệp lên lại.',
    en: 'The uploaded file is no longer here (it may have been applied already or have expired). Upload it again.',
  },
  dryRun: {
    vi: 'Chạy thử: chưa ghi gì vào sổ đăng ký.',
    en: 'Dry run: nothing has been written to the registry yet.',
  },
  fileLine: { vi: 'Tệp', en: 'File' },
  rowsTitle: { vi: 'Các dòng', en: 'Rows' },
  rowsHint: {
    vi: 'Các dòng lỗi và cần xem được xếp lên đầu.',
    en: 'Rows with errors and rows to review come first.',
  },
  noRows: { vi: 'Tệp không có dòng sản phẩm nào.', en: 'The file has no product rows.' },
  line: { vi: 'Dòng', en: 'Line' },
  action: { vi: 'Xử lý', en: 'Action' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  commune: { vi: 'Địa chỉ / xã, phường', en: 'Address / commune' },
  messages: { vi: 'Ghi chú', en: 'Messages' },
  chooseCommune: { vi: 'Xã/phường mới cho dòng', en: 'New commune for line' },
  notChosen: { vi: '— chưa chọn (bỏ qua dòng này) —', en: '— not chosen (skip this row) —' },
  splitHint: {
    vi: 'Xã cũ đã được chia; hãy chọn xã/phường mới.',
    en: 'The old commune was split; choose the new one.',
  },
  suggestions: { vi: 'Có thể là', en: 'Perhaps' },
  warning: { vi: 'Lưu ý', en: 'Note' },
  onlyValid: {
    vi: 'Chỉ nhập các dòng hợp lệ (bỏ qua các dòng lỗi)',
    en: 'Import the valid rows only (skip the rows with errors)',
  },
  onlyValidHint: {
    vi: 'Nếu không chọn, tệp có lỗi sẽ không được ghi dòng nào.',
    en: 'Unless this is ticked, a file with errors writes nothing.',
  },
  apply: { vi: 'Ghi vào sổ đăng ký', en: 'Apply to the registry' },
  nothingNew: {
    vi: 'Không có gì mới để ghi: mọi dòng hợp lệ đều đã có trong sổ đăng ký.',
    en: 'Nothing new to write: every valid row is already in the registry.',
  },
  again: { vi: 'Tải lên tệp khác', en: 'Upload another file' },
} satisfies Record<string, Text>;

export const ACTION_TEXT: Record<RowAction, Text> = {
  create: { vi: 'Tạo mới', en: 'Create' },
  update: { vi: 'Cập nhật', en: 'Update' },
  unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  review: { vi: 'Cần xem', en: 'Review' },
  error: { vi: 'Lỗi', en: 'Error' },
};

/** The size limit as the form states it ("tối đa 20 MB"). */
export function sizeHint(locale: Locale, bytes: number): string {
  const mb = formatNumber(locale, Math.round(bytes / 1024 / 1024));
  return locale === 'vi' ? `Tối đa ${mb} MB.` : `At most ${mb} MB.`;
}

export function tooLarge(locale: Locale, bytes: number): string {
  const mb = formatNumber(locale, Math.round(bytes / 1024 / 1024));
  return locale === 'vi'
    ? `Tệp quá lớn: giới hạn là ${mb} MB.`
    : `The file is too large: the limit is ${mb} MB.`;
}

/** The notice after an apply: what was written, or that nothing was and why. */
export function appliedNotice(locale: Locale, r: ImportReport): string {
  const s = r.summary;
  const n = (x: number) => formatNumber(locale, x);
  if (!r.applied) {
    return locale === 'vi'
      ? `Không ghi gì: tệp có ${n(s.error)} dòng lỗi. Sửa tệp, hoặc chọn “chỉ nhập các dòng hợp lệ”.`
      : `Nothing was written: the file has ${n(s.error)} rows with errors. Fix it, or tick “valid rows only”.`;
  }
  const skipped = s.error + s.review;
  return locale === 'vi'
    ? `Đã ghi vào sổ đăng ký: ${n(s.create)} tạo mới, ${n(s.update)} cập nhật, ${n(s.unchanged)} không đổi` +
        (skipped > 0 ? `; bỏ qua ${n(s.error)} dòng lỗi, ${n(s.review)} dòng cần xem.` : '.')
    : `Applied to the registry: ${n(s.create)} created, ${n(s.update)} updated, ${n(s.unchanged)} unchanged` +
        (skipped > 0 ? `; skipped ${n(s.error)} with errors, ${n(s.review)} to review.` : '.');
}
