import { Type } from 'typebox';
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
import { expiryOf, isIsoDate, type CertificateLevel, type CertificateStatus } from './certificate.js';
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
  const problems = levelProblems(d);
  if (problems.length) throw new ValidationError(problems);
  return inTransaction(ctx, async (tx) => {
    const product = await findProductRaw(tx, d.productId);
    if (!product)
      throw new ValidationError([detail('productId', 'không có sản phẩm này', 'no such product')]);
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
    reason: Type.Union(REVOCATION_REASONS.map((r) => Type.Literal(r))),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    on: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

export async function revokeCertificate(ctx: Ctx, idOrNumber: string, input: unknown): Promise<void> {
  const d = validate(RevokeCertificateInput, input);
  if (d.reason === 'other' && d.note === undefined) {
    throw new ValidationError([detail('note', 'cần ghi rõ lý do', 'is required when the reason is "other"')]);
  }
  await inTransaction(ctx, async (tx) => {
    const cert = await repo.findCertificate(tx, idOrNumber);
    if (!cert) throw new NotFoundError('certificate', idOrNumber);
    if (cert.revoked_on !== null) {
      throw new DomainError(
        'conflict',
        'Giấy chứng nhận đã bị thu hồi.',
        'The certificate is already revoked.',
      );
    }
    const on = d.on ?? todayInVietnam(tx.clock);
    const reason: string = d.note ? `${String(d.reason)}: ${d.note}` : d.reason;
    await repo.updateCertificateRow(tx, cert.id, {
      revoked_on: on,
      revocation_reason: reason,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'certificate.revoke',
      entityType: 'certificate',
      entityId: cert.id,
      changes: { on, reason },
    });
  });
}
