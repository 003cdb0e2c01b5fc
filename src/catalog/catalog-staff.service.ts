import { authorize, can, scopeOf } from '../accounts/policy.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { PublicUrls } from '../core/public-urls.js';
import { foldVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { currentCommunesOf } from './commune-scope.repository.js';
import { presentProducer, type ProducerDto } from './producer.presenter.js';
import * as producers from './producer.repository.js';
import { presentProduct, type ProductDto } from './product.presenter.js';
import * as products from './product.repository.js';
import { updateProduct } from './product.service.js';
import { assertExists } from './references.repository.js';

/**
 * The back office's reading of the catalog: lists narrowed to what the actor may see (`scopeOf` → `inScope`),
 * records opened only when the policy allows, and the bulk actions. The public API reads through
 * producer.service.ts and product.service.ts, which show everything published.
 */
export interface StaffProducerQuery extends PageRequest {
  q?: string | undefined;
  commune?: string | undefined;
  legalForm?: string | undefined;
  sort: producers.ProducerSort;
}

export async function staffProducers(
  ctx: Ctx,
  query: StaffProducerQuery,
  urls: PublicUrls,
): Promise<Page<ProducerDto>> {
  authorize(ctx.actor, 'list', { type: 'producer' });
  const communes = query.commune === undefined ? undefined : await currentCommunesOf(ctx, query.commune);
  const { rows, total } = await producers.listProducers(
    ctx,
    {
      communes: communes ?? undefined,
      ...(query.legalForm === undefined ? {} : { legalForm: query.legalForm }),
      q: query.q === undefined ? undefined : foldVi(query.q) || undefined,
      scope: scopeOf(ctx.actor, 'producer'),
    },
    query.sort,
    query,
  );
  return {
    items: rows.map((r) => presentProducer(r, urls, ctx.locale)),
    total,
    page: query.page,
    limit: query.limit,
  };
}

/** One producer, if the actor may read it (404 when missing, 403 outside the scope). */
export async function staffProducer(ctx: Ctx, id: string, urls: PublicUrls): Promise<ProducerDto> {
  const row = await producers.findProducer(ctx, id);
  if (!row) throw new NotFoundError('producer', id);
  authorize(ctx.actor, 'read', { type: 'producer', id, communeId: row.commune_id });
  return presentProducer(row, urls, ctx.locale);
}

export interface StaffProductQuery extends PageRequest {
  q?: string | undefined;
  commune?: string | undefined;
  sector?: string | undefined;
  scorecard?: number | undefined;
  stars?: number[] | undefined;
  certificate?: CertificateStatus | undefined;
  producer?: string | undefined;
  craftVillage?: string | undefined;
  sort: products.ProductSort;
}

export async function staffProducts(
  ctx: Ctx,
  query: StaffProductQuery,
  urls: PublicUrls,
): Promise<Page<ProductDto>> {
  authorize(ctx.actor, 'list', { type: 'product' });
  const today = todayInVietnam(ctx.clock);
  const communes = query.commune === undefined ? undefined : await currentCommunesOf(ctx, query.commune);
  const filters: products.ProductFilters = {
    ...defined({
      sector: query.sector,
      scorecard: query.scorecard,
      stars: query.stars?.length ? query.stars : undefined,
      certificate: query.certificate,
      producer: query.producer,
      craftVillage: query.craftVillage,
      communes: communes ?? undefined,
    }),
    q: query.q === undefined ? undefined : foldVi(query.q) || undefined,
    scope: scopeOf(ctx.actor, 'product'),
  };
  const { rows, total } = await products.listProducts(ctx, filters, query.sort, query, today);
  return {
    items: rows.map((r) => presentProduct(r, today, urls, ctx.locale)),
    total,
    page: query.page,
    limit: query.limit,
  };
}

/** One product, if the actor may read it. */
export async function staffProduct(ctx: Ctx, id: string, urls: PublicUrls): Promise<ProductDto> {
  const row = await products.findProduct(ctx, id);
  if (!row) throw new NotFoundError('product', id);
  authorize(ctx.actor, 'read', { type: 'product', producerId: row.producer_id, communeId: row.commune_id });
  return presentProduct(row, todayInVietnam(ctx.clock), urls, ctx.locale);
}

/** The selected producers the actor may list (others are silently left out), for an export. */
export async function selectedProducers(ctx: Ctx, ids: readonly string[], urls: PublicUrls) {
  authorize(ctx.actor, 'use', { type: 'export' });
  const rows = await producers.producersByIds(ctx, ids.slice(0, 1000), scopeOf(ctx.actor, 'producer'));
  return rows.map((r) => presentProducer(r, urls, ctx.locale));
}

export async function selectedProducts(ctx: Ctx, ids: readonly string[], urls: PublicUrls) {
  authorize(ctx.actor, 'use', { type: 'export' });
  const today = todayInVietnam(ctx.clock);
  const rows = await products.productsByIds(ctx, ids.slice(0, 1000), scopeOf(ctx.actor, 'product'));
  return rows.map((r) => presentProduct(r, today, urls, ctx.locale));
}

export function mayExport(ctx: Ctx): boolean {
  return can(ctx.actor, 'use', { type: 'export' });
}

/**
 * Files the selected products under a craft village, all or none: each change goes through updateProduct
 * (authorized on the product, audited) inside one transaction.
 */
export async function assignCraftVillage(
  ctx: Ctx,
  ids: readonly string[],
  villageId: string,
): Promise<number> {
  if (ids.length === 0) {
    throw new ValidationError([
      { field: 'ids', message: 'Chưa chọn sản phẩm nào.', messageEn: 'No product is selected.' },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const problem = await assertExists(tx, 'craft_villages', villageId, 'craftVillageId');
    if (problem) throw new ValidationError([problem]);
    for (const id of new Set(ids)) await updateProduct(tx, id, { craftVillageId: villageId });
    return new Set(ids).size;
  });
}

/** Producers for the product form's select box (null when too many for one: the form asks for a code). */
export async function producerChoices(ctx: Ctx, max = 500) {
  return producers.producerChoices(ctx, scopeOf(ctx.actor, 'producer'), max);
}

function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** The stored producer, for its edit form, if the actor may change it. */
export async function producerForEdit(ctx: Ctx, id: string) {
  const row = await producers.findProducerRaw(ctx, id);
  if (!row) throw new NotFoundError('producer', id);
  authorize(ctx.actor, 'update', { type: 'producer', id, communeId: row.commune_id });
  return row;
}

/** The stored product, for its edit form, if the actor may change it. */
export async function productForEdit(ctx: Ctx, id: string) {
  const row = await products.findProductRaw(ctx, id);
  if (!row) throw new NotFoundError('product', id);
  authorize(ctx.actor, 'update', { type: 'product', producerId: row.producer_id, communeId: row.commune_id });
  return row;
}
