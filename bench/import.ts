/**
 * Benchmark of the Excel import and export (issue 4): a 20,000-row appendix as XLSX over real Hà Nội communes,
 * written with the same streaming writer the tests use; `ocop import --dry-run`, `ocop import` and
 * `ocop export products` each run in a child process, timed from spawn to exit (so Node's start is included),
 * with the peak resident memory read from /proc/<pid>/status (VmHWM). Prints each figure beside its target.
 *
 *   npm run bench:import [-- ROWS]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import type { Ctx } from '../src/core/context.js';
import { openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/platform/setup.js';
import { writeAppendixXlsx, type Value } from '../test/fixtures/appendix.js';
import { machine } from './support.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'src/cli/ocop.ts');
const ROWS = Number(process.argv[2] ?? 20_000);

interface Run {
  seconds: number;
  peakMb: number;
  code: number | null;
}

/** Runs the CLI in a child, polling its VmHWM (the kernel's high-water mark of resident memory). */
async function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited between two polls
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', (c) => {
      resolve(c);
    }),
  );
  clearInterval(poll);
  return { seconds: (performance.now() - t0) / 1000, peakMb: peakKb / 1024, code };
}

const PRODUCTS = [
  ['Gốm men rạn', 21],
  ['Bình gốm men lam', 21],
  ['Chè búp', 11],
  ['Trà hoa cúc', 12],
  ['Gạo nếp cái hoa vàng', 3],
  ['Bánh chưng', 6],
  ['Miến dong', 6],
  ['Mật ong hoa nhãn', 4],
  ['Giò chả', 8],
  ['Nem chua', 8],
  ['Rượu làng Vân', 14],
  ['Sữa tươi', 2],
  ['Bưởi Diễn', 1],
  ['Nhãn chín muộn', 1],
  ['Tranh sơn mài', 21],
  ['Lụa tơ tằm', 22],
  ['Nón lá', 21],
  ['Hoa đào Nhật Tân', 23],
  ['Cây cảnh bonsai', 24],
  ['Tinh dầu bưởi', 20],
] as const;
const PRODUCERS = ['HTX', 'Hộ kinh doanh', 'Công ty TNHH', 'Công ty Cổ phần', 'Cơ sở sản xuất'];
const DECISIONS: ReadonlyArray<readonly [string, Date]> = [
  ['1035/QĐ-UBND', new Date(Date.UTC(2023, 2, 10))],
  ['4567/QĐ-UBND', new Date(Date.UTC(2023, 10, 20))],
  ['2211/QĐ-UBND', new Date(Date.UTC(2024, 4, 6))],
  ['6120/QĐ-UBND', new Date(Date.UTC(2024, 11, 2))],
  ['3088/QĐ-UBND', new Date(Date.UTC(2025, 5, 18))],
  ['5502/QĐ-UBND', new Date(Date.UTC(2025, 11, 12))],
];

/** Rows over every 2025 commune of Hà Nội; one in four producers gives two products. */
function* rows(communes: string[], n: number): Generator<Value[]> {
  for (let i = 0; i < n; i++) {
    const producer = Math.floor(i / 4) * 3 + (i % 4 === 3 ? 2 : i % 4);
    const commune = communes[producer % communes.length] ?? '';
    const [name, card] = PRODUCTS[i % PRODUCTS.length] ?? PRODUCTS[0];
    const stars = i % 9 < 5 ? 3 : 4;
    const score = stars === 3 ? 50 + (i % 20) : 70 + (i % 20) + 0.5;
    const [decision, date] = DECISIONS[i % DECISIONS.length] ?? (['1035/QĐ-UBND', new Date()] as const);
    yield [
      i + 1,
      `${name} ${commune.replace(/^(Xã|Phường) /, '')} số ${i + 1}`,
      `${PRODUCERS[producer % PRODUCERS.length] ?? ''} ${commune.replace(/^(Xã|Phường) /, '')} ${producer}`,
      `Thôn ${(producer % 12) + 1}, ${commune}, Hà Nội`,
      i % 3 === 0 ? `${stars} sao` : stars,
      score,
      card,
      decision,
      date,
    ];
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-import-'));
  const dbPath = join(dir, 'ocop.sqlite');
  const env = { DATABASE_URL: `sqlite:${dbPath}`, DEMO: 'off' };
  try {
    const database = openDatabase({ engine: 'sqlite', path: dbPath });
    const ctx: Ctx = {
      db: database.db,
      clock: systemClock,
      locale: 'vi',
      actor: { kind: 'cli', id: 'bench' },
    };
    await prepareDatabase(ctx, { steps: ['migrate', 'reference'] });
    const communes = (
      await ctx.db
        .selectFrom('admin_units')
        .select('full_name')
        .where('level', '=', 'commune')
        .where('province_code', '=', '01')
        .where('valid_to', 'is', null)
        .orderBy('id')
        .execute()
    ).map((r) => r.full_name);
    await database.close();

    const file = join(dir, 'phu-luc-20000.xlsx');
    await writeAppendixXlsx(file, rows(communes, ROWS));
    console.log(`\n## Excel import/export (issue 4)\n`);
    console.log(`machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}`);
    console.log(
      `file: ${ROWS} rows, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${communes.length} communes`,
    );
    const line = (what: string, r: Run, target: number) => {
      console.log(
        `${what.padEnd(34)} ${r.seconds.toFixed(2).padStart(6)} s (target < ${target} s)  ` +
          `peak RSS ${r.peakMb.toFixed(0).padStart(4)} MB (target < 400 MB)  exit ${r.code}`,
      );
    };
    // Once untimed, so that tsx's transform cache is warm: the shipped CLI is compiled JavaScript.
    await runCli(['db', 'migrate'], env);
    line('import --dry-run', await runCli(['import', file, '--dry-run', '--json'], env), 20);
    line('import (apply)', await runCli(['import', file], env), 20);
    line('import again (all unchanged)', await runCli(['import', file], env), 20);
    line(
      `export products (${ROWS}) to XLSX`,
      await runCli(['export', 'products', join(dir, 'out.xlsx')], env),
      10,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
