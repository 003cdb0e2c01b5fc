import { Type, type Static, type TSchema } from 'typebox';
import { authorize } from '../accounts/policy.js';
import { recordAudit, diff } from '../audit/audit.repository.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { currentCommunesOf } from './commune-scope.repository.js';
import { presentProduct, type ProductDto } from './product.presenter.js';
import * as repo from './product.repository.js';
import { assertCurrentCommune, assertExists } from './references.repository.js';

export interface ProductQuery extends PageRequest {
  stars?: number[];
  sector?: string;
  scorecard?: number;
  commune?: string;
  craftVillage?: string;
  producer?: string;
  certificate?: CertificateStatus;
  demo?: boolean;
  sort?: repo.ProductSort;
}

export async function listProducts(
  ctx: Ctx,
  query: ProductQuery,
  urls: PublicUrls,
): Promise<Page<ProductDto>> {
  const today = todayInVietnam(ctx.clock);
  const communes = query.commune === undefined ? undefined : await currentCommunesOf(ctx, query.commune);
  const { rows, total } = await repo.listProducts(
    ctx,
    { ...query, communes: communes ?? undefined },
    query.sort ?? 'name',
    query,
    today,
  );
  return {
    items: rows.map((r) => presentProduct(r, today, urls, ctx.locale)),
    total,
    page: query.page,
    limit: query.limit,
  };
}

export async function getProduct(ctx: Ctx, id: string, urls: PublicUrls): Promise<ProductDto> {
  const row = await repo.findProduct(ctx, id);
  if (!row) throw new NotFoundError('product', id);
  return presentProduct(row, todayInVietnam(ctx.clock), urls, ctx.locale);
}

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const ProductInput = Type.Object(
  {
    nameVi: Text(200),
    nameEn: Type.Optional(Text(200)),
    descriptionVi: Type.Optional(Type.String({ maxLength: 5000 })),
    descriptionEn: Type.Optional(Type.String({ maxLength: 5000 })),
    scorecardId: Type.Integer({ minimum: 1, maximum: 26 }),
    producerId: Text(64),
    communeId: Text(64),
    craftVillageId: Type.Optional(Text(64)),
    unit: Type.Optional(Text(40)),
    priceVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInput>;

const Clearable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const P = ProductInput.properties;

/** Only the fields given change; `null` clears an optional field (a price no longer set, no craft village). */
export const ProductPatch = Type.Object(
  {
    nameVi: Type.Optional(P.nameVi),
    nameEn: Clearable(Text(200)),
    descriptionVi: Clearable(Type.String({ maxLength: 5000 })),
    descriptionEn: Clearable(Type.String({ maxLength: 5000 })),
    scorecardId: Type.Optional(P.scorecardId),
    producerId: Type.Optional(P.producerId),
    communeId: Type.Optional(P.communeId),
    craftVillageId: Clearable(Text(64)),
    unit: Clearable(Text(40)),
    priceVnd: Clearable(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false },
);
type ProductChanges = Static<typeof ProductPatch>;

/** Creates a product after checking every reference; audited in the same transaction. */
export async function createProduct(ctx: Ctx, input: unknown): Promise<string> {
  const data = validate(ProductInput, input);
  authorize(ctx.actor, 'create', { type: 'product', producerId: data.producerId, communeId: data.communeId });
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, data);
    const now = tx.clock.now().toISOString();
    const id = newId('prd');
    const nameVi = normalizeVi(data.nameVi);
    await repo.insertProduct(tx, {
      id,
      name_vi: nameVi,
      name_folded: foldVi(nameVi),
      name_en: data.nameEn === undefined ? null : normalizeVi(data.nameEn),
      description_vi: data.descriptionVi === undefined ? null : normalizeVi(data.descriptionVi),
      description_en: data.descriptionEn === undefined ? null : normalizeVi(data.descriptionEn),
      scorecard_id: data.scorecardId,
      producer_id: data.producerId,
      commune_id: data.communeId,
      craft_village_id: data.craftVillageId ?? null,
      // Kept in step with product_images by the image service (src/media/image.service.ts).
      images: '[]',
      unit: data.unit === undefined ? null : normalizeVi(data.unit),
      price_vnd: data.priceVnd ?? null,
      current_certificate_id: null,
      demo: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, { action: 'product.create', entityType: 'product', entityId: id, changes: data });
    return id;
  });
}

export async function updateProduct(ctx: Ctx, id: string, patch: unknown): Promise<void> {
  const data = validate(ProductPatch, patch);
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findProductRaw(tx, id);
    if (!before) throw new NotFoundError('product', id);
    // Both sides: a product may not leave, nor enter, a scope the actor does not hold.
    authorize(ctx.actor, 'update', {
      type: 'product',
      producerId: before.producer_id,
      communeId: before.commune_id,
    });
    authorize(ctx.actor, 'update', {
      type: 'product',
      producerId: data.producerId ?? before.producer_id,
      communeId: data.communeId ?? before.commune_id,
    });
    await checkReferences(tx, data);
    const columns = toColumns(data);
    const changes = diff(before, columns);
    if (Object.keys(changes).length === 0) return;
    await repo.updateProductRow(tx, id, { ...columns, updated_at: tx.clock.now().toISOString() });
    await recordAudit(tx, { action: 'product.update', entityType: 'product', entityId: id, changes });
  });
}

async function checkReferences(ctx: Ctx, d: ProductChanges): Promise<void> {
  const problems = [
    d.producerId === undefined ? null : await assertExists(ctx, 'producers', d.producerId, 'producerId'),
    d.scorecardId === undefined ? null : await assertExists(ctx, 'scorecards', d.scorecardId, 'scorecardId'),
    d.communeId === undefined ? null : await assertCurrentCommune(ctx, d.communeId, 'communeId'),
    d.craftVillageId === undefined || d.craftVillageId === null
      ? null
      : await assertExists(ctx, 'craft_villages', d.craftVillageId, 'craftVillageId'),
  ].filter((p) => p !== null);
  if (problems.length) throw new ValidationError(problems);
}

function toColumns(d: ProductChanges) {
  const name = d.nameVi === undefined ? undefined : normalizeVi(d.nameVi);
  return stripUndefined({
    name_vi: name,
    name_folded: name === undefined ? undefined : foldVi(name),
    name_en: norm(d.nameEn),
    description_vi: norm(d.descriptionVi),
    description_en: norm(d.descriptionEn),
    scorecard_id: d.scorecardId,
    producer_id: d.producerId,
    commune_id: d.communeId,
    craft_village_id: d.craftVillageId,
    unit: norm(d.unit),
    price_vnd: d.priceVnd,
  });
}

/** normalizeVi through undefined (unchanged) and null (cleared). */
function norm<T extends string | null | undefined>(v: T): T {
  return (typeof v === 'string' ? normalizeVi(v) : v) as T;
}

export function stripUndefined<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
