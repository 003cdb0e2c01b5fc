import { RateLimitedError } from '../core/errors.js';

/**
 * A fixed-window counter per key (an IP address) kept in memory: enough for one process, and what protects
 * sign-in from a flood before the per-account lockout (in the database) takes over.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; throws RateLimitedError when the key is over its limit in this window. */
  hit(key: string): void {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > this.limit) {
      const seconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
      throw new RateLimitedError(
        `Quá nhiều yêu cầu. Vui lòng thử lại sau ${String(seconds)} giây.`,
        `Too many requests. Try again in ${String(seconds)} seconds.`,
        seconds,
      );
    }
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
