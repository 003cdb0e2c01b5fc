import { authorize } from '../accounts/policy.js';
import { findCertificate } from '../certificates/certificate.repository.js';
import { certificateResource } from '../certificates/certificate.service.js';
import type { Ctx } from '../core/context.js';
import { DomainError, NotFoundError } from '../core/errors.js';
import type { CertificateDocument, DecisionDocument } from '../documents/index.js';
import { signedVerifyPath } from '../web/verification.js';
import * as repo from './documents.repository.js';

/**
 * The values of the evaluation's documents (the certificate, the decision's appendix), read from the registry;
 * src/documents/ turns them into bytes. Who may read the certificate may download it; a decision's appendix is for
 * those who decide and run councils.
 */
export const PROVINCE_ISSUER = 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI';
export const PROVINCE_PLACE = 'Hà Nội';
/** The ministry that certifies 5★ (Bộ Nông nghiệp và Môi trường since 1 March 2025, before: …và Phát triển nông thôn). */
const MINISTRY_MERGED = '2025-03-01';

function centralIssuer(date: string): string {
  return date < MINISTRY_MERGED ? 'BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN' : 'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG';
}

export async function certificateDocument(
  ctx: Ctx,
  idOrNumber: string,
  site: { publicUrl: string; secret: string },
): Promise<CertificateDocument> {
  const cert = await findCertificate(ctx, idOrNumber);
  if (!cert) throw new NotFoundError('certificate', idOrNumber);
  authorize(ctx.actor, 'read', certificateResource(cert));
  if (cert.level === 'district') {
    throw new DomainError(
      'conflict',
      'Giấy chứng nhận do cấp huyện cấp trước 01/07/2025: nền tảng lưu hồ sơ, không phát hành lại văn bản.',
      'A district certified this before 1 July 2025: the platform keeps the record, not the document.',
    );
  }
  const extra = await repo.certificateExtras(ctx, cert.id);
  return {
    number: cert.number,
    productName: cert.product_name_vi,
    producerName: cert.producer_name,
    producerAddress: extra?.producerAddress ?? '',
    scorecardName: extra?.scorecardName ?? '',
    stars: cert.stars as 3 | 4 | 5,
    score: cert.score,
    level: cert.level,
    issuer: cert.level === 'central' ? centralIssuer(cert.decision_date) : PROVINCE_ISSUER,
    decisionNumber: cert.decision_number,
    decisionDate: cert.decision_date,
    issuedOn: cert.issued_on,
    expiresOn: cert.expires_on,
    verifyUrl: `${site.publicUrl}${signedVerifyPath('vi', site.secret, cert.number, cert.product_id)}`,
  };
}

export async function decisionDocument(ctx: Ctx, decisionId: string): Promise<DecisionDocument> {
  authorize(ctx.actor, 'manage', { type: 'application' });
  const decision = await repo.findDecision(ctx, decisionId);
  if (!decision) throw new NotFoundError('decision', decisionId);
  const rows = await repo.decisionRows(ctx, decisionId);
  const round = decision.round_name ? ` (${decision.round_name.toLowerCase()})` : '';
  return {
    issuer: decision.level === 'central' ? centralIssuer(decision.date) : PROVINCE_ISSUER,
    number: decision.number,
    date: decision.date,
    place: PROVINCE_PLACE,
    title: `Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm ${decision.date.slice(0, 4)}${round}`,
    signer:
      decision.signer_title && decision.signer_name
        ? { title: decision.signer_title, name: decision.signer_name }
        : null,
    rows: rows.map((r) => ({
      productName: r.product_name,
      producerName: r.producer_name,
      communeName: r.commune_name ?? '',
      scorecardName: r.scorecard_name,
      score: r.score ?? 0,
      stars: r.stars ?? 0,
      certificateNumber: r.certificate_number,
      ...(r.state === 'central_review' ? { note: 'Tiềm năng 5 sao: đề nghị Trung ương công nhận' } : {}),
      ...(r.state === 'not_certified' ? { note: 'Không đạt' } : {}),
    })),
  };
}

export async function decisionsList(ctx: Ctx) {
  authorize(ctx.actor, 'manage', { type: 'application' });
  return (await repo.listDecisions(ctx)).map((d) => ({
    id: d.id,
    number: d.number,
    date: d.date,
    level: d.level,
    applications: Number(d.n),
  }));
}
