import { Type, type Static } from 'typebox';
import { authorize, scopeOf } from '../accounts/policy.js';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { assertCurrentCommune } from '../catalog/references.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import type { CraftVillageTable } from '../db/schema.js';
import { Nullable } from '../http/schemas.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { presentCraftVillage, type CraftVillageDto } from './craft-village.presenter.js';
import * as repo from './craft-village.repository.js';

export interface CraftVillageQuery extends PageRequest {
  commune?: string;
  recognized?: boolean;
  traditional?: boolean;
  demo?: boolean;
  sort?: 'name' | '-name';
}

export async function listCraftVillages(
  ctx: Ctx,
  q: CraftVillageQuery,
  urls: PublicUrls,
): Promise<Page<CraftVillageDto>> {
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listCraftVillages(
    ctx,
    { ...q, communes: communes ?? undefined },
    q.sort ?? 'name',
    q,
  );
  return { items: rows.map((r) => presentCraftVillage(r, urls)), total, page: q.page, limit: q.limit };
}

/** The back office's list: the villages the actor may see, with a search on the name. */
export async function listCraftVillagesInScope(
  ctx: Ctx,
  q: Omit<CraftVillageQuery, 'sort'> & { q?: string; sort?: repo.CraftVillageSort },
  urls: PublicUrls,
): Promise<Page<CraftVillageDto>> {
  authorize(ctx.actor, 'list', { type: 'craftVillage' });
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listCraftVillages(
    ctx,
    { ...q, communes: communes ?? undefined, scope: scopeOf(ctx.actor, 'craftVillage') },
    q.sort ?? 'name',
    q,
  );
  return { items: rows.map((r) => presentCraftVillage(r, urls)), total, page: q.page, limit: q.limit };
}

/** One village for the back office, after checking the actor may read it. */
export async function craftVillageInScope(ctx: Ctx, id: string, urls: PublicUrls): Promise<CraftVillageDto> {
  const row = await repo.findCraftVillage(ctx, id);
  if (!row) throw new NotFoundError('craftVillage', id);
  authorize(ctx.actor, 'read', { type: 'craftVillage', communeId: row.commune_id });
  return presentCraftVillage(row, urls);
}

export async function getCraftVillage(ctx: Ctx, id: string, urls: PublicUrls): Promise<CraftVillageDto> {
  const row = await repo.findCraftVillage(ctx, id);
  if (!row) throw new NotFoundError('craftVillage', id);
  return presentCraftVillage(row, urls);
}

export const CraftVillageInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    communeId: Type.String({ minLength: 1, maxLength: 64 }),
    craft: Type.String({ minLength: 1, maxLength: 200 }),
    recognized: Type.Boolean(),
    traditional: Type.Boolean(),
    recognitionDecision: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    recognitionYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

const RECOGNITION_NEEDS_DECISION = {
  field: 'recognitionDecision',
  message: 'recognitionDecision: làng nghề được công nhận cần số quyết định và năm',
  messageEn: 'recognitionDecision: a recognized craft village needs its decision number and year',
};

/** Creates a village in a commune the actor may act in (commune officers: their communes). */
export async function createCraftVillage(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(CraftVillageInput, input);
  authorize(ctx.actor, 'create', { type: 'craftVillage', communeId: d.communeId });
  if (d.recognized && (d.recognitionDecision === undefined || d.recognitionYear === undefined)) {
    throw new ValidationError([RECOGNITION_NEEDS_DECISION]);
  }
  return inTransaction(ctx, async (tx) => {
    const problem = await assertCurrentCommune(tx, d.communeId, 'communeId');
    if (problem) throw new ValidationError([problem]);
    const id = newId('cv');
    const now = tx.clock.now().toISOString();
    const name = normalizeVi(d.name);
    await repo.insertCraftVillage(tx, {
      id,
      name,
      name_folded: foldVi(name),
      commune_id: d.communeId,
      craft: normalizeVi(d.craft),
      recognized: d.recognized ? 1 : 0,
      traditional: d.traditional ? 1 : 0,
      recognition_decision: d.recognitionDecision ?? null,
      recognition_year: d.recognitionYear ?? null,
      description: d.description === undefined ? null : normalizeVi(d.description),
      demo: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'craftVillage.create',
      entityType: 'craftVillage',
      entityId: id,
      changes: d,
    });
    return id;
  });
}

