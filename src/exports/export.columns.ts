import type { ProducerRow } from '../catalog/producer.repository.js';
import { LEGAL_FORMS } from '../catalog/legal-forms.js';
import { LEVEL_LABELS, type Level } from '../imports/cells.js';
import { COLUMNS, type ColumnKey } from '../imports/columns.js';
import { LOCATION_TYPES } from '../sales-points/location-types.js';
import type { SalesPointRow } from '../sales-points/sales-point.repository.js';
import { scorecardInfo } from '../scorecards/taxonomy.js';
import type { CraftVillageRow } from '../villages/craft-village.repository.js';
import type { ExportColumn, SheetSpec } from './export.sheet.js';

/**
 * The columns of each list. Products and certificates carry the import's columns (imports/columns.ts), under the
 * import's own headers, so that `ocop import` of either export finds every row `unchanged`; the other lists have
 * the fields a reader of that list expects.
 */

/** A certificate as the import reads it: one row of a decision's appendix. */
export interface RegistryRow {
  product: string;
  producer: string;
  address: string;
  communeCode: string;
  registrationNumber: string | null;
  stars: number | null;
  score: number | null;
  scorecardId: number;
  level: Level | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  issuedOn: string | null;
  certificateNumber: string | null;
}

const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header ?? key;

const stt = <T>(): ExportColumn<T> => ({ header: header('stt'), width: 6, value: (_row, n) => n });

const yesNo = (b: boolean) => (b ? 'Có' : 'Không');

function scorecardCell(id: number): string | number {
  const card = scorecardInfo(id);
  return card ? `${card.id} - ${card.nameVi}` : id;
}

const IMPORT_COLUMNS: Array<ExportColumn<RegistryRow>> = [
  stt(),
  { header: header('product'), value: (r) => r.product },
  { header: header('producer'), value: (r) => r.producer },
  { header: header('address'), value: (r) => r.address },
  { header: header('communeCode'), value: (r) => r.communeCode },
  { header: header('registrationNumber'), value: (r) => r.registrationNumber },
  { header: header('stars'), value: (r) => r.stars },
  { header: header('score'), value: (r) => r.score },
  { header: header('scorecard'), value: (r) => scorecardCell(r.scorecardId) },
  { header: header('level'), value: (r) => (r.level ? LEVEL_LABELS[r.level] : null) },
  { header: header('decisionNumber'), value: (r) => r.decisionNumber },
  { header: header('decisionDate'), date: true, value: (r) => r.decisionDate },
  { header: header('issuedOn'), date: true, value: (r) => r.issuedOn },
  { header: header('certificateNumber'), value: (r) => r.certificateNumber },
];

export const PRODUCT_SHEET: SheetSpec<RegistryRow> = { sheetName: 'Sản phẩm OCOP', columns: IMPORT_COLUMNS };

/** The import ignores columns it does not know: the certificate's end and revocation ride along. */
export type CertificateExportRow = RegistryRow & { expiresOn: string; revokedOn: string | null };

export const CERTIFICATE_SHEET: SheetSpec<CertificateExportRow> = {
  sheetName: 'Giấy chứng nhận OCOP',
  columns: [
    ...IMPORT_COLUMNS,
    { header: 'Ngày hết hạn', date: true, value: (r) => r.expiresOn },
    { header: 'Ngày thu hồi', date: true, value: (r) => r.revokedOn },
  ],
};

export const PRODUCER_SHEET: SheetSpec<ProducerRow> = {
  sheetName: 'Chủ thể OCOP',
  columns: [
    stt(),
    { header: 'Tên chủ thể', width: 40, value: (p) => p.name },
    {
      header: 'Loại hình',
      width: 30,
      value: (p) => LEGAL_FORMS.find((f) => f.code === p.legal_form)?.vi ?? p.legal_form,
    },
    { header: header('registrationNumber'), value: (p) => p.registration_number },
    { header: 'Người đại diện', value: (p) => p.representative },
    { header: 'Điện thoại', width: 16, value: (p) => p.phone },
    { header: 'E-mail', width: 28, value: (p) => p.email },
    { header: 'Website', width: 28, value: (p) => p.website },
    { header: 'Địa chỉ', width: 40, value: (p) => p.address },
    { header: 'Địa chỉ cũ', width: 40, value: (p) => p.old_address },
    { header: header('communeCode'), width: 12, value: (p) => p.commune_id },
    { header: 'Xã/phường', width: 30, value: (p) => p.commune_name },
    { header: 'Số sản phẩm', width: 12, value: (p) => p.product_count },
  ],
};

export const CRAFT_VILLAGE_SHEET: SheetSpec<CraftVillageRow> = {
  sheetName: 'Làng nghề',
  columns: [
    stt(),
    { header: 'Tên làng nghề', width: 36, value: (v) => v.name },
    { header: 'Nghề', width: 24, value: (v) => v.craft },
    { header: header('communeCode'), width: 12, value: (v) => v.commune_id },
    { header: 'Xã/phường', width: 30, value: (v) => v.commune_name },
    { header: 'Đã công nhận', width: 14, value: (v) => yesNo(v.recognized === 1) },
    { header: 'Làng nghề truyền thống', width: 14, value: (v) => yesNo(v.traditional === 1) },
    { header: 'Quyết định công nhận', value: (v) => v.recognition_decision },
    { header: 'Năm công nhận', width: 14, value: (v) => v.recognition_year },
    { header: 'Số sản phẩm OCOP', width: 12, value: (v) => v.product_count },
    { header: 'Mô tả', width: 50, value: (v) => v.description },
  ],
};

export const SALES_POINT_SHEET: SheetSpec<SalesPointRow> = {
  sheetName: 'Điểm bán OCOP',
  columns: [
    stt(),
    { header: 'Tên điểm bán', width: 36, value: (s) => s.name },
    {
      header: 'Loại địa điểm',
      width: 30,
      value: (s) => LOCATION_TYPES.find((t) => t.code === s.location_type)?.vi ?? s.location_type,
    },
    { header: 'Địa chỉ', width: 40, value: (s) => s.address },
    { header: header('communeCode'), width: 12, value: (s) => s.commune_id },
    { header: 'Xã/phường', width: 30, value: (s) => s.commune_name },
    { header: 'Vĩ độ', width: 12, value: (s) => s.latitude },
    { header: 'Kinh độ', width: 12, value: (s) => s.longitude },
    { header: 'Đơn vị vận hành', value: (s) => s.operator },
    { header: 'Điện thoại', width: 16, value: (s) => s.phone },
    { header: 'E-mail', width: 28, value: (s) => s.email },
    { header: 'Website', width: 28, value: (s) => s.website },
    { header: 'Giờ mở cửa', value: (s) => s.opening_hours },
    { header: 'Làng nghề', value: (s) => s.craft_village_name },
    {
      header: 'Gắn với du lịch',
      width: 14,
      value: (s) => yesNo(s.tourism_linked === 1 || s.craft_village_id !== null),
    },
    { header: 'Số sản phẩm OCOP', width: 12, value: (s) => s.product_count },
  ],
};
