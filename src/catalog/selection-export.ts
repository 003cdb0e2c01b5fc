import type { Locale } from '../core/context.js';
import { neutralizeFormula } from '../imports/cells.js';
import type { ProducerDto } from './producer.presenter.js';
import type { ProductDto } from './product.presenter.js';

type Cell = string | number | null;
interface Column<T> {
  vi: string;
  en: string;
  width: number;
  value: (row: T) => Cell;
}

const PRODUCER_COLUMNS: Array<Column<ProducerDto>> = [
  { vi: 'Mã', en: 'Id', width: 24, value: (p) => p.id },
  { vi: 'Tên chủ thể', en: 'Name', width: 40, value: (p) => p.name },
  { vi: 'Loại hình', en: 'Legal form', width: 28, value: (p) => p.legalForm.name },
  { vi: 'Mã số ĐKKD', en: 'Registration number', width: 18, value: (p) => p.registrationNumber },
  { vi: 'Người đại diện', en: 'Representative', width: 24, value: (p) => p.representative },
  { vi: 'Điện thoại', en: 'Phone', width: 16, value: (p) => p.phone },
  { vi: 'E-mail', en: 'E-mail', width: 24, value: (p) => p.email },
  { vi: 'Địa chỉ', en: 'Address', width: 40, value: (p) => p.address },
  { vi: 'Xã/phường', en: 'Commune', width: 24, value: (p) => p.commune.name },
  { vi: 'Số sản phẩm', en: 'Products', width: 12, value: (p) => p.productCount },
];

const PRODUCT_COLUMNS: Array<Column<ProductDto>> = [
  { vi: 'Mã', en: 'Id', width: 24, value: (p) => p.id },
  { vi: 'Tên sản phẩm', en: 'Product', width: 40, value: (p) => p.nameVi },
  { vi: 'Chủ thể', en: 'Producer', width: 36, value: (p) => p.producer.name },
  { vi: 'Xã/phường', en: 'Commune', width: 24, value: (p) => p.commune.name },
  {
    vi: 'Bộ tiêu chí',
    en: 'Scorecard',
    width: 30,
    value: (p) => `${String(p.scorecard.id)} - ${p.scorecard.name}`,
  },
  { vi: 'Hạng sao', en: 'Stars', width: 10, value: (p) => p.stars },
  { vi: 'Số GCN', en: 'Certificate', width: 18, value: (p) => p.certificate?.number ?? null },
  { vi: 'Trạng thái GCN', en: 'Certificate status', width: 16, value: (p) => p.certificate?.status ?? null },
  { vi: 'Hết hạn', en: 'Expires on', width: 12, value: (p) => p.certificate?.expiresOn ?? null },
  { vi: 'Làng nghề', en: 'Craft village', width: 28, value: (p) => p.craftVillage?.name ?? null },
  { vi: 'Giá (VND)', en: 'Price (VND)', width: 14, value: (p) => p.priceVnd },
];

/** The selected rows of a back-office list as an XLSX workbook; text that looks like a formula is neutralized. */
export async function selectionWorkbook<T>(
  sheetName: string,
  columns: ReadonlyArray<Column<T>>,
  rows: readonly T[],
  locale: Locale,
): Promise<Buffer> {
  // exceljs takes half a second to load: only exports pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c[locale], width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return typeof v === 'string' ? neutralizeFormula(v) : v;
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const producersWorkbook = (rows: readonly ProducerDto[], locale: Locale) =>
  selectionWorkbook(locale === 'en' ? 'Producers' : 'Chủ thể', PRODUCER_COLUMNS, rows, locale);

export const productsWorkbook = (rows: readonly ProductDto[], locale: Locale) =>
  selectionWorkbook(locale === 'en' ? 'Products' : 'Sản phẩm', PRODUCT_COLUMNS, rows, locale);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