/** A change to a village: any field; null clears what may be empty. */
export const CraftVillagePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    communeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    craft: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    recognized: Type.Optional(Type.Boolean()),
    traditional: Type.Optional(Type.Boolean()),
    recognitionDecision: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    recognitionYear: Type.Optional(Nullable(Type.Integer({ minimum: 1990, maximum: 2100 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);
export type CraftVillagePatch = Static<typeof CraftVillagePatch>;

/**
 * Updates a village. The actor must be allowed on the village as it is and as it would become (a commune officer
 * cannot move a village out of their commune); the audit keeps each changed field before → after.
 */
export async function updateCraftVillage(ctx: Ctx, id: string, patch: unknown): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findCraftVillageRaw(tx, id);
    if (!before) throw new NotFoundError('craftVillage', id);
    authorize(tx.actor, 'update', { type: 'craftVillage', communeId: before.commune_id });
    const d = validate(CraftVillagePatch, patch);
    authorize(tx.actor, 'update', { type: 'craftVillage', communeId: d.communeId ?? before.commune_id });
    await applyPatch(tx, before, d);
  });
}

async function applyPatch(tx: Ctx, before: CraftVillageTable, d: CraftVillagePatch): Promise<void> {
  const columns = toColumns(d);
  const after = { ...before, ...columns };
  if (after.recognized === 1 && (after.recognition_decision === null || after.recognition_year === null)) {
    throw new ValidationError([RECOGNITION_NEEDS_DECISION]);
  }
  if (d.communeId !== undefined && d.communeId !== before.commune_id) {
    const problem = await assertCurrentCommune(tx, d.communeId, 'communeId');
    if (problem) throw new ValidationError([problem]);
  }
  const changes = diff(before, columns);
  if (Object.keys(changes).length === 0) return;
  await repo.updateCraftVillageRow(tx, before.id, { ...columns, updated_at: tx.clock.now().toISOString() });
  await recordAudit(tx, {
    action: 'craftVillage.update',
    entityType: 'craftVillage',
    entityId: before.id,
    changes,
  });
}

function toColumns(d: CraftVillagePatch): Partial<CraftVillageTable> {
  const out: Partial<CraftVillageTable> = {};
  if (d.name !== undefined) {
    out.name = normalizeVi(d.name);
    out.name_folded = foldVi(out.name);
  }
  if (d.communeId !== undefined) out.commune_id = d.communeId;
  if (d.craft !== undefined) out.craft = normalizeVi(d.craft);
  if (d.recognized !== undefined) out.recognized = d.recognized ? 1 : 0;
  if (d.traditional !== undefined) out.traditional = d.traditional ? 1 : 0;
  if (d.recognitionDecision !== undefined) out.recognition_decision = d.recognitionDecision;
  if (d.recognitionYear !== undefined) out.recognition_year = d.recognitionYear;
  if (d.description !== undefined)
    out.description = d.description === null ? null : normalizeVi(d.description);
  return out;
}

export const RecognitionInput = Type.Object(
  {
    recognitionDecision: Type.String({ minLength: 1, maxLength: 100 }),
    recognitionYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
  },
  { additionalProperties: false },
);

/**
 * "Mark recognized" of the back office: one city decision recognizes several villages at once, so the selected
 * villages all take its number and year — each checked and audited, in one transaction.
 */
export async function recognizeCraftVillages(
  ctx: Ctx,
  ids: readonly string[],
  input: unknown,
): Promise<number> {
  const d = validate(RecognitionInput, input);
  if (ids.length === 0 || ids.length > 100) {
    throw new ValidationError([
      {
        field: 'ids',
        message: 'ids: chọn từ 1 đến 100 làng nghề',
        messageEn: 'ids: select 1 to 100 craft villages',
      },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    for (const id of new Set(ids)) {
      const before = await repo.findCraftVillageRaw(tx, id);
      if (!before) throw new NotFoundError('craftVillage', id);
      authorize(tx.actor, 'update', { type: 'craftVillage', communeId: before.commune_id });
      await applyPatch(tx, before, { recognized: true, ...d });
    }
    return new Set(ids).size;
  });
}
