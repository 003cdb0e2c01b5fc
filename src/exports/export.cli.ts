import { writeFile } from 'node:fs/promises';
import type { Ctx } from '../core/context.js';
import type { Progress } from '../core/progress.js';
import { EXPORTS, type ExportList } from './export.service.js';

export const EXPORT_LISTS = Object.keys(EXPORTS) as ExportList[];

export function isExportList(name: string | undefined): name is ExportList {
  return EXPORT_LISTS.includes(name as ExportList);
}

/**
 * `ocop export LIST FILE.xlsx|FILE.csv` (LIST: products, producers, certificates, craft-villages, sales-points):
 * the whole list, format from the extension.
 */
export async function runExportCli(
  ctx: Ctx,
  file: string,
  progress: Progress,
  list: ExportList = 'products',
): Promise<string> {
  const format = /\.csv$/i.test(file) ? 'csv' : 'xlsx';
  const bytes = await EXPORTS[list](ctx, {}, format, progress);
  await writeFile(file, bytes);
  return `Đã xuất / Exported ${file} (${bytes.length} bytes)`;
}
