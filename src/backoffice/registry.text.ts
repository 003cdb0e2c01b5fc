import type { CertificateLevel, CertificateStatus } from '../certificates/certificate.js';
import { REVOCATION_REASONS } from '../certificates/certificate.service.js';
import type { Locale } from '../core/context.js';
import { t, type Text } from '../views/format.js';
import type { SafeHtml } from '../views/html.js';
import { badge } from './registry.pages.js';

/** The words of the registry pages (certificates, craft villages, sales points), in Vietnamese and English. */

/* Certificate words, shared by the certificate pages and the records that show a certificate. */

export const STATUS_TEXT: Record<CertificateStatus, Text> = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  expiring: { vi: 'Sắp hết hạn', en: 'Expiring' },
  expired: { vi: 'Hết hạn', en: 'Expired' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded' },
};

export const LEVELS: Record<CertificateLevel, Text> = {
  district: { vi: 'Cấp huyện', en: 'District' },
  province: { vi: 'Cấp tỉnh/thành phố', en: 'Province/city' },
  central: { vi: 'Trung ương', en: 'Central' },
};

export const REASONS: Record<(typeof REVOCATION_REASONS)[number], Text> = {
  process_violation: {
    vi: 'Vi phạm quy trình đánh giá, phân hạng',
    en: 'Breach of the evaluation procedure',
  },
  unsafe_product: {
    vi: 'Sản phẩm không bảo đảm chất lượng, an toàn',
    en: 'Product unsafe or below quality standards',
  },
  product_differs: {
    vi: 'Sản phẩm lưu hành khác sản phẩm được công nhận',
    en: 'Product sold differs from the certified one',
  },
  producer_inactive: {
    vi: 'Chủ thể ngừng sản xuất, giải thể',
    en: 'Producer stopped trading or was dissolved',
  },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

export function statusBadge(l: Locale, status: CertificateStatus): SafeHtml {
  return badge(status, t(l, STATUS_TEXT[status]));
}

/** "unsafe_product: note" as stored → the reason's words, then the note. */
export function reasonText(l: Locale, stored: string | null): string {
  if (stored === null) return '—';
  const [code = '', ...rest] = stored.split(': ');
  const known = REVOCATION_REASONS.find((r) => r === code);
  if (!known) return stored;
  return rest.length ? `${t(l, REASONS[known])}: ${rest.join(': ')}` : t(l, REASONS[known]);
}

/** The certificate pages. */
export const CT = {
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate' },
  searchLabel: { vi: 'Số GCN hoặc tên sản phẩm', en: 'Certificate number or product name' },
  any: { vi: 'Tất cả', en: 'Any' },
  status: { vi: 'Tình trạng', en: 'Status' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  starsWord: { vi: 'sao', en: 'stars' },
  level: { vi: 'Cấp công nhận', en: 'Level' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  year: { vi: 'Năm cấp', en: 'Year of issue' },
  number: { vi: 'Số GCN', en: 'Certificate number' },
  numberHint: { vi: 'Ví dụ: 123/2025/OCOP-HN', en: 'For example: 123/2025/OCOP-HN' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  productId: { vi: 'Mã sản phẩm', en: 'Product id' },
  productIdHint: {
    vi: 'Mã hiển thị trên trang sản phẩm (prd_…). Giấy chứng nhận hiện hành của sản phẩm sẽ được thay thế.',
    en: 'The id shown on the product page (prd_…). The product’s current certificate will be superseded.',
  },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  score: { vi: 'Điểm (0–100)', en: 'Score (0–100)' },
  decision: { vi: 'Quyết định công nhận', en: 'Decision' },
  decisionNumber: { vi: 'Số quyết định', en: 'Decision number' },
  decisionDate: { vi: 'Ngày quyết định', en: 'Decision date' },
  issuedOn: { vi: 'Ngày cấp', en: 'Issued on' },
  issuedHint: { vi: 'Hiệu lực 36 tháng kể từ ngày cấp.', en: 'Valid for 36 months from this date.' },
  expiresOn: { vi: 'Hết hạn', en: 'Expires on' },
  revokedOn: { vi: 'Ngày thu hồi', en: 'Revoked on' },
  supersededBy: { vi: 'Được thay thế bởi', en: 'Superseded by' },
  verify: { vi: 'Trang tra cứu công khai', en: 'Public verification page' },
  document: { vi: 'Văn bản giấy chứng nhận', en: 'Certificate document' },
  downloadPdf: { vi: 'Tải bản PDF (có mã QR kiểm tra)', en: 'Download the PDF (with its verification QR)' },
  demo: { vi: 'Dữ liệu minh họa', en: 'Demonstration data' },
  reason: { vi: 'Lý do thu hồi', en: 'Reason for revocation' },
  chooseReason: { vi: '— Chọn lý do —', en: '— Choose a reason —' },
  note: { vi: 'Ghi chú', en: 'Note' },
  noteHint: { vi: 'Bắt buộc khi chọn “Lý do khác”.', en: 'Required with “Other reason”.' },
  revokeTitle: { vi: 'Thu hồi giấy chứng nhận', en: 'Revoke the certificate' },
  revokeButton: { vi: 'Thu hồi', en: 'Revoke' },
  revoked: { vi: 'Đã thu hồi giấy chứng nhận.', en: 'The certificate was revoked.' },
  revokeSelected: { vi: 'Thu hồi các giấy chứng nhận đã chọn', en: 'Revoke selected certificates' },
  bulkLegend: { vi: 'Thao tác với các mục đã chọn', en: 'Action on the selected rows' },
  bulkDone: {
    vi: 'Đã thu hồi {n} giấy chứng nhận ({m} đã bị thu hồi từ trước).',
    en: 'Revoked {n} certificates ({m} were already revoked).',
  },
  bulkFailed: { vi: 'Chưa thu hồi được', en: 'Nothing was revoked' },
  backToList: { vi: 'Quay lại danh sách', en: 'Back to the list' },
  ofProduct: { vi: 'Các giấy chứng nhận của sản phẩm', en: 'Certificates of this product' },
  issueTitle: { vi: 'Cấp giấy chứng nhận', en: 'Issue a certificate' },
  issueButton: { vi: 'Cấp giấy chứng nhận', en: 'Issue' },
  issued: { vi: 'Đã cấp giấy chứng nhận.', en: 'The certificate was issued.' },
} satisfies Record<string, Text>;

/** The craft village pages. */
export const VT = {
  village: { vi: 'Làng nghề', en: 'Craft village' },
  search: { vi: 'Tên làng nghề', en: 'Village name' },
  any: { vi: 'Tất cả', en: 'Any' },
  name: { vi: 'Tên làng nghề', en: 'Name' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  craft: { vi: 'Nghề', en: 'Craft' },
  recognized: { vi: 'Đã được công nhận', en: 'Recognized' },
  notRecognized: { vi: 'Chưa được công nhận', en: 'Not recognized' },
  recognition: { vi: 'Công nhận', en: 'Recognition' },
  traditional: { vi: 'Làng nghề truyền thống', en: 'Traditional craft village' },
  decision: { vi: 'Số quyết định công nhận', en: 'Recognition decision number' },
  year: { vi: 'Năm công nhận', en: 'Year of recognition' },
  recognitionHint: {
    vi: 'Bắt buộc khi làng nghề đã được công nhận.',
    en: 'Required when the village is recognized.',
  },
  description: { vi: 'Giới thiệu', en: 'Description' },
  products: { vi: 'Sản phẩm OCOP', en: 'OCOP products' },
  publicPage: { vi: 'Trang công khai', en: 'Public page' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  newTitle: { vi: 'Thêm làng nghề', en: 'Add a craft village' },
  editTitle: { vi: 'Sửa làng nghề', en: 'Edit craft village' },
  created: { vi: 'Đã thêm làng nghề.', en: 'The craft village was added.' },
  markRecognized: { vi: 'Đánh dấu đã được công nhận', en: 'Mark as recognized' },
  bulkLegend: {
    vi: 'Công nhận các làng nghề đã chọn theo một quyết định',
    en: 'Recognize the selected villages under one decision',
  },
  bulkDone: { vi: 'Đã cập nhật {n} làng nghề.', en: 'Updated {n} craft villages.' },
  bulkFailed: { vi: 'Chưa cập nhật được', en: 'Nothing was updated' },
  backToList: { vi: 'Quay lại danh sách', en: 'Back to the list' },
} satisfies Record<string, Text>;

/** The sales point pages. */
export const ST = {
  point: { vi: 'Điểm bán', en: 'Sales point' },
  search: { vi: 'Tên điểm bán', en: 'Name' },
  any: { vi: 'Tất cả', en: 'Any' },
  name: { vi: 'Tên điểm bán', en: 'Name' },
  locationType: { vi: 'Loại địa điểm (QĐ 950)', en: 'Location type (Decision 950)' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  products: { vi: 'Sản phẩm bày bán', en: 'Products stocked' },
  checklist: { vi: 'Tiêu chí điểm giới thiệu và bán sản phẩm OCOP (QĐ 950)', en: 'Decision 950 checklist' },
  operator: { vi: 'Đơn vị vận hành', en: 'Operator' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'E-mail', en: 'E-mail' },
  website: { vi: 'Trang web', en: 'Website' },
  openingHours: { vi: 'Giờ mở cửa', en: 'Opening hours' },
  openingHint: { vi: 'Ví dụ: 8:00–21:00 hằng ngày', en: 'For example: 8:00–21:00 daily' },
  tourismLinked: { vi: 'Gắn với du lịch', en: 'Linked to tourism' },
  craftVillageId: { vi: 'Mã làng nghề gắn với điểm bán', en: 'Id of the craft village it belongs to' },
  craftVillageHint: { vi: 'Để trống nếu không có (cv_…).', en: 'Leave empty if none (cv_…).' },
  location: { vi: 'Vị trí trên bản đồ', en: 'Location on the map' },
  latitude: { vi: 'Vĩ độ', en: 'Latitude' },
  longitude: { vi: 'Kinh độ', en: 'Longitude' },
  locationHint: {
    vi: 'Tọa độ WGS 84 trong Hà Nội, ví dụ 21.0285 và 105.8542. Có thể bấm vào bản đồ để chọn.',
    en: 'WGS 84 coordinates inside Hà Nội, e.g. 21.0285 and 105.8542. You may click the map to pick them.',
  },
  contact: { vi: 'Liên hệ', en: 'Contact' },
  publicPage: { vi: 'Trang công khai', en: 'Public page' },
  village: { vi: 'Làng nghề', en: 'Craft village' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  newTitle: { vi: 'Thêm điểm bán', en: 'Add a sales point' },
  editTitle: { vi: 'Sửa điểm bán', en: 'Edit sales point' },
  created: { vi: 'Đã thêm điểm bán.', en: 'The sales point was added.' },
  stockTitle: { vi: 'Sản phẩm bày bán tại', en: 'Products stocked at' },
  stockEdit: { vi: 'Cập nhật sản phẩm bày bán', en: 'Change the products stocked' },
  stockSearch: { vi: 'Tìm sản phẩm để thêm', en: 'Find products to add' },
  stockHint: {
    vi: 'Đánh dấu các sản phẩm điểm bán đang bày bán; bỏ đánh dấu để gỡ.',
    en: 'Tick the products the point stocks; untick to remove one.',
  },
  stockSaved: { vi: 'Đã cập nhật sản phẩm bày bán.', en: 'The products stocked were updated.' },
  noMatch: { vi: 'Không tìm thấy sản phẩm nào.', en: 'No product matches.' },
  bulkLegend: {
    vi: 'Ghi nhận một tiêu chí QĐ 950 cho các điểm bán đã chọn',
    en: 'Record one Decision 950 criterion for the selected points',
  },
  markChecklist: { vi: 'Ghi nhận tiêu chí', en: 'Record a criterion' },
  checklistItem: { vi: 'Tiêu chí', en: 'Criterion' },
  met: { vi: 'Đáp ứng', en: 'Met' },
  bulkDone: { vi: 'Đã cập nhật {n} điểm bán.', en: 'Updated {n} sales points.' },
  bulkFailed: { vi: 'Chưa cập nhật được', en: 'Nothing was updated' },
  backToList: { vi: 'Quay lại danh sách', en: 'Back to the list' },
} satisfies Record<string, Text>;
