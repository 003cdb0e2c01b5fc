import { createHash } from 'node:crypto';
import { inTransaction, type Ctx } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import { noProgress, type Progress } from '../core/progress.js';
import { AddressResolver } from '../places/address-resolver.js';
import { allAdminUnits } from '../places/admin-unit.repository.js';
import { cellText, fold } from './cells.js';
import {
  HEADER_MIN_MATCHES,
  HEADER_SEARCH_ROWS,
  mapHeaders,
  missingColumns,
  type HeaderMap,
} from './columns.js';
import {
  isContentRow,
  readRow,
  type ImportRow,
  type Resolver,
  type RowProblem,
  type UnitOption,
} from './import-row.js';
import { ImportPlanner, type RowAction, type Writes } from './import.plan.js';
import * as repo from './import.repository.js';
import {
  checkSize,
  DEFAULT_SIZE_LIMIT,
  fileError,
  readSheets,
  sniffFormat,
  type SheetRow,
} from './sheet-reader.js';

/**
 * Importing the appendix of a decision (issue 4). Reading and checking happen first, in memory; then, in ONE
 * transaction, the rows are matched against the registry, written (unless it is a dry run, or the file has
 * errors and the user did not ask for the valid rows only) and the run is logged. A killed process therefore
 * leaves nothing of the file, not even its run.
 */
export interface ImportOptions {
  fileName: string;
  bytes: Buffer;
  mode: 'dry-run' | 'apply';
  /** Apply the valid rows even when others have errors. */
  onlyValid?: boolean;
  /** Line → the 2025 commune a person chose for a split old commune. */
  choices?: ReadonlyMap<number, string>;
  progress?: Progress;
  /** Bytes; default 20 MB. */
  sizeLimit?: number;
}

export interface ReportRow {
  line: number;
  /** What the line names, as written: for a report a person reads (the back office's table). */
  named: { product: string; producer: string; address: string };
  action: RowAction;
  errors: RowProblem[];
  warnings: RowProblem[];
  /** Review: the 2025 communes that replaced a split old one (choose one with --choose LINE=ID). */
  candidates?: UnitOption[];
  /** Error on the address: the communes it may have meant. */
  suggestions?: UnitOption[];
}

export type Summary = Record<RowAction, number>;

export interface ImportReport {
  runId: string;
  file: { name: string; sha256: string; size: number };
  mode: 'dry-run' | 'apply';
  applied: boolean;
  summary: Summary;
  rows: ReportRow[];
}

export async function importFile(ctx: Ctx, options: ImportOptions): Promise<ImportReport> {
  const progress = options.progress ?? noProgress;
  const startedAt = ctx.clock.now().toISOString();
  checkSize(options.bytes.length, options.sizeLimit ?? DEFAULT_SIZE_LIMIT);
  const format = sniffFormat(options.bytes, options.fileName);
  const { rows, headers } = await findTable(options.bytes, format);
  const resolver = await placesOf(ctx);
  const report: ReportRow[] = [];
  const valid: ImportRow[] = [];
  const text = (row: SheetRow, i: number | undefined) =>
    i === undefined ? '' : cellText(row.cells[i] ?? null);
  rows.forEach((row, i) => {
    const reading = readRow(row, headers, resolver, options.choices?.get(row.line));
    if (reading.kind === 'ok') valid.push(reading.row);
    const named = {
      product: text(row, headers.product),
      producer: text(row, headers.producer),
      address: text(row, headers.address),
    };
    report.push(
      reading.kind === 'ok'
        ? { line: row.line, named, action: 'unchanged', errors: [], warnings: reading.warnings }
        : reading.kind === 'review'
          ? {
              line: reading.line,
              named,
              action: 'review',
              errors: [],
              warnings: reading.warnings,
              candidates: reading.candidates,
            }
          : {
              line: reading.line,
              named,
              action: 'error',
              errors: reading.errors,
              warnings: reading.warnings,
              ...(reading.suggestions.length > 0 ? { suggestions: reading.suggestions } : {}),
            },
    );
    if (i % 1000 === 0) progress(i, rows.length, 'Đọc tệp / Reading');
  });
  progress(rows.length, rows.length, 'Đọc tệp / Reading');
  const byLine = new Map(report.map((r) => [r.line, r]));
  const sha256 = createHash('sha256').update(options.bytes).digest('hex');

  return inTransaction(ctx, async (tx) => {
    const planner = new ImportPlanner(await loadSnapshot(tx, valid), tx.clock.now().toISOString());
    for (const row of valid) {
      const plan = planner.add(row);
      const entry = byLine.get(row.line);
      if (entry) Object.assign(entry, { action: plan.action, errors: plan.errors });
    }
    const summary = summarize(report);
    const apply = options.mode === 'apply' && (summary.error === 0 || options.onlyValid === true);
    const runId = newSortableId('imp');
    const writes = planner.writes();
    if (apply) await write(tx, writes, progress);
    const written = apply ? summary.create + summary.update : 0;
    if (apply && written > 0) {
      await repo.insertAudit(tx, [
        {
          action: 'import.apply',
          entityType: 'import_run',
          entityId: runId,
          changes: { fileName: options.fileName, sha256, summary, onlyValid: options.onlyValid === true },
        },
      ]);
    }
    await repo.insertImportRun(tx, {
      id: runId,
      file_name: options.fileName,
      sha256,
      size_bytes: options.bytes.length,
      actor: `${tx.actor.kind}:${tx.actor.id}`,
      mode: options.mode,
      started_at: startedAt,
      finished_at: tx.clock.now().toISOString(),
      summary: JSON.stringify(summary),
      applied_rows: written,
    });
    return {
      runId,
      file: { name: options.fileName, sha256, size: options.bytes.length },
      mode: options.mode,
      applied: apply,
      summary,
      rows: report,
    };
  });
}

