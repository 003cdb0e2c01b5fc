import { Type, type Static } from 'typebox';
import { authorize, scopeOf, type Resource } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import { findProductRaw, updateProductRow } from '../catalog/product.repository.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { PublicUrls } from '../core/public-urls.js';
import { validate } from '../core/validate.js';
import type { Page, PageRequest } from '../db/paging.js';
import {
  certificateStatus,
  expiryOf,
  isIsoDate,
  type CertificateLevel,
  type CertificateStatus,
} from './certificate.js';
import { presentCertificate, type CertificateDto } from './certificate.presenter.js';
import * as repo from './certificate.repository.js';

export interface CertificateQuery extends PageRequest {
  stars?: number[];
  sector?: string;
  scorecard?: number;
  commune?: string;
  product?: string;
  level?: CertificateLevel;
  certificate?: CertificateStatus;
  demo?: boolean;
  sort?: repo.CertificateSort;
}

export async function listCertificates(
  ctx: Ctx,
  q: CertificateQuery,
  urls: PublicUrls,
): Promise<Page<CertificateDto>> {
  const today = todayInVietnam(ctx.clock);
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listCertificates(
    ctx,
    { ...q, status: q.certificate, communes: communes ?? undefined },
    q.sort ?? '-issuedOn',
    q,
    today,
  );
  return {
    items: rows.map((r) => presentCertificate(r, today, urls, ctx.locale)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

/** The back office's list: what the actor may see, with search by number or product and the year of issue. */
export async function listCertificatesInScope(
  ctx: Ctx,
  q: CertificateQuery & { q?: string; year?: number },
  urls: PublicUrls,
): Promise<Page<CertificateDto>> {
  authorize(ctx.actor, 'list', { type: 'certificate' });
  const today = todayInVietnam(ctx.clock);
  const communes = q.commune === undefined ? undefined : await currentCommunesOf(ctx, q.commune);
  const { rows, total } = await repo.listCertificates(
    ctx,
    {
      ...q,
      status: q.certificate,
      communes: communes ?? undefined,
      scope: scopeOf(ctx.actor, 'certificate'),
    },
    q.sort ?? '-issuedOn',
    q,
    today,
  );
  return {
    items: rows.map((r) => presentCertificate(r, today, urls, ctx.locale)),
    total,
    page: q.page,
    limit: q.limit,
  };
}

/** What the policy needs to know about a certificate: the producer and commune of its product. */
export function certificateResource(row: { producer_id: string; product_commune_id: string }): Resource {
  return { type: 'certificate', producerId: row.producer_id, communeId: row.product_commune_id };
}

export interface CertificateInScope {
  certificate: CertificateDto;
  communeId: string;
  /** Every certificate of the same product, newest first (re-evaluations, upgrades). */
  ofProduct: Array<{
    id: string;
    number: string;
    stars: number;
    issuedOn: string;
    expiresOn: string;
    status: CertificateStatus;
  }>;
}

/** One certificate for the back office, after checking the actor may read it. */
export async function certificateInScope(
  ctx: Ctx,
  idOrNumber: string,
  urls: PublicUrls,
): Promise<CertificateInScope> {
  const row = await repo.findCertificate(ctx, idOrNumber);
  if (!row) throw new NotFoundError('certificate', idOrNumber);
  authorize(ctx.actor, 'read', certificateResource(row));
  const today = todayInVietnam(ctx.clock);
  const siblings = await repo.certificatesOfProduct(ctx, row.product_id);
  return {
    certificate: presentCertificate(row, today, urls, ctx.locale),
    communeId: row.product_commune_id,
    ofProduct: siblings.map((c) => ({
      id: c.id,
      number: c.number,
      stars: c.stars,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      status: certificateStatus(
        { expiresOn: c.expires_on, revokedOn: c.revoked_on, supersededById: c.superseded_by_id },
        today,
      ),
    })),
  };
}

/** By id or by certificate number (what is printed on the label). */
export async function getCertificate(
  ctx: Ctx,
  idOrNumber: string,
  urls: PublicUrls,
): Promise<CertificateDto> {
  const row = await repo.findCertificate(ctx, idOrNumber);
  if (!row) throw new NotFoundError('certificate', idOrNumber);
  return presentCertificate(row, todayInVietnam(ctx.clock), urls, ctx.locale);
}

/** The 3-level procedure ended on 1 July 2025: district councils certified 3★ only, and only before it. */
export const DISTRICT_LEVEL_ENDED = '2025-07-01';

export const IssueCertificateInput = Type.Object(
  {
    productId: Type.String({ minLength: 1, maxLength: 64 }),
    number: Type.String({ pattern: '^[0-9A-Za-zĐđ./_-]{3,40}$' }),
    stars: Type.Integer({ minimum: 3, maximum: 5 }),
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    level: Type.Union([Type.Literal('district'), Type.Literal('province'), Type.Literal('central')]),
    decisionNumber: Type.String({ minLength: 1, maxLength: 60 }),
    decisionDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    issuedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  { additionalProperties: false },
);

function levelProblems(d: {
  stars: number;
  level: CertificateLevel;
  issuedOn: string;
  decisionDate: string;
}) {
  const problems = [];
  if (!isIsoDate(d.issuedOn)) problems.push(detail('issuedOn', 'ngày không hợp lệ', 'is not a valid date'));
  if (!isIsoDate(d.decisionDate))
    problems.push(detail('decisionDate', 'ngày không hợp lệ', 'is not a valid date'));
  if (d.level === 'district' && (d.stars !== 3 || d.issuedOn >= DISTRICT_LEVEL_ENDED)) {
    problems.push(
      detail(
        'level',
        'cấp huyện chỉ cấp 3 sao, trước 01/07/2025',
        'district level certified 3★ only, before 2025-07-01',
      ),
    );
  }
  if (d.stars === 5 && d.level !== 'central') {
    problems.push(detail('level', '5 sao do Trung ương công nhận', '5★ is certified by the central council'));
  }
  if (d.decisionDate > d.issuedOn) {
    problems.push(detail('decisionDate', 'sau ngày cấp', 'is after the issue date'));
  }
  return problems;
}

function detail(field: string, vi: string, en: string) {
  return { field, message: `${field}: ${vi}`, messageEn: `${field}: ${en}` };
}

/**
 * Issues a certificate valid 36 months. The product's previous certificate, if still current, is superseded
 * (re-evaluation or upgrade), and the product points to the new one — in one audited transaction.
 */
export async function issueCertificate(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(IssueCertificateInput, input);
  return inTransaction(ctx, async (tx) => {
    const product = await findProductRaw(tx, d.productId);
    // Who may issue is decided on the product; an unknown product leaves only those who may issue anywhere.
    authorize(
      tx.actor,
      'issue',
      product
        ? { type: 'certificate', producerId: product.producer_id, communeId: product.commune_id }
        : { type: 'certificate' },
    );
    const problems = [
      ...(product ? [] : [detail('productId', 'không có sản phẩm này', 'no such product')]),
      ...levelProblems(d),
    ];
    if (problems.length || !product) throw new ValidationError(problems);
    if (await repo.numberTaken(tx, d.number)) {
      throw new DomainError(
        'conflict',
        `Số chứng nhận ${d.number} đã tồn tại.`,
        `Certificate number ${d.number} already exists.`,
        [{ field: 'number', message: d.number }],
      );
    }
    const id = newId('crt');
    const now = tx.clock.now().toISOString();
    await repo.insertCertificate(tx, {
      id,
      number: d.number,
      product_id: d.productId,
      stars: d.stars,
      score: d.score ?? null,
      level: d.level,
      decision_number: d.decisionNumber,
      decision_date: d.decisionDate,
      issued_on: d.issuedOn,
      expires_on: expiryOf(d.issuedOn),
      revoked_on: null,
      revocation_reason: null,
      superseded_by_id: null,
      demo: 0,
      created_at: now,
      updated_at: now,
    });
    const previous = product.current_certificate_id;
    if (previous !== null)
      await repo.updateCertificateRow(tx, previous, { superseded_by_id: id, updated_at: now });
    await updateProductRow(tx, d.productId, { current_certificate_id: id, updated_at: now });
    await recordAudit(tx, {
      action: 'certificate.issue',
      entityType: 'certificate',
      entityId: id,
      changes: { ...d, supersedes: previous },
    });
    return id;
  });
}

/** Legal grounds for revoking an OCOP certificate (Decision 148, art. on revocation). */
export const REVOCATION_REASONS = [
  'process_violation',
  'unsafe_product',
  'product_differs',
  'producer_inactive',
  'other',
] as const;

export const RevokeCertificateInput = Type.Object(
  {
    reason: Type.Unsafe<(typeof REVOCATION_REASONS)[number]>(
      Type.Union(REVOCATION_REASONS.map((r) => Type.Literal(r))),
    ),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    on: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

export type RevokeCertificateInput = Static<typeof RevokeCertificateInput>;

function revocationInput(input: unknown): RevokeCertificateInput {
  const d = validate(RevokeCertificateInput, input);
  if (d.reason === 'other' && d.note === undefined) {
    throw new ValidationError([detail('note', 'cần ghi rõ lý do', 'is required when the reason is "other"')]);
  }
  return d;
}

/**
 * Revokes a certificate (administrators, per the policy) from `on` (default today), with one of the legal
 * reasons and an optional note; the audit keeps the reason as before → after.
 */
export async function revokeCertificate(ctx: Ctx, idOrNumber: string, input: unknown): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const cert = await repo.findCertificate(tx, idOrNumber);
    if (!cert) throw new NotFoundError('certificate', idOrNumber);
    authorize(tx.actor, 'revoke', certificateResource(cert));
    const d = revocationInput(input);
    if (cert.revoked_on !== null) {
      throw new DomainError(
        'conflict',
        'Giấy chứng nhận đã bị thu hồi.',
        'The certificate is already revoked.',
      );
    }
    await revokeRow(tx, cert.id, d);
  });
}

/**
 * "Revoke selected" of the back office: every certificate the actor may revoke, for one reason, in one
 * transaction. Those already revoked are left as they are and counted.
 */
export async function revokeCertificates(
  ctx: Ctx,
  ids: readonly string[],
  input: unknown,
): Promise<{ revoked: number; alreadyRevoked: number }> {
  const d = revocationInput(input);
  if (ids.length === 0 || ids.length > 100) {
    throw new ValidationError([
      detail('ids', 'chọn từ 1 đến 100 giấy chứng nhận', 'select 1 to 100 certificates'),
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    let revoked = 0;
    let alreadyRevoked = 0;
    for (const id of new Set(ids)) {
      const cert = await repo.findCertificate(tx, id);
      if (!cert) throw new NotFoundError('certificate', id);
      authorize(tx.actor, 'revoke', certificateResource(cert));
      if (cert.revoked_on !== null) alreadyRevoked++;
      else {
        await revokeRow(tx, cert.id, d);
        revoked++;
      }
    }
    return { revoked, alreadyRevoked };
  });
}

async function revokeRow(tx: Ctx, id: string, d: RevokeCertificateInput): Promise<void> {
  const on = d.on ?? todayInVietnam(tx.clock);
  const reason: string = d.note ? `${d.reason}: ${d.note}` : d.reason;
  await repo.updateCertificateRow(tx, id, {
    revoked_on: on,
    revocation_reason: reason,
    updated_at: tx.clock.now().toISOString(),
  });
  await recordAudit(tx, {
    action: 'certificate.revoke',
    entityType: 'certificate',
    entityId: id,
    changes: { revoked_on: [null, on], revocation_reason: [null, reason] },
  });
}
