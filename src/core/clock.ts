/** Time travels on the context so that tests control it. Dates are ISO strings in UTC. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Today's calendar date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function todayInVietnam(clock: Clock): string {
  return new Date(clock.now().getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
