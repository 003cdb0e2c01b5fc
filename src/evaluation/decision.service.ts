import { Type } from 'typebox';
import { authorize } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { issueCertificate } from '../certificates/certificate.service.js';
import { isIsoDate } from '../certificates/certificate.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ApplicationTable } from '../db/schema.js';
import type { CouncilResult } from '../scoring/council.js';
import { applicationResource, loadApplication, transition } from './application.service.js';
import type { ApplicationEvent } from './application.workflow.js';
import * as repo from './council.repository.js';

/**
 * The province's decision (step 4): one decision approves the results of scored applications. Each gets its
 * outcome: 3★ and 4★ → a province certificate valid 36 months; potential 5★ (≥ 90 with every 5★ requirement
 * met) → sent to the central council; below 3★ or knocked out → not certified. An upgrade that does not rise
 * above the certificate in force is not certified (the old one stays). The central council's decision then
 * certifies 5★ (central level) — or, when it does not, the province certifies the product at 4★ under its own
 * decision, the highest level the province grants.
 */
const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const DecisionInput = Type.Object(
  {
    number: Type.String({ pattern: '^[0-9A-Za-zĐđ./_-]{3,40}$' }),
    date: DATE,
    signerTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    signerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    applicationIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 2000,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

export interface DecisionOutcome {
  decisionId: string;
  certified: number;
  notCertified: number;
  central: number;
}

export async function issueDecision(ctx: Ctx, input: unknown): Promise<DecisionOutcome> {
  const d = validate(DecisionInput, input);
  if (!isIsoDate(d.date))
    throw new ValidationError([
      { field: 'date', message: 'date: ngày không hợp lệ', messageEn: 'date: not a valid date' },
    ]);
  return inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'decide', { type: 'application' });
    if (await repo.decisionNumberTaken(tx, d.number)) throw numberTaken(d.number);
    const apps = await Promise.all(d.applicationIds.map((id) => loadApplication(tx, id)));
    const notScored = apps.filter((a) => a.state !== 'scored');
    if (notScored.length) {
      throw new ValidationError(
        notScored.map((a) => ({
          field: `applicationIds.${a.id}`,
          message: `applicationIds: hồ sơ ${a.id} chưa được hội đồng chấm xong`,
          messageEn: `applicationIds: application ${a.id} is not scored by a council`,
        })),
      );
    }
    const decisionId = newId('dec');
    await repo.insertDecision(tx, {
      id: decisionId,
      round_id: apps[0]?.round_id ?? null,
      level: 'province',
      number: d.number,
      date: d.date,
      signer_title: d.signerTitle === undefined ? null : normalizeVi(d.signerTitle),
      signer_name: d.signerName === undefined ? null : normalizeVi(d.signerName),
      created_at: tx.clock.now().toISOString(),
    });
    const outcome: DecisionOutcome = { decisionId, certified: 0, notCertified: 0, central: 0 };
    for (const app of apps) {
      authorize(tx.actor, 'decide', applicationResource(app));
      const event = await decide(tx, app, { id: decisionId, number: d.number, date: d.date });
      if (event === 'certify') outcome.certified++;
      else if (event === 'send_central') outcome.central++;
      else outcome.notCertified++;
    }
    await recordAudit(tx, {
      action: 'decision.issue',
      entityType: 'decision',
      entityId: decisionId,
      changes: { ...d },
    });
    return outcome;
  });
}

function numberTaken(number: string): DomainError {
  return new DomainError(
    'conflict',
    `Số quyết định ${number} đã tồn tại.`,
    `Decision number ${number} already exists.`,
    [{ field: 'number', message: number }],
  );
}

function resultOf(app: ApplicationTable): CouncilResult {
  if (app.result === null)
    throw new DomainError('internal', 'Hồ sơ thiếu kết quả chấm.', 'The application has no result.');
  return JSON.parse(app.result) as CouncilResult;
}

