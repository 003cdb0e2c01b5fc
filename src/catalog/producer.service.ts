import { Type } from 'typebox';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { currentCommunesOf } from './commune-scope.repository.js';
import { LEGAL_FORMS } from './legal-forms.js';
import { presentProducer, type ProducerDto } from './producer.presenter.js';
import * as repo from './producer.repository.js';
import { assertCurrentCommune } from './references.repository.js';

export interface ProducerQuery extends PageRequest {
  commune?: string;
  legalForm?: string;
  demo?: boolean;
  sort?: 'name' | '-name';
}

export async function listProducers(
  ctx: Ctx,
  q: ProducerQuery,
  urls: PublicUrls,
): Promise<Page<ProducerDto>> {
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listProducers(
    ctx,
    { ...q, communes: communes ?? undefined },
    q.sort ?? 'name',
    q,
  );
  return {
    items: rows.map((r) => presentProducer(r, urls, ctx.locale)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

export async function getProducer(ctx: Ctx, id: string, urls: PublicUrls): Promise<ProducerDto> {
  const row = await repo.findProducer(ctx, id);
  if (!row) throw new NotFoundError('producer', id);
  return presentProducer(row, urls, ctx.locale);
}

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const ProducerInput = Type.Object(
  {
    name: Text(300),
    legalForm: Type.Union(LEGAL_FORMS.map((f) => Type.Literal(f.code))),
    registrationNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z./-]{3,30}$' })),
    representative: Type.Optional(Text(200)),
    representativeIsWoman: Type.Optional(Type.Boolean()),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' })),
    email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 })),
    website: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 300 })),
    address: Text(500),
    oldAddress: Type.Optional(Text(500)),
    communeId: Text(64),
  },
  { additionalProperties: false },
);

export const ProducerPatch = Type.Partial(ProducerInput, { additionalProperties: false });

export async function createProducer(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(ProducerInput, input);
  return inTransaction(ctx, async (tx) => {
    const problem = await assertCurrentCommune(tx, d.communeId, 'communeId');
    if (problem) throw new ValidationError([problem]);
    const id = newId('pdc');
    const now = tx.clock.now().toISOString();
    const name = normalizeVi(d.name);
    await repo.insertProducer(tx, {
      id,
      name,
      name_folded: foldVi(name),
      legal_form: d.legalForm,
      registration_number: d.registrationNumber ?? null,
      representative: d.representative === undefined ? null : normalizeVi(d.representative),
      representative_is_woman: d.representativeIsWoman ? 1 : 0,
      phone: d.phone ?? null,
      email: d.email?.toLowerCase() ?? null,
      website: d.website ?? null,
      address: normalizeVi(d.address),
      old_address: d.oldAddress === undefined ? null : normalizeVi(d.oldAddress),
      commune_id: d.communeId,
      demo: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, { action: 'producer.create', entityType: 'producer', entityId: id, changes: d });
    return id;
  });
}

export async function updateProducer(ctx: Ctx, id: string, patch: unknown): Promise<void> {
  const d = validate(ProducerPatch, patch);
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findProducerRaw(tx, id);
    if (!before) throw new NotFoundError('producer', id);
    if (d.communeId !== undefined) {
      const problem = await assertCurrentCommune(tx, d.communeId, 'communeId');
      if (problem) throw new ValidationError([problem]);
    }
    const name = d.name === undefined ? undefined : normalizeVi(d.name);
    const columns = Object.fromEntries(
      Object.entries({
        name,
        name_folded: name === undefined ? undefined : foldVi(name),
        legal_form: d.legalForm,
        registration_number: d.registrationNumber,
        representative: d.representative,
        representative_is_woman:
          d.representativeIsWoman === undefined ? undefined : d.representativeIsWoman ? 1 : 0,
        phone: d.phone,
        email: d.email?.toLowerCase(),
        website: d.website,
        address: d.address === undefined ? undefined : normalizeVi(d.address),
        old_address: d.oldAddress,
        commune_id: d.communeId,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before, columns);
    if (Object.keys(changes).length === 0) return;
    await repo.updateProducerRow(tx, id, { ...columns, updated_at: tx.clock.now().toISOString() });
    await recordAudit(tx, { action: 'producer.update', entityType: 'producer', entityId: id, changes });
  });
}
