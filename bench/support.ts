/** What every benchmark script needs: the machine's description and child servers it starts and stops. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const CLI = join(ROOT, 'dist/cli/ocop.js');

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** A child Node process (the built `ocop serve` by default) with quiet logs. */
export function startServer(env: Record<string, string>, args = [CLI, 'serve']): ChildProcess {
  return spawn(process.execPath, args, {
    // No search rate limit: the load comes from one address on purpose.
    env: { ...process.env, LOG_LEVEL: 'warn', SEARCH_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Polls `url` until it answers 2xx. */
export async function waitReady(url: string, timeoutMs: number, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not ready after ${timeoutMs} ms: ${url}`);
}

export async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await exited;
}
