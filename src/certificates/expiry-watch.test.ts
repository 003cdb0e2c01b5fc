import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays } from './certificate.js';
import { dueStage, stageReached, stageThresholds, WATCH_STAGES, type WatchStage } from './expiry-watch.js';
import {
  DIGEST_PER_STAGE,
  digestMessage,
  producerMessage,
  type Announcement,
} from './expiry-watch.messages.js';
import { ExpiryWatchScheduler, msUntilNextRun } from './expiry-watch.scheduler.js';
import type { WatchReport } from './expiry-watch.js';

const TODAY = '2026-11-26';
const inDays = (n: number) => addDays(TODAY, n);
const live = (daysLeft: number, watchStage: string | null = null) => ({
  expiresOn: inDays(daysLeft),
  revokedOn: null,
  supersededById: null,
  watchStage,
});

describe('the stage a certificate has reached', () => {
  it.each([
    [400, null],
    [181, null],
    [180, '180'],
    [91, '180'],
    [90, '90'],
    [31, '90'],
    [30, '30'],
    [1, '30'],
    [0, 'expired'],
    [-700, 'expired'],
  ])('%d days before expiry: %s', (days, stage) => {
    expect(stageReached(inDays(days), TODAY)).toBe(stage);
  });
});

describe('the stage due today', () => {
  it('announces each stage once, in order', () => {
    expect(dueStage(live(180), TODAY)).toBe('180');
    expect(dueStage(live(120, '180'), TODAY)).toBeNull();
    expect(dueStage(live(90, '180'), TODAY)).toBe('90');
    expect(dueStage(live(30, '90'), TODAY)).toBe('30');
    expect(dueStage(live(0, '30'), TODAY)).toBe('expired');
    expect(dueStage(live(-1, 'expired'), TODAY)).toBeNull();
  });

  it('gives a certificate that jumped past several stages only the most advanced notice', () => {
    expect(dueStage(live(20), TODAY)).toBe('30');
    expect(dueStage(live(-300), TODAY)).toBe('expired');
    expect(dueStage(live(-3, '180'), TODAY)).toBe('expired');
  });

  it('never announces a revoked or superseded certificate', () => {
    expect(dueStage({ ...live(20), revokedOn: inDays(-2) }, TODAY)).toBeNull();
    expect(dueStage({ ...live(-10), supersededById: 'crt_new' }, TODAY)).toBeNull();
  });

  it('still announces a certificate whose revocation takes effect later', () => {
    expect(dueStage({ ...live(20), revokedOn: inDays(5) }, TODAY)).toBe('30');
  });

  it('starts over from no stage when the stored one is unknown', () => {
    expect(dueStage(live(45, 'bogus'), TODAY)).toBe('90');
  });

  it('agrees with the thresholds the SQL query uses, for every day and stage', () => {
    const thresholds = stageThresholds(TODAY);
    for (const stored of [null, ...WATCH_STAGES]) {
      for (let days = -40; days <= 200; days++) {
        const expiresOn = inDays(days);
        const bySql = thresholds.some((t) => t.from === stored && expiresOn <= t.by);
        expect(dueStage(live(days, stored), TODAY) !== null, `${String(stored)} at ${String(days)}`).toBe(
          bySql,
        );
      }
    }
  });
});

const announced = (stage: WatchStage, n: number, over: Partial<Announcement> = {}): Announcement => ({
  certificateId: `crt_${String(n)}`,
  number: `OCOP-${String(n)}`,
  stars: 4,
  expiresOn: inDays(stage === 'expired' ? 0 : Number(stage)),
  daysLeft: stage === 'expired' ? 0 : Number(stage),
  stage,
  productId: `prd_${String(n)}`,
  productName: { vi: `Chè Tân Cương ${String(n)}`, en: `Tan Cuong tea ${String(n)}` },
  producerId: 'pdc_1',
  producerName: 'HTX Chè Tân Cương',
  ...over,
});

describe('what the producer reads', () => {
  it('says in Vietnamese when the certificate expires and links to the product page and the back office', () => {
    const m = producerMessage(
      'vi',
      'Nguyễn Văn An',
      announced('30', 7, { daysLeft: 20 }),
      'https://ocop.test/',
    );
    expect(m.title).toBe('Giấy chứng nhận OCOP còn 20 ngày: Chè Tân Cương 7');
    expect(m.body).toContain('hết hạn ngày 26/12/2026');
    expect(m.mailText).toContain('Kính gửi Nguyễn Văn An,');
    expect(m.mailText).toContain('https://ocop.test/vi/products/prd_7');
    expect(m.mailText).toContain('https://ocop.test/admin/certificates/crt_7');
  });

  it('in English for an English reader, with the English product name', () => {
    const m = producerMessage('en', 'An', announced('expired', 8), 'https://ocop.test');
    expect(m.title).toBe('OCOP certificate expired: Tan Cuong tea 8');
    expect(m.body).toContain('may no longer carry the OCOP label');
    expect(m.mailText).toContain('https://ocop.test/en/products/prd_8');
  });
});

