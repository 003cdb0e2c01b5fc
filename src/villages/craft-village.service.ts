import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.repository.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { assertCurrentCommune } from '../catalog/references.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
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

export async function createCraftVillage(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(CraftVillageInput, input);
  if (d.recognized && (d.recognitionDecision === undefined || d.recognitionYear === undefined)) {
    throw new ValidationError([
      {
        field: 'recognitionDecision',
        message: 'recognitionDecision: làng nghề được công nhận cần số quyết định và năm',
        messageEn: 'recognitionDecision: a recognized craft village needs its decision number and year',
      },
    ]);
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
