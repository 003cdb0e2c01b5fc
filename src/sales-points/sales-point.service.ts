import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.repository.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { assertCurrentCommune, assertExists } from '../catalog/references.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { LOCATION_TYPES, SALES_POINT_CHECKLIST } from './location-types.js';
import { presentSalesPoint, type SalesPointDto } from './sales-point.presenter.js';
import * as repo from './sales-point.repository.js';

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

export async function getSalesPoint(ctx: Ctx, id: string, urls: PublicUrls): Promise<SalesPointDto> {
  const row = await repo.findSalesPoint(ctx, id);
  if (!row) throw new NotFoundError('salesPoint', id);
  return presentSalesPoint(row, urls, ctx.locale);
}

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const SalesPointInput = Type.Object(
  {
    name: Text(200),
    locationType: Type.Union(LOCATION_TYPES.map((t) => Type.Literal(t.code))),
    address: Text(500),
    communeId: Text(64),
    latitude: Type.Optional(Type.Number({ minimum: 8, maximum: 24 })),
    longitude: Type.Optional(Type.Number({ minimum: 102, maximum: 110 })),
    operator: Type.Optional(Text(200)),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' })),
    email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 })),
    website: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 300 })),
    openingHours: Type.Optional(Text(200)),
    tourismLinked: Type.Optional(Type.Boolean()),
    craftVillageId: Type.Optional(Text(64)),
    checklist: Type.Optional(
      Type.Object(
        Object.fromEntries(SALES_POINT_CHECKLIST.map((c) => [c.code, Type.Optional(Type.Boolean())])),
        {
          additionalProperties: false,
        },
      ),
    ),
    productIds: Type.Optional(Type.Array(Text(64), { maxItems: 5000, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export async function createSalesPoint(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(SalesPointInput, input);
  if ((d.latitude === undefined) !== (d.longitude === undefined)) {
    throw new ValidationError([
      {
        field: 'longitude',
        message: 'longitude: cần cả vĩ độ và kinh độ',
        messageEn: 'longitude: give both latitude and longitude',
      },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const problems = [
      await assertCurrentCommune(tx, d.communeId, 'communeId'),
      d.craftVillageId === undefined
        ? null
        : await assertExists(tx, 'craft_villages', d.craftVillageId, 'craftVillageId'),
      ...(await Promise.all((d.productIds ?? []).map((p) => assertExists(tx, 'products', p, 'productIds')))),
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
