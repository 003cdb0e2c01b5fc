import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ocop-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function ocop(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/ocop.ts'), ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}`, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the ocop command', () => {
  it('prints its usage on --help', () => {
    const r = ocop(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('demo load [--products N]');
  });
  it('refuses an unknown command with exit code 2 and the usage', () => {
    const r = ocop(['demo', 'explode']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown command "demo explode"');
  });
  it('refuses a bad option value, naming it', () => {
    const r = ocop(['demo', 'load', '--products', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--products must be a whole number from 100 to 100000');
  });
  it('refuses a bad environment before touching anything', () => {
    const r = ocop(['db', 'migrate'], { DATABASE_URL: 'mysql://root@localhost/x', PORT: 'x' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('DATABASE_URL must be sqlite:<path> or postgres://');
    expect(r.err).toContain('PORT must be an integer');
  });
  it('migrates, loads the reference data, then a small demo, and purges it', { timeout: 240_000 }, () => {
    expect(ocop(['db', 'migrate']).out).toContain('Migrations applied: 0001-registry');
    const reference = ocop(['reference', 'load']);
    expect(reference.code).toBe(0);
    expect(reference.out).toMatch(/Administrative units loaded: \d+ units/);
    expect(reference.out).toMatch(/Scorecards loaded: 6 sectors, 26 scorecards/);
    const demo = ocop(['demo', 'load', '--products', '300']);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Demonstration data loaded in \d+ ms: 302 products/);
    const villages = ocop(['export', 'craft-villages', join(dir, 'lang-nghe.csv')]);
    expect(villages.code).toBe(0);
    const csv = readFileSync(join(dir, 'lang-nghe.csv'), 'utf8');
    expect(csv.split('\r\n').filter((line) => line !== '').length).toBeGreaterThan(100);
    expect(csv).toContain('Bát Tràng');
    const unknown = ocop(['export', 'villages', join(dir, 'x.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'ocop export products|producers|certificates|craft-villages|sales-points FILE',
    );
    const purge = ocop(['demo', 'purge']);
    expect(purge.code).toBe(0);
    expect(purge.out).toMatch(/Demonstration data removed: 302 products, \d+ producers, 0 dossier folders/);
  });
  it('bootstraps the first administrator, who can then sign in', { timeout: 60_000 }, () => {
    const created = ocop(['user', 'create', '--role', 'admin', '--email', 'Chanh.VP@HaNoi.gov.vn']);
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created admin account chanh.vp@hanoi.gov.vn');
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(created.out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(16);
    const again = ocop(['user', 'create', '--role', 'admin', '--email', 'chanh.vp@hanoi.gov.vn']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('Đã có tài khoản với e-mail chanh.vp@hanoi.gov.vn');
    const scoped = ocop(['user', 'create', '--role', 'commune', '--email', 'xa@hanoi.gov.vn']);
    expect(scoped.code).toBe(2);
    expect(scoped.err).toContain('--scope is required for the commune role');
  });
});
