import { recordAudit } from '../audit/audit.repository.js';
import { usersWithRole } from '../accounts/user.repository.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx, type Locale } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import type { NotificationTable } from '../db/schema.js';
import type { Mail } from '../mail/mailer.js';
import { insertNotifications } from '../notifications/notification.repository.js';
import { addDays, certificateStatus, daysBetween, type CertificateState } from './certificate.js';
import {
  CERTIFICATES_ADMIN_PATH,
  certificateAdminPath,
  digestMessage,
  producerMessage,
  type Announcement,
  type Message,
} from './expiry-watch.messages.js';
import * as repo from './expiry-watch.repository.js';

/**
 * The certificate expiry watch (issue 5). Each certificate in force is announced to its producer's accounts when
 * it comes within 180, 90 and 30 days of its expiry and when it expires; the city office gets one digest per run.
 * `certificates.watch_stage` keeps the last stage announced, so a stage is announced once, and a certificate that
 * jumps several stages at once (a late import, a server down for weeks) gets only the most advanced notice.
 * Statuses themselves are computed from dates at read time (certificate.ts), so the public badge goes with the
 * expiry whether or not this job has run; its audited write also tells the read caches that the day changed.
 */

export const WATCH_STAGES = ['180', '90', '30', 'expired'] as const;
export type WatchStage = (typeof WATCH_STAGES)[number];

/** Days left at or under which each advance notice is due; `expired` is due once no day is left. */
export const STAGE_DAYS = { '180': 180, '90': 90, '30': 30 } as const;

/** The stage a certificate expiring on `expiresOn` has reached on `today` (null: more than 180 days left). */
export function stageReached(expiresOn: string, today: string): WatchStage | null {
  const left = daysBetween(today, expiresOn);
  if (left <= 0) return 'expired';
  if (left <= STAGE_DAYS['30']) return '30';
  if (left <= STAGE_DAYS['90']) return '90';
  if (left <= STAGE_DAYS['180']) return '180';
  return null;
}

/** 0 for none announced (or a value this version does not know), then 1… in WATCH_STAGES order. */
function rank(stage: string | null): number {
  return WATCH_STAGES.indexOf(stage as WatchStage) + 1;
}

export interface WatchedCertificate extends CertificateState {
  /** The last stage announced, as stored in `certificates.watch_stage`. */
  watchStage: string | null;
}

/**
 * The stage to announce on `today`, or null: the stage reached, when it is further than the last one announced.
 * Revoked and superseded certificates are never announced (their producers were told at that change).
 */
export function dueStage(cert: WatchedCertificate, today: string): WatchStage | null {
  const status = certificateStatus(cert, today);
  if (status === 'revoked' || status === 'superseded') return null;
  const reached = stageReached(cert.expiresOn, today);
  return reached !== null && rank(reached) > rank(cert.watchStage) ? reached : null;
}

/** The SQL prefilter matching `dueStage`: from each stage, the expiry date by which the next one is due. */
export function stageThresholds(today: string): repo.StageThreshold[] {
  return [
    { from: null, by: addDays(today, STAGE_DAYS['180']) },
    { from: '180', by: addDays(today, STAGE_DAYS['90']) },
    { from: '90', by: addDays(today, STAGE_DAYS['30']) },
    { from: '30', by: today },
  ];
}

export interface WatchDeps {
  mailer: { enqueue(ctx: Ctx, mail: Mail): Promise<void> };
  /** Base of the addresses in mails (PUBLIC_URL). */
  publicUrl: string;
}

export interface WatchReport {
  today: string;
  /** Certificates announced per stage. */
  announced: Record<WatchStage, number>;
  notifications: number;
  mails: number;
  /** Transactions committed (one per batch of due certificates). */
  batches: number;
}

interface Outcome {
  items: Announcement[];
  notifications: number;
  mails: number;
}

/** A batch writes at most this many certificates per transaction, so a first run never holds a long lock. */
export const BATCH_SIZE = 500;

/**
 * Runs the watch for today: finds the due certificates a batch at a time (one query each), and per batch, in
 * one transaction, moves their stage, notifies and mails their producers' accounts and records the audit entry.
 * The city office's digest goes with the last batch; when a batch fails, the certificates announced by the
 * batches committed before it still reach the digest, in a transaction of its own, and the error is rethrown.
 */
export async function runExpiryWatch(
  ctx: Ctx,
  deps: WatchDeps,
  batchSize = BATCH_SIZE,
): Promise<WatchReport> {
  const today = todayInVietnam(ctx.clock);
  const report: WatchReport = {
    today,
    announced: { '180': 0, '90': 0, '30': 0, expired: 0 },
    notifications: 0,
    mails: 0,
    batches: 0,
  };
  const committed: Announcement[] = [];
  const onCommit = (outcome: Outcome) => {
    committed.push(...outcome.items);
    tally(report, outcome);
  };
  try {
    await announceAll(ctx, deps, today, batchSize, committed, onCommit);
  } catch (error) {
    // The digest commits with the last batch, so after an error it has not been sent.
    if (committed.length > 0) {
      tally(report, await inTransaction(ctx, (tx) => sendDigest(tx, deps, committed, today)));
    }
    throw error;
  }
  return report;
}

