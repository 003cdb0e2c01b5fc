import { setFlagsFromString } from 'node:v8';
import { MIN_PRODUCTS } from '../demo/demo.limits.js';
import type { Config } from '../config/config.js';
import { systemClock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { openDatabase } from '../db/database.js';
import { prepareDatabase, type PrepareStep } from '../platform/setup.js';
import { buildApp } from '../http/app.js';
import { progressBar } from './progress-bar.js';

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export function usage(): string {
  return `Usage: ocop <command>

Commands:
  serve                      migrate, load reference data (and the demo when DEMO is on), then serve HTTP
  db migrate                 run pending database migrations
  reference load             load administrative units, the old→new mapping and the 26 scorecards
  demo load [--products N] [--seed S]
                             load the demonstration Hà Nội (default 2,711 certified products; N from 100 to 100,000)
  demo purge                 remove every demonstration record, leaving real records untouched
  import FILE [--dry-run] [--json] [--only-valid] [--choose LINE=CODE]...
                             import a decision's appendix (XLSX or CSV): report each row, apply in one
                             transaction; exit 1 when the file has errors and nothing was applied
  export LIST FILE           export a whole list to FILE.xlsx or FILE.csv (LIST: products, producers,
                             certificates, craft-villages, sales-points; the import's columns where it has them)
  certificates watch         announce certificates 180, 90 and 30 days before expiry and on expiry (once each)
  user create --role ROLE --email EMAIL [--name NAME] [--scope ID] [--password-stdin]
                             create an account (bootstrap the first administrator with --role admin);
                             without --password-stdin a password is generated and printed once

Configuration comes from the environment: PORT, HOST, DATABASE_URL, DEMO, DEMO_PASSWORD, LOG_LEVEL, PUBLIC_URL,
SECRET, SMTP_URL, MAIL_FROM, UPLOADS_DIR (see README).
`;
}

export interface CliOptions {
  products?: string;
  seed?: string;
  'dry-run'?: boolean;
  json?: boolean;
  'only-valid'?: boolean;
  choose?: string[];
  role?: string;
  email?: string;
  name?: string;
  scope?: string;
  'password-stdin'?: boolean;
}

async function userCommand(config: Config, options: CliOptions): Promise<number> {
  const database = openDatabase(config.database);
  const ctx: Ctx = { db: database.db, clock: systemClock, locale: 'vi', actor: { kind: 'cli', id: 'cli' } };
  try {
    await prepareDatabase(ctx, { steps: ['migrate'] });
    const { userCreate } = await import('../accounts/user.cli.js');
    return await userCreate(ctx, options, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database.close();
  }
}

const COMMANDS: Record<string, PrepareStep[]> = {
  'db migrate': ['migrate'],
  'reference load': ['migrate', 'reference'],
  'demo load': ['migrate', 'reference', 'demo'],
  'demo purge': ['migrate', 'demo-purge'],
};

export async function runCommand(config: Config, args: string[], options: CliOptions): Promise<number> {
  if (args.length === 1 && args[0] === 'serve') return serve(config);
  if (args.length === 2 && args[0] === 'user' && args[1] === 'create') return userCommand(config, options);
  if (args.length === 2 && args[0] === 'certificates' && args[1] === 'watch') {
    const { certificatesWatch } = await import('../certificates/expiry-watch.cli.js');
    return certificatesWatch(config, (line) => process.stdout.write(`${line}\n`));
  }
  if (args[0] === 'import' || args[0] === 'export') {
    return registryFile(config, args, options);
  }
  const selected = args.length === 2 ? COMMANDS[args.join(' ')] : undefined;
  if (!selected) throw new CliUsageError(`Unknown command "${args.join(' ')}".\n\n${usage()}`);
  // The generator needs MIN_PRODUCTS to place every real place; the issue asks for up to 100,000.
  const demoProducts = integerOption('--products', options.products, MIN_PRODUCTS, 100_000);
  const demoSeed = integerOption('--seed', options.seed, 0, 2 ** 31 - 1);
  const database = openDatabase(config.database);
  const ctx: Ctx = { db: database.db, clock: systemClock, locale: 'vi', actor: { kind: 'cli', id: 'cli' } };
  try {
    const report = await prepareDatabase(ctx, {
      steps: selected,
      progress: progressBar(),
      referenceIfOutdated: selected.includes('demo'),
      uploadsDir: config.uploadsDir,
      ...(demoProducts === undefined ? {} : { demoProducts }),
      ...(demoSeed === undefined ? {} : { demoSeed }),
    });
    for (const line of report) process.stdout.write(`${line}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `import FILE` and `export LIST FILE` (src/imports/import.cli.ts, src/exports/export.cli.ts). */
async function registryFile(config: Config, args: string[], options: CliOptions): Promise<number> {
  const file = args[0] === 'import' ? args[1] : args[2];
  const { EXPORT_LISTS, isExportList } = await import('../exports/export.cli.js');
  const list = args[0] === 'export' ? args[1] : undefined;
  if (
    file === undefined ||
    args.length !== (args[0] === 'import' ? 2 : 3) ||
    (args[0] === 'export' && !isExportList(list))
  ) {
    throw new CliUsageError(
      `Usage: ocop import FILE … | ocop export ${EXPORT_LISTS.join('|')} FILE\n\n${usage()}`,
    );
  }
  const { parseChoices, runImportCli } = await import('../imports/import.cli.js');
  const choices = parseChoices(options.choose ?? [], (m) => new CliUsageError(m));
  const database = openDatabase(config.database);
  const ctx: Ctx = { db: database.db, clock: systemClock, locale: 'vi', actor: { kind: 'cli', id: 'cli' } };
  try {
    await prepareDatabase(ctx, { steps: ['migrate', 'reference'], referenceIfOutdated: true });
    if (args[0] === 'export') {
      const { runExportCli } = await import('../exports/export.cli.js');
      const name = isExportList(list) ? list : 'products';
      process.stdout.write(`${await runExportCli(ctx, file, progressBar(), name)}\n`);
      return 0;
    }
    const flags = {
      dryRun: options['dry-run'] === true,
      json: options.json === true,
      onlyValid: options['only-valid'] === true,
    };
    return await runImportCli(ctx, file, flags, choices, progressBar());
  } finally {
    await database.close();
  }
}

function integerOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliUsageError(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  }
  return n;
}

async function serve(config: Config): Promise<number> {
  const started = performance.now();
  // V8's own memory-over-speed mode (what it does for a background tab: collect before growing the heap). A
  // server with 20,000 products then stays near 200 MB resident instead of 340–414 MB after a load, for about a
  // tenth of its cached throughput (decision 0011). The flag is read as the heap sizes itself: setting it now is
  // enough.
  if (config.memorySaver) setFlagsFromString('--optimize-for-size');
  const database = openDatabase(config.database);
  const ctx: Ctx = {
    db: database.db,
    clock: systemClock,
    locale: 'vi',
    actor: { kind: 'system', id: 'boot' },
  };
  const steps: PrepareStep[] = config.demo ? ['migrate', 'reference', 'demo'] : ['migrate', 'reference'];
  const report = await prepareDatabase(ctx, {
    steps,
    // Progress bars only on a terminal: a service's output is JSON log lines.
    ...(process.stderr.isTTY ? { progress: progressBar() } : {}),
    referenceIfOutdated: true,
    demoIfEmpty: true,
  });
  const demoPassword = config.demo ? await demoAccounts(ctx, config) : null;
  const app = await buildApp({ database, config: { ...config, demoPassword }, jobs: true });
  for (const line of report) app.log.info(line);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  };
  process.once('SIGINT', (s) => void close(s));
  process.once('SIGTERM', (s) => void close(s));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { engine: database.engine, bootMs: Math.round(performance.now() - started) },
    `OCOP platform ready at http://${config.host}:${config.port} (API docs at /api/docs)`,
  );
  return 0;
}

/** Demo mode: one account per role; the password is DEMO_PASSWORD, or a new one printed at each start. */
async function demoAccounts(ctx: Ctx, config: Config): Promise<string | null> {
  const { ensureDemoAccounts, generateDemoPassword, demoAccountList } =
    await import('../accounts/demo-accounts.js');
  const password = config.demoPassword ?? generateDemoPassword();
  if (!(await ensureDemoAccounts(ctx, password))) return null;
  const { seedDemoEvaluation } = await import('../demo/demo.evaluation.js');
  // A demo without its evaluation still serves: the seed's failure is reported, never fatal.
  const seeded = await seedDemoEvaluation(ctx, config.uploadsDir).catch(
    (e: unknown) => `Demo evaluation: not seeded (${e instanceof Error ? e.message : String(e)})`,
  );
  process.stdout.write(`${seeded}\n`);
  const { seedDemoShop } = await import('../demo/demo.shop.js');
  // Likewise the demo shop's stock and bank accounts: reported, never fatal.
  const shop = await seedDemoShop(ctx).catch(
    (e: unknown) => `Demo shop: not seeded (${e instanceof Error ? e.message : String(e)})`,
  );
  process.stdout.write(`${shop}\n`);
  const accounts = demoAccountList()
    .map((a) => a.email)
    .join(', ');
  process.stdout.write(
    `Demo accounts: ${accounts}\nDemo password: ${config.demoPassword ? '(from DEMO_PASSWORD)' : password}\n`,
  );
  return password;
}
