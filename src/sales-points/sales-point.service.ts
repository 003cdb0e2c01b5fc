import { Type, type Static } from 'typebox';
import { authorize, scopeOf } from '../accounts/policy.js';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { assertCurrentCommune, assertExists } from '../catalog/references.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import type { SalesPointTable } from '../db/schema.js';
import { Nullable } from '../http/schemas.js';
import { LOCATION_TYPES, SALES_POINT_CHECKLIST } from './location-types.js';
import { presentSalesPoint, type SalesPointDto } from './sales-point.presenter.js';
import * as repo from './sales-point.repository.js';
import { coordinateProblems } from './sales-point.js';

export interface SalesPointQuery extends PageRequest {
  commune?: string;
  locationType?: string;
  tourismLinked?: boolean;
  craftVillage?: string;
  product?: string;
  demo?: boolean;
  sort?: 'name' | '-name';
}

export async function listSalesPoints(
  ctx: Ctx,
  q: SalesPointQuery,
  urls: PublicUrls,
): Promise<Page<SalesPointDto>> {
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listSalesPoints(
    ctx,
    { ...q, communes: communes ?? undefined },
    q.sort ?? 'name',
    q,
  );
  return {
    items: rows.map((r) => presentSalesPoint(r, urls, ctx.locale)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

/** The back office's list: the points the actor may see, with a search on the name. */
export async function listSalesPointsInScope(
  ctx: Ctx,
  q: Omit<SalesPointQuery, 'sort'> & { q?: string; sort?: repo.SalesPointSort },
  urls: PublicUrls,
): Promise<Page<SalesPointDto>> {
  authorize(ctx.actor, 'list', { type: 'salesPoint' });
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listSalesPoints(
    ctx,
    { ...q, communes: communes ?? undefined, scope: scopeOf(ctx.actor, 'salesPoint') },
    q.sort ?? 'name',
    q,
  );
  return {
    items: rows.map((r) => presentSalesPoint(r, urls, ctx.locale)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

/** One point for the back office with the products it stocks, after checking the actor may read it. */
export async function salesPointInScope(
  ctx: Ctx,
  id: string,
  urls: PublicUrls,
): Promise<{ salesPoint: SalesPointDto; stocked: repo.ProductChoice[] }> {
  const row = await repo.findSalesPoint(ctx, id);
  if (!row) throw new NotFoundError('salesPoint', id);
  authorize(ctx.actor, 'read', { type: 'salesPoint', id: row.id, communeId: row.commune_id });
  return {
    salesPoint: presentSalesPoint(row, urls, ctx.locale),
    stocked: await repo.stockedProducts(ctx, row.id),
  };
}

/** Candidates for the stock picker (any product of the registry), by name. */
export async function productChoices(ctx: Ctx, words: string): Promise<repo.ProductChoice[]> {
  return repo.findProductChoices(ctx, words, 50);
}

export async function getSalesPoint(ctx: Ctx, id: string, urls: PublicUrls): Promise<SalesPointDto> {
  const row = await repo.findSalesPoint(ctx, id);
  if (!row) throw new NotFoundError('salesPoint', id);
  return presentSalesPoint(row, urls, ctx.locale);
}

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** The fields of a sales point, shared by creation and change. */
const F = {
  name: Text(200),
  locationType: Type.Enum(LOCATION_TYPES.map((t) => t.code)),
  address: Text(500),
  communeId: Text(64),
  latitude: Type.Number({ minimum: 8, maximum: 24, description: 'WGS 84; inside Hà Nội.' }),
  longitude: Type.Number({ minimum: 102, maximum: 110, description: 'WGS 84; inside Hà Nội.' }),
  operator: Text(200),
  phone: Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }),
  email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 }),
  website: Type.String({ pattern: '^https?://', maxLength: 300 }),
  openingHours: Text(200),
  tourismLinked: Type.Boolean(),
  craftVillageId: Text(64),
  checklist: Type.Object(
    Object.fromEntries(SALES_POINT_CHECKLIST.map((c) => [c.code, Type.Optional(Type.Boolean())])),
    { additionalProperties: false },
  ),
};

const ProductIds = Type.Array(Text(64), { maxItems: 5000, uniqueItems: true });

export const SalesPointInput = Type.Object(
  {
    name: F.name,
    locationType: F.locationType,
    address: F.address,
    communeId: F.communeId,
    latitude: Type.Optional(F.latitude),
    longitude: Type.Optional(F.longitude),
    operator: Type.Optional(F.operator),
    phone: Type.Optional(F.phone),
    email: Type.Optional(F.email),
    website: Type.Optional(F.website),
    openingHours: Type.Optional(F.openingHours),
    tourismLinked: Type.Optional(F.tourismLinked),
    craftVillageId: Type.Optional(F.craftVillageId),
    checklist: Type.Optional(F.checklist),
    productIds: Type.Optional(ProductIds),
  },
  { additionalProperties: false },
);

/** A change to a point: any field; null clears what may be empty. The stock changes through its own call. */
export const SalesPointPatch = Type.Object(
  {
    name: Type.Optional(F.name),
    locationType: Type.Optional(F.locationType),
    address: Type.Optional(F.address),
    communeId: Type.Optional(F.communeId),
    latitude: Type.Optional(Nullable(F.latitude)),
    longitude: Type.Optional(Nullable(F.longitude)),
    operator: Type.Optional(Nullable(F.operator)),
    phone: Type.Optional(Nullable(F.phone)),
    email: Type.Optional(Nullable(F.email)),
    website: Type.Optional(Nullable(F.website)),
    openingHours: Type.Optional(Nullable(F.openingHours)),
    tourismLinked: Type.Optional(F.tourismLinked),
    craftVillageId: Type.Optional(Nullable(F.craftVillageId)),
    checklist: Type.Optional(F.checklist),
  },
  { additionalProperties: false },
);
export type SalesPointPatch = Static<typeof SalesPointPatch>;

export const StockInput = Type.Object({ productIds: ProductIds }, { additionalProperties: false });

/** Creates a point in a commune the actor may act in (commune officers: their communes); inside Hà Nội. */
export async function createSalesPoint(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(SalesPointInput, input);
  authorize(ctx.actor, 'create', { type: 'salesPoint', communeId: d.communeId });
  const misplaced = coordinateProblems({ latitude: d.latitude ?? null, longitude: d.longitude ?? null });
  if (misplaced.length) throw new ValidationError(misplaced);
  return inTransaction(ctx, async (tx) => {
    const problems = [
      await assertCurrentCommune(tx, d.communeId, 'communeId'),
      d.craftVillageId === undefined
        ? null
        : await assertExists(tx, 'craft_villages', d.craftVillageId, 'craftVillageId'),
      ...(await repo.unknownProducts(tx, d.productIds ?? [])).map((p) => ({
        field: 'productIds',
        message: `productIds: không có sản phẩm "${p}"`,
        messageEn: `productIds: no product "${p}"`,
      })),
    ].filter((p) => p !== null);
    if (problems.length) throw new ValidationError(problems);
    const id = newId('sp');
    const now = tx.clock.now().toISOString();
    const name = normalizeVi(d.name);
    await repo.insertSalesPoint(
      tx,
      {
        id,
        name,
        name_folded: foldVi(name),
        location_type: d.locationType,
        address: normalizeVi(d.address),
        commune_id: d.communeId,
        latitude: d.latitude ?? null,
        longitude: d.longitude ?? null,
        operator: d.operator ?? null,
        phone: d.phone ?? null,
        email: d.email ?? null,
        website: d.website ?? null,
        opening_hours: d.openingHours ?? null,
        tourism_linked: d.tourismLinked ? 1 : 0,
        craft_village_id: d.craftVillageId ?? null,
        checklist: JSON.stringify(d.checklist ?? {}),
        demo: 0,
        created_at: now,
        updated_at: now,
      },
      d.productIds ?? [],
    );
    await recordAudit(tx, {
      action: 'salesPoint.create',
      entityType: 'salesPoint',
      entityId: id,
      changes: d,
    });
    return id;
  });
}

/**
 * Updates a point. The actor must be allowed on the point as it is and as it would become (a commune officer
 * cannot move it out of their communes; a manager changes only their own points); the audit keeps each changed
 * field before → after.
 */
export async function updateSalesPoint(ctx: Ctx, id: string, patch: unknown): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findSalesPointRaw(tx, id);
    if (!before) throw new NotFoundError('salesPoint', id);
    authorize(tx.actor, 'update', { type: 'salesPoint', id, communeId: before.commune_id });
    const d = validate(SalesPointPatch, patch);
    authorize(tx.actor, 'update', { type: 'salesPoint', id, communeId: d.communeId ?? before.commune_id });
    const columns = toColumns(d);
    const after = { ...before, ...columns };
    const problems = [
      ...coordinateProblems({ latitude: after.latitude, longitude: after.longitude }),
      d.communeId === undefined || d.communeId === before.commune_id
        ? null
        : await assertCurrentCommune(tx, d.communeId, 'communeId'),
      d.craftVillageId === undefined || d.craftVillageId === null
        ? null
        : await assertExists(tx, 'craft_villages', d.craftVillageId, 'craftVillageId'),
    ].filter((p) => p !== null);
    if (problems.length) throw new ValidationError(problems);
    const changes = diff(before, columns);
    if (Object.keys(changes).length === 0) return;
    await repo.updateSalesPointRow(tx, id, { ...columns, updated_at: tx.clock.now().toISOString() });
    await recordAudit(tx, { action: 'salesPoint.update', entityType: 'salesPoint', entityId: id, changes });
  });
}

