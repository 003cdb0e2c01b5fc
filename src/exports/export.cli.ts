import { writeFile } from 'node:fs/promises';
import type { Ctx } from '../core/context.js';
import type { Progress } from '../core/progress.js';
import { exportProducts } from './export.service.js';

/** `ocop export products FILE.xlsx|FILE.csv`: the whole products list, format from the extension. */
export async function runExportCli(ctx: Ctx, file: string, progress: Progress): Promise<string> {
  const format = /\.csv$/i.test(file) ? 'csv' : 'xlsx';
  const bytes = await exportProducts(ctx, {}, format, progress);
  await writeFile(file, bytes);
  return `Đã xuất / Exported ${file} (${bytes.length} bytes)`;
}
