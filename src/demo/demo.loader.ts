import { recordAudit } from '../audit/audit.repository.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { noProgress, type Progress } from '../core/progress.js';
import { removeDossierFolders } from '../evaluation/dossier.service.js';
import { readCommunePolygons } from './demo.boundaries.js';
import { generateDemo, REPORTED } from './demo.generator.js';
import {
  countForeignReferences,
  deleteDemoRows,
  demoApplicationIds,
  hasDemoRows,
  insertDemoRows,
  readCommunes,
  readScorecards,
} from './demo.repository.js';
import type { DemoSummary } from './demo.types.js';

export const DEFAULT_DEMO_PRODUCTS = REPORTED.products;
export const DEFAULT_DEMO_SEED = 20240101;

export interface LoadDemoOptions {
  products?: number;
  seed?: number;
  progress?: Progress;
}

/**
 * Loads the demonstration Hà Nội (reference data must be loaded first) in one transaction with its audit
 * record. Refuses when demonstration rows are already there: purge first, so that two runs never mix.
 */
export async function loadDemo(ctx: Ctx, options: LoadDemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const progress = options.progress ?? noProgress;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const products = options.products ?? DEFAULT_DEMO_PRODUCTS;
  const polygons = await readCommunePolygons();
  return inTransaction(ctx, async (tx) => {
    if (await hasDemoRows(tx)) throw alreadyLoaded();
    progress(0, 1, 'generating demonstration data');
    const communes = (await readCommunes(tx)).map((c) => ({ ...c, polygons: polygons.get(c.id) }));
    const data = generateDemo({
      seed,
      products,
      communes,
      scorecards: await readScorecards(tx),
      today: todayInVietnam(ctx.clock),
    });
    await insertDemoRows(tx, data, progress);
    const counts = {
      producers: data.producers.length,
      products: data.products.length,
      certificates: data.certificates.length,
      craftVillages: data.craftVillages.length,
      salesPoints: data.salesPoints.length,
      stocked: data.salesPointProducts.length,
    };
    await recordAudit(tx, {
      action: 'demo.load',
      entityType: 'demo',
      entityId: 'demo',
      changes: { seed, ...counts },
    });
    return { ...counts, ms: Math.round(performance.now() - started) };
  });
}

/** Removes every demonstration row and nothing else, in one transaction with its audit record. */
/**
 * Removes every demonstration row in one transaction and then, given the uploads folder, the dossier files of
 * the demo's applications (after the commit: a failed purge keeps the files its rows point to).
 */
export async function purgeDemo(
  ctx: Ctx,
  uploadsDir?: string,
): Promise<DemoSummary & { dossierFolders: number }> {
  const started = performance.now();
  const { deleted, applications } = await inTransaction(ctx, async (tx) => {
    const references = await countForeignReferences(tx);
    const blocking = Object.entries(references).filter(([, n]) => n > 0);
    if (blocking.length) throw referencedByRealRows(blocking);
    const applications = await demoApplicationIds(tx);
    const deleted = await deleteDemoRows(tx);
    await recordAudit(tx, {
      action: 'demo.purge',
      entityType: 'demo',
      entityId: 'demo',
      changes: { ...deleted },
    });
    return { deleted, applications };
  });
  const dossierFolders = uploadsDir === undefined ? 0 : await removeDossierFolders(uploadsDir, applications);
  return { ...deleted, dossierFolders, ms: Math.round(performance.now() - started) };
}

export async function hasDemo(ctx: Ctx): Promise<boolean> {
  return hasDemoRows(ctx);
}

function alreadyLoaded(): DomainError {
  return new DomainError(
    'conflict',
    'Dữ liệu minh họa đã có trong cơ sở dữ liệu. Hãy xóa trước bằng lệnh "ocop demo purge" rồi nạp lại.',
    'Demonstration data is already loaded. Remove it first with "ocop demo purge", then load again.',
  );
}

function referencedByRealRows(blocking: Array<[string, number]>): DomainError {
  const list = blocking.map(([what, n]) => `${what}: ${n}`).join(', ');
  return new DomainError(
    'conflict',
    `Không thể xóa dữ liệu minh họa: có bản ghi thật tham chiếu tới nó (${list}).`,
    `Cannot remove the demonstration data: real records refer to it (${list}).`,
    blocking.map(([field, n]) => ({ field, message: String(n) })),
  );
}
