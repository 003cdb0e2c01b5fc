import type { Config } from '../config/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { openDatabase } from '../db/database.js';
import { Mailer } from '../mail/mailer.js';
import { prepareDatabase } from '../platform/setup.js';
import { runExpiryWatch, type WatchReport } from './expiry-watch.js';

/**
 * `ocop certificates watch`: one run of the certificate expiry watch, as the server does at start and daily —
 * for a cron job, or to catch up by hand. Safe next to a running server: a stage is claimed once.
 */
export async function certificatesWatch(
  config: Pick<Config, 'database' | 'publicUrl' | 'smtpUrl' | 'mailFrom'>,
  out: (line: string) => void,
  clock: Clock = systemClock,
): Promise<number> {
  const database = openDatabase(config.database);
  const ctx: Ctx = { db: database.db, clock, locale: 'vi', actor: { kind: 'cli', id: 'cli' } };
  const mailer = new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }, { db: database.db, clock });
  try {
    await prepareDatabase(ctx, { steps: ['migrate'] });
    const started = performance.now();
    const report = await runExpiryWatch(ctx, { mailer, publicUrl: config.publicUrl });
    // With SMTP, send now what this run queued (the server's mailer sends what is left).
    await mailer.flush();
    out(describeReport(report, Math.round(performance.now() - started)));
    return 0;
  } finally {
    mailer.stop();
    await database.close();
  }
}

/** One line, in both languages like the other commands' reports. */
export function describeReport(r: WatchReport, ms: number): string {
  const stages = [
    `180 ngày/days ${String(r.announced['180'])}`,
    `90 ngày/days ${String(r.announced['90'])}`,
    `30 ngày/days ${String(r.announced['30'])}`,
    `hết hạn/expired ${String(r.announced.expired)}`,
  ].join(' · ');
  return (
    `Kiểm tra hạn giấy chứng nhận / Certificate expiry watch ${r.today}: ${stages}; ` +
    `${String(r.notifications)} thông báo/notifications, ${String(r.mails)} thư/mails (${String(ms)} ms)`
  );
}