async function previousStars(tx: Ctx, app: ApplicationTable): Promise<number> {
  if (app.previous_certificate_id === null) return 0;
  return (await repo.certificateStars(tx, app.previous_certificate_id)) ?? 0;
}

interface DecisionRef {
  id: string;
  number: string;
  date: string;
}

async function decide(tx: Ctx, app: ApplicationTable, decision: DecisionRef): Promise<ApplicationEvent> {
  const result = resultOf(app);
  const base = { decision_id: decision.id };
  if (result.kind !== 'scored' || !result.certified) {
    await transition(tx, app, 'reject', { changes: base });
    return 'reject';
  }
  if (app.kind === 'upgrade' && result.stars <= (await previousStars(tx, app))) {
    await transition(tx, app, 'reject', { changes: base, reason: 'Không cao hơn hạng sao đang có' });
    return 'reject';
  }
  if (result.potentialFiveStar) {
    await transition(tx, app, 'send_central', { changes: base });
    return 'send_central';
  }
  const certificateId = await certify(tx, app, result.stars, result.mean, 'province', decision);
  await transition(tx, app, 'certify', { changes: { ...base, certificate_id: certificateId } });
  return 'certify';
}

async function certify(
  tx: Ctx,
  app: ApplicationTable,
  stars: number,
  score: number,
  level: 'province' | 'central',
  decision: { number: string; date: string },
  issuedOn = decision.date,
): Promise<string> {
  return issueCertificate(tx, {
    productId: app.product_id,
    number: await nextCertificateNumber(tx, issuedOn),
    stars,
    score,
    level,
    decisionNumber: decision.number,
    decisionDate: decision.date,
    issuedOn,
  });
}

/** OCOP-HN-<year>-<5 digits>, the next in the year of issue (the demo's numbering). */
async function nextCertificateNumber(tx: Ctx, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const last = await repo.lastCertificateNumber(tx, year);
  const seq = last === undefined ? 0 : Number(last.slice(-5));
  return `OCOP-HN-${String(year)}-${String(seq + 1).padStart(5, '0')}`;
}

export const CentralDecisionInput = Type.Object(
  {
    approved: Type.Boolean(),
    number: Type.String({ pattern: '^[0-9A-Za-zĐđ./_-]{3,40}$' }),
    date: DATE,
  },
  { additionalProperties: false },
);

/** Records the central council's decision on a potential 5★ product. */
export async function recordCentralDecision(
  ctx: Ctx,
  applicationId: string,
  input: unknown,
): Promise<string> {
  const d = validate(CentralDecisionInput, input);
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    authorize(tx.actor, 'decide', applicationResource(app));
    if (app.state !== 'central_review') {
      throw new DomainError(
        'conflict',
        'Hồ sơ không chờ Hội đồng Trung ương.',
        'The application is not with the central council.',
      );
    }
    const result = resultOf(app);
    const province = app.decision_id === null ? undefined : await repo.findDecision(tx, app.decision_id);
    let certificateId: string;
    if (d.approved) {
      if (await repo.decisionNumberTaken(tx, d.number)) throw numberTaken(d.number);
      await repo.insertDecision(tx, {
        id: newId('dec'),
        round_id: app.round_id,
        level: 'central',
        number: d.number,
        date: d.date,
        signer_title: null,
        signer_name: null,
        created_at: tx.clock.now().toISOString(),
      });
      certificateId = await certify(tx, app, 5, result.mean, 'central', d);
    } else {
      if (!province)
        throw new DomainError('internal', 'Thiếu quyết định cấp tỉnh.', 'The province decision is missing.');
      certificateId = await certify(tx, app, 4, result.mean, 'province', province, d.date);
    }
    await transition(tx, app, 'central_decide', {
      changes: { certificate_id: certificateId, stars: d.approved ? 5 : 4 },
      reason: `${d.approved ? 'Trung ương công nhận 5 sao' : 'Trung ương không công nhận 5 sao; thành phố công nhận 4 sao'} (${d.number})`,
    });
    return certificateId;
  });
}