describe("the city office's digest", () => {
  it('counts each stage and lists the most urgent first', () => {
    const items = [announced('180', 1), announced('expired', 2), announced('30', 3)];
    const m = digestMessage('vi', 'Sở', items, TODAY, 'https://ocop.test');
    expect(m.title).toBe('Hạn giấy chứng nhận OCOP: 3 giấy chứng nhận cần chú ý');
    expect(m.body).toBe(
      'Đã hết hạn (không còn được mang nhãn OCOP): 1 · Hết hạn trong 30 ngày: 1 · Hết hạn trong 180 ngày: 1',
    );
    const order = ['OCOP-2', 'OCOP-3', 'OCOP-1'].map((n) => m.mailText.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists a few per stage, the latest expired first, and sends the reader to the back office for the rest', () => {
    const expired = Array.from({ length: 2700 }, (_, i) =>
      announced('expired', i, { expiresOn: addDays(TODAY, -i) }),
    );
    const soon = Array.from({ length: 11 }, (_, i) => announced('30', 5000 + i));
    const m = digestMessage('en', 'City office', [...expired, ...soon], TODAY, 'https://ocop.test');
    expect(m.title).toBe('OCOP certificate expiry: 2,711 certificates need attention');
    expect(m.mailText.match(/^- OCOP-/gm)).toHaveLength(DIGEST_PER_STAGE + 11);
    expect(m.mailText).toContain('- OCOP-0 · Tan Cuong tea 0');
    expect(m.mailText).not.toContain(`- OCOP-${String(DIGEST_PER_STAGE)} ·`);
    expect(m.mailText).toContain(`… and ${(2700 - DIGEST_PER_STAGE).toLocaleString('en-GB')} more`);
    expect(m.mailText).toContain(
      'The full list is in the back office: https://ocop.test/admin/certificates\n',
    );
  });
});

describe('the schedule', () => {
  it('is 00:05 in Vietnam, the next one after now', () => {
    const at = (iso: string) => msUntilNextRun(new Date(iso)) / 60_000;
    expect(at('2026-11-26T03:00:00Z')).toBe(14 * 60 + 5); // 10:00 in Hà Nội
    expect(at('2026-11-26T17:00:00Z')).toBe(5); // 00:00 the next day in Hà Nội
    expect(at('2026-11-26T17:05:00Z')).toBe(24 * 60); // just ran
    expect(at('2026-11-26T16:59:00Z')).toBe(6);
  });
});

const REPORT: WatchReport = {
  today: TODAY,
  announced: { '180': 0, '90': 0, '30': 0, expired: 0 },
  notifications: 0,
  mails: 0,
  batches: 0,
};

describe('the scheduler', () => {
  const log = { info: vi.fn(), error: vi.fn() };
  let runner: ReturnType<typeof vi.fn<() => Promise<WatchReport>>>;
  let scheduler: ExpiryWatchScheduler;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-26T03:00:00Z'));
    log.info.mockReset();
    log.error.mockReset();
    runner = vi.fn(() => Promise.resolve(REPORT));
    const deps = {
      db: undefined as never,
      clock: { now: () => new Date() },
      log,
      mailer: { enqueue: () => Promise.resolve() },
      publicUrl: 'https://ocop.test',
    };
    scheduler = new ExpiryWatchScheduler(deps, runner);
  });
  afterEach(async () => {
    await scheduler.stop();
    vi.useRealTimers();
  });

  it('runs at start, then at 00:05 Hà Nội time every day', async () => {
    scheduler.start();
    expect(runner).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync((14 * 60 + 5) * 60_000 - 1);
    expect(runner).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runner).toHaveBeenCalledTimes(2);
    expect(new Date().toISOString()).toBe('2026-11-26T17:05:00.000Z');
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(runner).toHaveBeenCalledTimes(3);
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ today: TODAY }), expect.any(String));
  });

  it('never runs twice at once: a run asked for meanwhile joins the one going', async () => {
    let finish: (r: WatchReport) => void = () => undefined;
    runner.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const first = scheduler.run();
    const second = scheduler.run();
    expect(second).toBe(first);
    expect(runner).toHaveBeenCalledTimes(1);
    finish(REPORT);
    await expect(first).resolves.toBe(REPORT);
    await scheduler.run();
    expect(runner).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and still runs the next day', async () => {
    runner.mockRejectedValueOnce(new Error('database away'));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(log.error).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'database away' }) as unknown },
      'certificate expiry watch: run failed',
    );
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(runner).toHaveBeenCalledTimes(2);
  });

  it('stops: no further run, and stop waits for the run in progress', async () => {
    let finish: (r: WatchReport) => void = () => undefined;
    runner.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    scheduler.start();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish(REPORT);
    await stopping;
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    expect(runner).toHaveBeenCalledTimes(1);
  });
});
