import { Type, type TSchema } from 'typebox';
import { authorize } from '../accounts/policy.js';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import { foldVi, normalizeVi } from '../core/vi-text.js';
import type { Page, PageRequest } from '../db/paging.js';
import { currentCommunesOf } from './commune-scope.repository.js';
import { LEGAL_FORMS, type LegalFormCode } from './legal-forms.js';
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
const Clearable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

const FIELDS = {
  name: Text(300),
  legalForm: Type.Unsafe<LegalFormCode>(Type.Union(LEGAL_FORMS.map((f) => Type.Literal(f.code)))),
  registrationNumber: Type.String({ pattern: '^[0-9A-Za-z./-]{3,30}$' }),
  representative: Text(200),
  representativeIsWoman: Type.Boolean(),
  phone: Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }),
  email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 }),
  website: Type.String({ pattern: '^https?://', maxLength: 300 }),
  address: Text(500),
  oldAddress: Text(500),
  communeId: Text(64),
};

export const ProducerInput = Type.Object(
  {
    name: FIELDS.name,
    legalForm: FIELDS.legalForm,
    registrationNumber: Type.Optional(FIELDS.registrationNumber),
    representative: Type.Optional(FIELDS.representative),
    representativeIsWoman: Type.Optional(FIELDS.representativeIsWoman),
    phone: Type.Optional(FIELDS.phone),
    email: Type.Optional(FIELDS.email),
    website: Type.Optional(FIELDS.website),
    address: FIELDS.address,
    oldAddress: Type.Optional(FIELDS.oldAddress),
    communeId: FIELDS.communeId,
  },
  { additionalProperties: false },
);

/** Only the fields given change; `null` clears an optional field (a phone number no longer in use). */
export const ProducerPatch = Type.Object(
  {
    name: Type.Optional(FIELDS.name),
    legalForm: Type.Optional(FIELDS.legalForm),
    registrationNumber: Clearable(FIELDS.registrationNumber),
    representative: Clearable(FIELDS.representative),
    representativeIsWoman: Type.Optional(FIELDS.representativeIsWoman),
    phone: Clearable(FIELDS.phone),
    email: Clearable(FIELDS.email),
    website: Clearable(FIELDS.website),
    address: Type.Optional(FIELDS.address),
    oldAddress: Clearable(FIELDS.oldAddress),
    communeId: Type.Optional(FIELDS.communeId),
  },
  { additionalProperties: false },
);

/** normalizeVi through undefined (unchanged) and null (cleared). */
function norm<T extends string | null | undefined>(v: T): T {
  return (typeof v === 'string' ? normalizeVi(v) : v) as T;
}

export async function createProducer(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(ProducerInput, input);
  authorize(ctx.actor, 'create', { type: 'producer', communeId: d.communeId });
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
    // Both sides: an officer may neither take a producer out of their commune nor bring one into it.
    authorize(ctx.actor, 'update', { type: 'producer', id, communeId: before.commune_id });
    authorize(ctx.actor, 'update', { type: 'producer', id, communeId: d.communeId ?? before.commune_id });
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
        representative: norm(d.representative),
        representative_is_woman:
          d.representativeIsWoman === undefined ? undefined : d.representativeIsWoman ? 1 : 0,
        phone: d.phone,
        email: typeof d.email === 'string' ? d.email.toLowerCase() : d.email,
        website: d.website,
        address: norm(d.address),
        old_address: norm(d.oldAddress),
        commune_id: d.communeId,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before, columns);
    if (Object.keys(changes).length === 0) return;
    await repo.updateProducerRow(tx, id, { ...columns, updated_at: tx.clock.now().toISOString() });
    await recordAudit(tx, { action: 'producer.update', entityType: 'producer', entityId: id, changes });
  });
}
