import type { Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import { migrateToLatest } from '../db/database.js';

export type PrepareStep = 'migrate' | 'reference' | 'demo';

export interface PrepareOptions {
  steps: PrepareStep[];
  progress?: Progress;
  /** Skip reference data and demo when they are already there (used at every start). */
  onlyIfEmpty?: boolean;
}

/** Brings a database up to what the platform needs; returns human-readable lines of what it did. */
export async function prepareDatabase(ctx: Ctx, options: PrepareOptions): Promise<string[]> {
  const lines: string[] = [];
  const progress = options.progress ?? noProgress;
  if (options.steps.includes('migrate')) {
    const result = await migrateToLatest(ctx.db);
    const ran = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    lines.push(ran.length ? `Migrations applied: ${ran.join(', ')}` : 'Migrations: up to date');
    progress(1, 1, 'migrations');
  }
  return lines;
}
