import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Ctx } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { importFile, type ImportReport } from './import.service.js';
import { checkSize, DEFAULT_SIZE_LIMIT } from './sheet-reader.js';

/**
 * `ocop import FILE [--dry-run] [--json] [--only-valid] [--choose LINE=CODE]…`. Exit codes: 0 done (or a clean
 * dry run), 1 the report has errors and nothing was applied (or the file was refused), 2 usage errors (thrown
 * as `usage` by the caller's error type). Messages are printed in Vietnamese then English: the CLI is used by
 * both, and a wrong guess from LANG would hide the one a reader needs.
 */
export interface ImportCliOptions {
  dryRun: boolean;
  json: boolean;
  onlyValid: boolean;
}

export function parseChoices(values: string[], usage: (message: string) => Error): Map<number, string> {
  const choices = new Map<number, string>();
  for (const v of values) {
    const m = /^(\d+)=([0-9A-Za-z@-]+)$/.exec(v);
    if (!m) throw usage(`--choose expects LINE=COMMUNECODE, e.g. --choose 12=00577 (got "${v}").`);
    choices.set(Number(m[1]), m[2] ?? '');
  }
  return choices;
}

export async function runImportCli(
  ctx: Ctx,
  file: string,
  options: ImportCliOptions,
  choices: ReadonlyMap<number, string>,
  progress: Progress,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let report: ImportReport;
  try {
    const size = await stat(file).then(
      (s) => s.size,
      () => {
        throw new DomainError('not_found', `Không có tệp "${file}".`, `No file "${file}".`);
      },
    );
    // Refused before a byte is read.
    checkSize(size, DEFAULT_SIZE_LIMIT);
    report = await importFile(ctx, {
      fileName: basename(file),
      bytes: await readFile(file),
      mode: options.dryRun ? 'dry-run' : 'apply',
      onlyValid: options.onlyValid,
      choices,
      progress,
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    err.write(`${e.message}\n${e.messageEn}\n`);
    return 1;
  }
  out.write(options.json ? `${JSON.stringify(jsonReport(report), null, 2)}\n` : textReport(report));
  return report.summary.error > 0 && !report.applied ? 1 : 0;
}

function jsonReport(r: ImportReport) {
  return {
    file: r.file,
    mode: r.mode,
    applied: r.applied,
    summary: r.summary,
    rows: r.rows.map((row) => ({
      line: row.line,
      action: row.action,
      errors: row.errors,
      ...(row.warnings.length ? { warnings: row.warnings } : {}),
      ...(row.candidates ? { candidates: row.candidates } : {}),
      ...(row.suggestions ? { suggestions: row.suggestions } : {}),
    })),
  };
}

function textReport(r: ImportReport): string {
  const lines: string[] = [];
  for (const row of r.rows) {
    if (row.action === 'error') {
      for (const e of row.errors)
        lines.push(`dòng/line ${row.line}: LỖI/ERROR [${e.field}] ${e.message} / ${e.messageEn}`);
    } else if (row.action === 'review') {
      const options = (row.candidates ?? []).map((c) => `${c.id} ${c.name}`).join(', ');
      lines.push(
        `dòng/line ${row.line}: CẦN XEM/REVIEW xã cũ đã bị chia, chọn một / old commune was split, choose one: ${options}` +
          ` (--choose ${row.line}=MÃ/CODE)`,
      );
    }
  }
  const s = r.summary;
  lines.push(
    `Tạo mới/create ${s.create} · cập nhật/update ${s.update} · không đổi/unchanged ${s.unchanged} · ` +
      `cần xem/review ${s.review} · lỗi/error ${s.error}`,
  );
  if (r.mode === 'dry-run') lines.push('Chạy thử: chưa ghi gì. / Dry run: nothing was written.');
  else if (r.applied) lines.push('Đã ghi vào sổ đăng ký. / Applied to the registry.');
  else
    lines.push(
      'Tệp có lỗi nên không ghi gì; sửa lỗi hoặc dùng --only-valid để chỉ nhập các dòng hợp lệ. / ' +
        'The file has errors, nothing was written; fix them or use --only-valid to import the valid rows only.',
    );
  if (s.review > 0) {
    lines.push(
      'Các dòng cần xem bị bỏ qua; chọn xã bằng --choose DÒNG=MÃ. / Review rows were skipped; choose with --choose LINE=CODE.',
    );
  }
  return `${lines.join('\n')}\n`;
}
