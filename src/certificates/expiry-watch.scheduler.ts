import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import type { DB } from '../db/schema.js';
import { runExpiryWatch, type WatchDeps, type WatchReport } from './expiry-watch.js';

/**
 * Runs the certificate expiry watch at start and then every day at 00:05 in Asia/Ho_Chi_Minh, just after the
 * certificates of the day have expired. One run at a time in this process (a run asked for while one is going
 * joins it); across processes the stage claims (expiry-watch.repository.ts) keep a notice from going out twice.
 * A failed run is logged and the next one still comes.
 */

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** 00:05 local time: five minutes of margin after midnight, when the day's certificates expire. */
export const RUN_AT_MS = 5 * 60_000;

/** Milliseconds from `now` to the next 00:05 in Vietnam (UTC+7, no daylight saving); never 0. */
export function msUntilNextRun(now: Date): number {
  const local = now.getTime() + VN_OFFSET_MS;
  let next = Math.floor(local / DAY_MS) * DAY_MS + RUN_AT_MS;
  if (next <= local) next += DAY_MS;
  return next - local;
}

/** The part of a logger the watch uses (Fastify's and pino's fit). */
export interface WatchLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ExpiryWatchDeps extends WatchDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: WatchLog;
}

type Runner = (ctx: Ctx, deps: WatchDeps) => Promise<WatchReport>;

export class ExpiryWatchScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<WatchReport | null> | null = null;
  private stopped = true;

  constructor(
    private readonly deps: ExpiryWatchDeps,
    private readonly runner: Runner = runExpiryWatch,
  ) {}

  /** Runs now, then daily. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
    this.schedule();
  }

  /** Runs now unless a run is going, in which case it resolves with that one. Null when the run failed. */
  run(): Promise<WatchReport | null> {
    this.running ??= this.execute().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No further run; resolves when the run in progress, if any, has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.run();
      this.schedule();
    }, msUntilNextRun(this.deps.clock.now()));
    // A pending daily run is no reason to keep the process alive.
    this.timer.unref();
  }

  private async execute(): Promise<WatchReport | null> {
    const { db, clock, log } = this.deps;
    const ctx: Ctx = { db, clock, locale: 'vi', actor: { kind: 'system', id: 'expiry-watch' } };
    const started = performance.now();
    try {
      const report = await this.runner(ctx, this.deps);
      log.info(
        { ...report, ms: Math.round(performance.now() - started) },
        'certificate expiry watch: run finished',
      );
      return report;
    } catch (error) {
      log.error({ err: error }, 'certificate expiry watch: run failed');
      return null;
    }
  }
}

/** Starts the watch of an app: at once, then daily. Call `stop()` (and await it) before closing the database. */
export function startExpiryWatch(deps: ExpiryWatchDeps): ExpiryWatchScheduler {
  const scheduler = new ExpiryWatchScheduler(deps);
  scheduler.start();
  return scheduler;
}
