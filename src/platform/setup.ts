import { todayInVietnam } from '../core/clock.js';
import type { Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import { migrateToLatest } from '../db/database.js';

/** Bump when reference/ changes so that existing databases reload it at the next start. */
export const REFERENCE_VERSION = '2026-11-26.1';

export type PrepareStep = 'migrate' | 'reference' | 'demo' | 'demo-purge';

export interface PrepareOptions {
  steps: PrepareStep[];
  progress?: Progress;
  /** Load reference data only when missing or outdated (every start does this). */
  referenceIfOutdated?: boolean;
  /** Load the demo only into an empty registry (DEMO at start). */
  demoIfEmpty?: boolean;
  demoProducts?: number;
  demoSeed?: number;
  /** Where uploads live: `demo-purge` removes the demo's dossier files there too. */
  uploadsDir?: string;
}

/** Brings a database up to what the platform needs; returns human-readable lines of what it did. */
export async function prepareDatabase(ctx: Ctx, options: PrepareOptions): Promise<string[]> {
  const lines: string[] = [];
  const progress = options.progress ?? noProgress;
  const steps = new Set(options.steps);
  if (steps.has('migrate')) {
    const result = await migrateToLatest(ctx.db);
    const ran = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    lines.push(ran.length ? `Migrations applied: ${ran.join(', ')}` : 'Migrations: up to date');
  }
  if (steps.has('reference')) {
    if (options.referenceIfOutdated && (await metaValue(ctx, 'reference_version')) === REFERENCE_VERSION) {
      lines.push(`Reference data: up to date (${REFERENCE_VERSION})`);
    } else {
      lines.push(...(await loadReference(ctx, progress)));
    }
  }
  if (steps.has('reference')) lines.push(...(await currentRounds(ctx)));
  if (steps.has('demo-purge')) {
    const { purgeDemo } = await import('../demo/demo.loader.js');
    const purged = await purgeDemo(ctx, options.uploadsDir);
    lines.push(
      `Demonstration data removed: ${purged.products} products, ${purged.producers} producers, ` +
        `${purged.dossierFolders} dossier folders`,
    );
  }
  if (steps.has('demo')) {
    if (options.demoIfEmpty && (await registryHasRows(ctx))) {
      lines.push('Demonstration data: not loaded (the registry already has records)');
    } else {
      // Imported on demand: the generator's name tables are not needed by a later start.
      const { loadDemo } = await import('../demo/demo.loader.js');
      const s = await loadDemo(ctx, {
        progress,
        ...(options.demoProducts === undefined ? {} : { products: options.demoProducts }),
        ...(options.demoSeed === undefined ? {} : { seed: options.demoSeed }),
      });
      lines.push(
        `Demonstration data loaded in ${s.ms} ms: ${s.products} products, ${s.certificates} certificates, ` +
          `${s.producers} producers, ${s.craftVillages} craft villages, ${s.salesPoints} sales points`,
      );
    }
  }
  return lines;
}

async function loadReference(ctx: Ctx, progress: Progress): Promise<string[]> {
  // Imported on demand, like the demo: most starts find the reference data already loaded.
  const { loadAdministrativeUnits } = await import('../places/admin-unit.loader.js');
  const { loadScorecards } = await import('../scorecards/scorecard.loader.js');
  const units = await loadAdministrativeUnits(ctx, { progress });
  const cards = await loadScorecards(ctx, { progress });
  await setMeta(ctx, 'reference_version', REFERENCE_VERSION);
  return [
    `Administrative units loaded: ${units.units} units, ${units.links} old→new links`,
    ...units.defects.map((d) => `  reference defect: ${d}`),
    `Scorecards loaded: ${cards.sectors} sectors, ${cards.scorecards} scorecards, ${cards.corrections} corrections applied`,
    ...cards.defects.map((d) => `  scorecard note: ${d}`),
  ];
}

/** This year's evaluation rounds with the default cut-offs (30/6, 30/12), created once when missing. */
async function currentRounds(ctx: Ctx): Promise<string[]> {
  const { ensureDefaultRounds } = await import('../evaluation/round.service.js');
  const year = Number(todayInVietnam(ctx.clock).slice(0, 4));
  const rounds = await ensureDefaultRounds(ctx, year);
  return [`Evaluation rounds of ${String(year)}: ${rounds.map((r) => `${r.name} (${r.cutoff})`).join(', ')}`];
}

async function registryHasRows(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db.selectFrom('products').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function metaValue(ctx: Ctx, key: string): Promise<string | undefined> {
  const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

async function setMeta(ctx: Ctx, key: string, value: string): Promise<void> {
  await ctx.db.deleteFrom('meta').where('key', '=', key).execute();
  await ctx.db.insertInto('meta').values({ key, value }).execute();
}