/** The address resolver, plus the communes in force by code (for rows that give one). */
async function placesOf(ctx: Ctx): Promise<Resolver> {
  const { units, links } = await allAdminUnits(ctx);
  const resolver = AddressResolver.fromUnits(units, links);
  const current = new Map(
    units.filter((u) => u.level === 'commune' && u.valid_to === null).map((u) => [u.id, u.full_name]),
  );
  return { resolve: (input) => resolver.resolve(input), currentCommune: (id) => current.get(id) };
}

function summarize(rows: ReportRow[]): Summary {
  const s: Summary = { create: 0, update: 0, unchanged: 0, review: 0, error: 0 };
  for (const r of rows) s[r.action]++;
  return s;
}

/** The first sheet whose header names every required column; otherwise a message naming what is missing. */
async function findTable(
  bytes: Buffer,
  format: 'xlsx' | 'csv',
): Promise<{ rows: SheetRow[]; headers: HeaderMap }> {
  let best: { found: string[]; headers: HeaderMap } | undefined;
  let sawRows = false;
  for await (const sheet of readSheets(bytes, format)) {
    if (sheet.length > 0) sawRows = true;
    for (const [i, row] of sheet.slice(0, HEADER_SEARCH_ROWS).entries()) {
      const texts = row.cells.map((c) => cellText(c));
      const headers = mapHeaders(texts);
      const matched = Object.keys(headers).length;
      if (matched < HEADER_MIN_MATCHES) continue;
      if (missingColumns(headers).length === 0) {
        return { rows: sheet.slice(i + 1).filter((r) => isContentRow(r, headers)), headers };
      }
      if (!best || matched > Object.keys(best.headers).length)
        best = { found: texts.filter(Boolean), headers };
    }
  }
  if (!sawRows) throw fileError('Bảng tính trống: không có dòng nào.', 'The sheet is empty: it has no rows.');
  const missing = missingColumns(best?.headers ?? {});
  const found = best?.found.map((h) => `"${h}"`).join(', ') ?? '';
  throw fileError(
    `Thiếu cột bắt buộc: ${missing.map((c) => c.header).join(', ')}. ` +
      (found ? `Tiêu đề tìm thấy: ${found}.` : 'Không tìm thấy dòng tiêu đề nào.'),
    `Required columns missing: ${missing.map((c) => `${c.header} (${c.headerEn})`).join(', ')}. ` +
      (found ? `Headers found: ${found}.` : 'No header row was found.'),
  );
}

async function loadSnapshot(ctx: Ctx, rows: ImportRow[]) {
  const names = [...new Set(rows.map((r) => fold(r.producerName)))];
  const registrations = [
    ...new Set(rows.flatMap((r) => (r.registrationNumber === null ? [] : [r.registrationNumber]))),
  ];
  const producers = await repo.producersNamed(ctx, names, registrations);
  const products = await repo.productsOf(
    ctx,
    producers.map((p) => p.id),
  );
  const certificates = await repo.certificatesNumbered(ctx, [
    ...new Set(rows.map((r) => r.certificateNumber)),
  ]);
  return { producers, products, certificates };
}

const WRITE_BATCH = 1000;

async function write(ctx: Ctx, w: Writes, progress: Progress): Promise<void> {
  const total =
    w.producers.length + w.products.length + w.certificates.length + w.updates.length + w.audit.length;
  let done = 0;
  const step = async <T>(items: T[], run: (part: T[]) => Promise<void>) => {
    for (let i = 0; i < items.length; i += WRITE_BATCH) {
      const part = items.slice(i, i + WRITE_BATCH);
      await run(part);
      done += part.length;
      progress(done, total, 'Ghi dữ liệu / Writing');
    }
  };
  progress(0, total, 'Ghi dữ liệu / Writing');
  await step(w.producers, (p) => repo.insertProducers(ctx, p));
  await step(w.products, (p) => repo.insertProducts(ctx, p));
  await step(w.certificates, (p) => repo.insertCertificates(ctx, p));
  await step(w.updates, async (part) => {
    for (const u of part) await repo.updateRow(ctx, u.table, u.id, u.patch);
  });
  await step(w.audit, (p) => repo.insertAudit(ctx, p));
}
