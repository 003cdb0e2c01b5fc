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

Configuration comes from the environment: PORT, HOST, DATABASE_URL, DEMO, LOG_LEVEL, PUBLIC_URL (see README).
`;
}

export interface CliOptions {
  products?: string;
  seed?: string;
}

export async function runCommand(config: Config, args: string[], _options: CliOptions): Promise<number> {
  const [command, sub] = args;
  const key = sub ? `${command ?? ''} ${sub}` : (command ?? '');
  const steps: Record<string, PrepareStep[]> = {
    'db migrate': ['migrate'],
    'reference load': ['migrate', 'reference'],
  };
  if (key === 'serve') return serve(config);
  const selected = steps[key];
  if (!selected) throw new CliUsageError(`Unknown command "${args.join(' ')}".\n\n${usage()}`);
  const database = openDatabase(config.database);
  const ctx: Ctx = { db: database.db, clock: systemClock, locale: 'vi', actor: { kind: 'cli', id: 'cli' } };
  try {
    const report = await prepareDatabase(ctx, { steps: selected, progress: progressBar() });
    for (const line of report) process.stdout.write(`${line}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<number> {
  const started = performance.now();
  const database = openDatabase(config.database);
  const ctx: Ctx = {
    db: database.db,
    clock: systemClock,
    locale: 'vi',
    actor: { kind: 'system', id: 'boot' },
  };
  const steps: PrepareStep[] = ['migrate', 'reference'];
  const report = await prepareDatabase(ctx, { steps, progress: progressBar(), onlyIfEmpty: true });
  const app = await buildApp({ database, config });
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