async function announceAll(
  ctx: Ctx,
  deps: WatchDeps,
  today: string,
  batchSize: number,
  committed: readonly Announcement[],
  onCommit: (outcome: Outcome) => void,
): Promise<void> {
  const thresholds = stageThresholds(today);
  let after = '';
  for (let last = false; !last;) {
    const rows = await repo.dueCertificates(ctx, today, thresholds, after, batchSize);
    last = rows.length < batchSize;
    after = rows.at(-1)?.id ?? after;
    if (rows.length === 0 && committed.length === 0) return;
    const outcome = await inTransaction(ctx, async (tx) => {
      const batch = await announceBatch(tx, deps, rows, today);
      const all = [...committed, ...batch.items];
      if (!last || all.length === 0) return batch;
      const digest = await sendDigest(tx, deps, all, today);
      return {
        ...batch,
        notifications: batch.notifications + digest.notifications,
        mails: batch.mails + digest.mails,
      };
    });
    onCommit(outcome);
    // SQLite's calls are synchronous: without a turn of the event loop between batches, a run of many batches
    // would hold every request until it ends (15 s for the 47,000 certificates due in a fresh 100,000-product demo).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function tally(report: WatchReport, outcome: Outcome): void {
  for (const a of outcome.items) report.announced[a.stage]++;
  report.notifications += outcome.notifications;
  report.mails += outcome.mails;
  report.batches++;
}

interface Due {
  row: repo.DueCertificateRow;
  stage: WatchStage;
}

/** One batch, inside its transaction: claim the stages, tell the producers, audit. */
async function announceBatch(
  tx: Ctx,
  deps: WatchDeps,
  rows: readonly repo.DueCertificateRow[],
  today: string,
): Promise<Outcome> {
  const due = dueIn(rows, today);
  const claimed = await claimStages(tx, due);
  const items = due.filter((d) => claimed.has(d.row.id)).map((d) => announcement(d.row, d.stage, today));
  if (items.length === 0) return { items, notifications: 0, mails: 0 };
  const accounts = await repo.producerAccounts(tx, [...new Set(items.map((a) => a.producerId))]);
  const deliveries = items.flatMap((a) =>
    accounts
      .filter((user) => user.producer_id === a.producerId)
      .map((user) => ({
        user,
        kind: a.stage === 'expired' ? 'certificate.expired' : 'certificate.expiring',
        link: certificateAdminPath(a.certificateId),
        message: producerMessage(user.locale, user.name, a, deps.publicUrl),
      })),
  );
  await deliver(tx, deps, deliveries);
  await recordAudit(tx, {
    action: 'certificate.watch',
    entityType: 'certificate-watch',
    entityId: today,
    changes: { today, watchStage: idsByStage(items) },
  });
  return { items, notifications: deliveries.length, mails: deliveries.length };
}

function dueIn(rows: readonly repo.DueCertificateRow[], today: string): Due[] {
  return rows.flatMap((row): Due[] => {
    const stage = dueStage(
      {
        expiresOn: row.expires_on,
        revokedOn: row.revoked_on,
        supersededById: row.superseded_by_id,
        watchStage: row.watch_stage ?? null,
      },
      today,
    );
    return stage === null ? [] : [{ row, stage }];
  });
}

/** Moves each due certificate to its stage where no other run did it first; returns the ids moved. */
async function claimStages(tx: Ctx, due: readonly Due[]): Promise<Set<string>> {
  const groups = new Map<string, { from: string | null; to: WatchStage; ids: string[] }>();
  for (const { row, stage } of due) {
    const from = row.watch_stage ?? null;
    const key = `${from ?? ''}>${stage}`;
    const group = groups.get(key) ?? { from, to: stage, ids: [] };
    group.ids.push(row.id);
    groups.set(key, group);
  }
  const moved = new Set<string>();
  for (const g of groups.values()) {
    for (const id of await repo.claimStage(tx, g.ids, g.from, g.to)) moved.add(id);
  }
  return moved;
}

function announcement(row: repo.DueCertificateRow, stage: WatchStage, today: string): Announcement {
  return {
    certificateId: row.id,
    number: row.number,
    stars: row.stars,
    expiresOn: row.expires_on,
    daysLeft: Math.max(0, daysBetween(today, row.expires_on)),
    stage,
    productId: row.product_id,
    productName: { vi: row.product_name_vi, en: row.product_name_en ?? row.product_name_vi },
    producerId: row.producer_id,
    producerName: row.producer_name,
  };
}

function idsByStage(items: readonly Announcement[]): Partial<Record<WatchStage, string[]>> {
  const out: Partial<Record<WatchStage, string[]>> = {};
  for (const a of items) (out[a.stage] ??= []).push(a.certificateId);
  return out;
}

/** The city office's digest: one notification and one mail per administrator, in their language. */
async function sendDigest(
  tx: Ctx,
  deps: WatchDeps,
  items: readonly Announcement[],
  today: string,
): Promise<Outcome> {
  const admins = await usersWithRole(tx, 'admin', null);
  const deliveries = admins.map((user) => ({
    user,
    kind: 'certificate.digest',
    link: CERTIFICATES_ADMIN_PATH,
    message: digestMessage(user.locale, user.name, items, today, deps.publicUrl),
  }));
  await deliver(tx, deps, deliveries);
  return { items: [], notifications: deliveries.length, mails: deliveries.length };
}

interface Delivery {
  user: { id: string; email: string; locale: Locale };
  kind: string;
  link: string;
  message: Message;
}

/** Each delivery as an in-app notification and a mail, on the caller's transaction. */
async function deliver(tx: Ctx, deps: WatchDeps, deliveries: readonly Delivery[]): Promise<void> {
  const now = tx.clock.now().toISOString();
  const rows: NotificationTable[] = deliveries.map((d) => ({
    id: newSortableId('ntf'),
    user_id: d.user.id,
    kind: d.kind,
    title: d.message.title,
    body: d.message.body,
    link: d.link,
    created_at: now,
    read_at: null,
  }));
  await insertNotifications(tx, rows);
  for (const d of deliveries) {
    await deps.mailer.enqueue(tx, {
      to: d.user.email,
      subject: `[OCOP] ${d.message.title}`,
      text: d.message.mailText,
    });
  }
}
