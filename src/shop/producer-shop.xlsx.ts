import type { Locale } from '../core/context.js';
import { neutralizeFormula } from '../imports/cells.js';
import { t, type Text } from '../views/format.js';
import { salesByCommune, type SalesRow } from './producer-shop.service.js';

/**
 * The city office's sales as a spreadsheet: one sheet by producer and month, one by commune and month, money as
 * numbers (whole đồng) so officials can total and chart them. Names are neutralized as in every export.
 */

const W = {
  byProducer: { vi: 'Theo chủ thể', en: 'By producer' },
  byCommune: { vi: 'Theo xã phường', en: 'By commune' },
  month: { vi: 'Tháng', en: 'Month' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  communeCode: { vi: 'Mã xã/phường', en: 'Commune code' },
  orders: { vi: 'Số đơn', en: 'Orders' },
  revenue: { vi: 'Doanh thu (đồng)', en: 'Revenue (đồng)' },
} satisfies Record<string, Text>;

type Workbook = InstanceType<(typeof import('exceljs'))['Workbook']>;

function addSheet(
  wb: Workbook,
  l: Locale,
  name: Text,
  rows: readonly SalesRow[],
  withProducer: boolean,
): void {
  const ws = wb.addWorksheet(t(l, name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: t(l, W.month), key: 'month', width: 10 },
    ...(withProducer ? [{ header: t(l, W.producer), key: 'producer', width: 40 }] : []),
    { header: t(l, W.commune), key: 'commune', width: 28 },
    { header: t(l, W.communeCode), key: 'communeCode', width: 14 },
    { header: t(l, W.orders), key: 'orders', width: 10 },
    { header: t(l, W.revenue), key: 'revenue', width: 18, style: { numFmt: '#,##0' } },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      month: r.month,
      producer: neutralizeFormula(r.producerName),
      commune: neutralizeFormula(r.communeName ?? ''),
      communeCode: r.communeId,
      orders: r.subOrders,
      revenue: r.totalVnd,
    });
  }
}

export async function salesWorkbook(rows: readonly SalesRow[], locale: Locale): Promise<Buffer> {
  // exceljs takes a while to load: only the callers that write spreadsheets pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  addSheet(wb, locale, W.byProducer, rows, true);
  addSheet(wb, locale, W.byCommune, salesByCommune(rows), false);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