function toColumns(d: SalesPointPatch): Partial<SalesPointTable> {
  const out: Partial<SalesPointTable> = {};
  if (d.name !== undefined) {
    out.name = normalizeVi(d.name);
    out.name_folded = foldVi(out.name);
  }
  if (d.locationType !== undefined) out.location_type = d.locationType;
  if (d.address !== undefined) out.address = normalizeVi(d.address);
  if (d.communeId !== undefined) out.commune_id = d.communeId;
  if (d.latitude !== undefined) out.latitude = d.latitude;
  if (d.longitude !== undefined) out.longitude = d.longitude;
  if (d.operator !== undefined) out.operator = d.operator === null ? null : normalizeVi(d.operator);
  if (d.phone !== undefined) out.phone = d.phone;
  if (d.email !== undefined) out.email = d.email;
  if (d.website !== undefined) out.website = d.website;
  if (d.openingHours !== undefined)
    out.opening_hours = d.openingHours === null ? null : normalizeVi(d.openingHours);
  if (d.tourismLinked !== undefined) out.tourism_linked = d.tourismLinked ? 1 : 0;
  if (d.craftVillageId !== undefined) out.craft_village_id = d.craftVillageId;
  if (d.checklist !== undefined) out.checklist = JSON.stringify(d.checklist);
  return out;
}

