import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/platform/setup.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { appendixXlsx, writeAppendixXlsx, type Value } from '../fixtures/appendix.js';

const available = await engineAvailable();
const ROOT = new URL('../..', import.meta.url).pathname;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const row = (n: number, stars: Value = 4): Value[] => [
  n,
  `Bánh chưng Tranh Khúc ${n}`,
  `Hộ kinh doanh Nguyễn Văn ${n}`,
  `Thôn Tranh Khúc, Xã Bát Tràng, Hà Nội`,
  stars,
  null,
  'Chế biến từ gạo, ngũ cốc',
  '5678/QĐ-UBND',
  new Date(Date.UTC(2024, 9, 2)),
];

describe.skipIf(!available)(`ocop import on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'ocop-import-cli-'));
  beforeAll(async () => {
    t = await createTestDatabase();
    await prepareDatabase(t.ctx, { steps: ['migrate', 'reference'] });
    if (TEST_ENGINE === 'sqlite') {
      const file = await sql<{
        file: string;
      }>`select file from pragma_database_list where name = 'main'`.execute(t.ctx.db);
      url = `sqlite:${file.rows[0]?.file ?? ''}`;
    } else {
      const schema = await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db);
      url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema.rows[0]?.s ?? ''}`)}`;
    }
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (rest: string[]) => ['--import', 'tsx', join(ROOT, 'src/cli/ocop.ts'), 'import', ...rest];
  const env = () => ({ ...process.env, DATABASE_URL: url, DEMO: 'off' });
  const ocop = (rest: string[]) => {
    const r = spawnSync(process.execPath, args(rest), { env: env(), encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const count = async (table: 'products' | 'import_runs') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('prints the report as JSON, exits 1 on errors without applying, 0 with --only-valid', async () => {
    const file = join(dir, 'qd-5678.xlsx');
    writeFileSync(file, await appendixXlsx([row(1), row(2, '6 sao'), row(3, '3★')]));
    const dry = ocop([file, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    const report = JSON.parse(dry.out) as {
      summary: Record<string, number>;
      rows: Array<{ line: number; action: string; errors: Array<{ message: string }> }>;
    };
    expect(report.summary).toEqual({ create: 2, update: 0, unchanged: 0, review: 0, error: 1 });
    expect(report.rows.map((r) => [r.line, r.action])).toEqual([
      [6, 'create'],
      [7, 'error'],
      [8, 'create'],
    ]);
    expect(report.rows[1]?.errors[0]?.message).toContain('6 sao');
    expect(dry.err).toContain('Reading');
    const refused = ocop([file]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 7');
    expect(await count('products')).toBe(0);
    const partial = ocop([file, '--only-valid']);
    expect(partial.code).toBe(0);
    expect(await count('products')).toBe(2);
    expect(ocop([file, '--choose', 'seven=00577']).code).toBe(2);
    const missing = ocop([join(dir, 'none.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No file');
  }, 240_000);

  it('leaves nothing of the file stored when the process is killed half way through applying', async () => {
    const file = join(dir, 'big.xlsx');
    await writeAppendixXlsx(
      file,
      Array.from({ length: 6000 }, (_, i) => row(1000 + i)),
    );
    const products = await count('products');
    const runs = await count('import_runs');
    const child = spawn(process.execPath, args([file]), { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let killedAt = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const m = /Writing: (\d+)\/(\d+)/.exec(chunk);
      if (m && !killedAt && Number(m[1]) > 0 && Number(m[1]) < Number(m[2])) {
        killedAt = m[0];
        child.kill('SIGKILL');
      }
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, s) => {
        resolve(s);
      }),
    );
    expect(killedAt).not.toBe('');
    expect(signal).toBe('SIGKILL');
    expect(await count('products')).toBe(products);
    expect(await count('import_runs')).toBe(runs);
  }, 120_000);
});
