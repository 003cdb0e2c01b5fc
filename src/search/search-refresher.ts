import { auditIdRange, latestAudit } from '../audit/audit.repository.js';
import type { Ctx } from '../core/context.js';
import type { ChangeTracker } from '../db/change-tracker.js';
import type { SearchType } from './search-doc.js';
import { SearchIndex } from './search-index.js';
import {
  auditSince,
  productsAffectedBy,
  readAllSearchDocs,
  readSearchDocs,
  type AuditMark,
} from './search.repository.js';

/** Audit records are re-read this far back, so a write committed late (or by a slow clock) is not missed. */
const MARGIN_MS = 60_000;
/** Past this many changed records, rebuilding is cheaper than patching. */
const MAX_PATCH = 2_000;
const COMPACT_AT = 0.3;

/**
 * Audited records no search document shows: their changes need neither a patch nor a rebuild. Orders and their
 * parts come at shop rates; without them here, any public change within the margin would make the refresher read
 * a minute of checkouts and rebuild the whole index.
 */
const NOT_INDEXED = new Set(['user', 'certificate-watch', 'order', 'sub_order']);

const TYPE_OF: Record<string, SearchType | 'certificate'> = {
  product: 'product',
  producer: 'producer',
  craftVillage: 'craftVillage',
  salesPoint: 'salesPoint',
  certificate: 'certificate',
};

/**
 * Keeps the search index in step with the database. The change tracker's version says *that* something changed
 * (at once for this process, within its polling interval for others); the audit trail says *what* changed,
 * so only those records (and the products that show them) are read again. Bulk changes (demo load or purge,
 * unknown record types) rebuild the whole index.
 */
export class SearchRefresher {
  private index = new SearchIndex();
  private builtVersion: string | null = null;
  private running: Promise<void> | null = null;
  private watermark = '';
  /** Audit ids already applied, inside the margin. */
  private readonly applied = new Set<string>();

  constructor(
    private readonly ctx: Ctx,
    private readonly tracker: ChangeTracker,
  ) {}

  get stale(): boolean {
    return this.builtVersion !== this.tracker.version();
  }

  /** The index, brought up to date with every change committed before this call. */
  async current(): Promise<SearchIndex> {
    for (let round = 0; round < 3 && this.stale; round++) {
      this.running ??= this.refresh().finally(() => {
        this.running = null;
      });
      await this.running;
    }
    return this.index;
  }

  private async refresh(): Promise<void> {
    const version = this.tracker.version();
    if (this.builtVersion === null) await this.rebuild();
    else await this.patch();
    this.builtVersion = version;
  }

  private async rebuild(): Promise<void> {
    // Marks first: a write committed while the records are read is applied again next time, never lost.
    const newest = await latestAudit(this.ctx.db);
    const marks = await auditSince(this.ctx, before(newest?.at ?? ''));
    this.index = await SearchIndex.build(readAllSearchDocs(this.ctx));
    this.applied.clear();
    this.remember(marks);
  }

  private async patch(): Promise<void> {
    const all = (await auditSince(this.ctx, before(this.watermark))).filter((m) => !this.applied.has(m.id));
    const marks = all.filter((m) => !NOT_INDEXED.has(m.entityType));
    if (marks.length === 0) {
      this.remember(all);
      return;
    }
    if (marks.length > MAX_PATCH || marks.some((m) => TYPE_OF[m.entityType] === undefined)) {
      await this.rebuild();
      return;
    }
    const ids: Record<SearchType | 'certificate', Set<string>> = {
      product: new Set(),
      producer: new Set(),
      craftVillage: new Set(),
      salesPoint: new Set(),
      certificate: new Set(),
    };
    for (const m of marks) ids[TYPE_OF[m.entityType] ?? 'product'].add(m.entityId);
    const affected = await productsAffectedBy(this.ctx, {
      producers: [...ids.producer],
      villages: [...ids.craftVillage],
      certificates: [...ids.certificate],
    });
    if (affected.length > MAX_PATCH) {
      await this.rebuild();
      return;
    }
    for (const id of affected) ids.product.add(id);
    this.apply(ids, await readSearchDocs(this.ctx, selection(ids)));
    this.remember(all);
    if (this.index.deadRatio > COMPACT_AT) await this.rebuild();
  }

  private apply(
    ids: Record<SearchType, Set<string>>,
    docs: Awaited<ReturnType<typeof readSearchDocs>>,
  ): void {
    const found = new Set(docs.map((d) => `${d.type}:${d.id}`));
    for (const type of ['product', 'producer', 'craftVillage', 'salesPoint'] as const) {
      for (const id of ids[type]) if (!found.has(`${type}:${id}`)) this.index.remove(type, id);
    }
    for (const doc of docs) this.index.upsert(doc);
  }

  private remember(marks: AuditMark[]): void {
    for (const m of marks) {
      this.applied.add(m.id);
      if (m.at > this.watermark) this.watermark = m.at;
    }
    // Ids below the margin are never read again (ids sort by time), so they need not be remembered.
    const horizon = before(this.watermark);
    for (const id of this.applied) if (id < horizon) this.applied.delete(id);
  }
}

/** The first audit id of the margin before `iso` ('' when there is no mark yet: every record). */
function before(iso: string): string {
  return auditIdRange(Date.parse(iso) - MARGIN_MS).lower ?? '';
}

function selection(ids: Record<SearchType, Set<string>>) {
  return {
    product: [...ids.product],
    producer: [...ids.producer],
    craftVillage: [...ids.craftVillage],
    salesPoint: [...ids.salesPoint],
  };
}