/** Replaces the products a point stocks; the audit lists those added and removed. */
export async function setSalesPointProducts(ctx: Ctx, id: string, input: unknown): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findSalesPointRaw(tx, id);
    if (!before) throw new NotFoundError('salesPoint', id);
    authorize(tx.actor, 'update', { type: 'salesPoint', id, communeId: before.commune_id });
    const { productIds } = validate(StockInput, input);
    const unknown = await repo.unknownProducts(tx, productIds);
    if (unknown.length) {
      throw new ValidationError(
        unknown.slice(0, 10).map((p) => ({
          field: 'productIds',
          message: `productIds: không có sản phẩm "${p}"`,
          messageEn: `productIds: no product "${p}"`,
        })),
      );
    }
    const current = new Set(await repo.stockedProductIds(tx, id));
    const wanted = new Set(productIds);
    const added = productIds.filter((p) => !current.has(p));
    const removed = [...current].filter((p) => !wanted.has(p));
    if (added.length === 0 && removed.length === 0) return;
    await repo.changeStock(tx, id, added, removed);
    await repo.updateSalesPointRow(tx, id, { updated_at: tx.clock.now().toISOString() });
    await recordAudit(tx, {
      action: 'salesPoint.stock',
      entityType: 'salesPoint',
      entityId: id,
      changes: { products: [current.size, wanted.size], added, removed },
    });
  });
}

export const ChecklistMarkInput = Type.Object(
  { item: Type.Enum(SALES_POINT_CHECKLIST.map((c) => c.code)), met: Type.Boolean() },
  { additionalProperties: false },
);

/**
 * "Mark a checklist item" of the back office: after an inspection, one Decision 950 criterion is recorded as met
 * (or not) on several points at once — each point checked and audited as a change of its own, in one transaction.
 */
export async function markChecklist(ctx: Ctx, ids: readonly string[], input: unknown): Promise<number> {
  const d = validate(ChecklistMarkInput, input);
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > 100) {
    throw new ValidationError([
      {
        field: 'ids',
        message: 'ids: chọn từ 1 đến 100 điểm bán',
        messageEn: 'ids: select 1 to 100 sales points',
      },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    for (const id of unique) {
      const before = await repo.findSalesPointRaw(tx, id);
      if (!before) throw new NotFoundError('salesPoint', id);
      const stored = JSON.parse(before.checklist) as Record<string, unknown>;
      const checklist = Object.fromEntries(
        SALES_POINT_CHECKLIST.filter((c) => typeof stored[c.code] === 'boolean').map((c) => [
          c.code,
          stored[c.code],
        ]),
      );
      await updateSalesPoint(tx, id, { checklist: { ...checklist, [d.item]: d.met } });
    }
    return unique.length;
  });
}
