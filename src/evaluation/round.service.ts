import { Type } from 'typebox';
import { authorize } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { isIsoDate } from '../certificates/certificate.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import type { EvaluationRoundTable } from '../db/schema.js';
import * as repo from './application.repository.js';

/**
 * Evaluation rounds: at least two a year per province, by default with cut-offs on 30 June and 30 December
 * ([L] in ../shared/domain/OCOP.md, so the dates are the defaults of `DEFAULT_CUTOFFS`, and any round can be
 * created with its own). An application joins the earliest open round whose cut-off has not passed.
 */
export const DEFAULT_CUTOFFS = ['06-30', '12-30'] as const;

export const RoundInput = Type.Object(
  {
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    seq: Type.Integer({ minimum: 1, maximum: 12 }),
    cutoff: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

export function roundName(year: number, seq: number): string {
  return `Đợt ${String(seq)} năm ${String(year)}`;
}

export async function createRound(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(RoundInput, input);
  const cutoff = d.cutoff ?? defaultCutoff(d.year, d.seq);
  if (cutoff === null || !isIsoDate(cutoff) || !cutoff.startsWith(String(d.year))) {
    throw new ValidationError([
      {
        field: 'cutoff',
        message: 'cutoff: cần một ngày hợp lệ trong năm của đợt',
        messageEn: 'cutoff: a valid date within the round’s year is required',
      },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'create', { type: 'round' });
    if ((await repo.roundsOfYear(tx, d.year)).some((r) => r.seq === d.seq)) {
      throw new DomainError(
        'conflict',
        `${roundName(d.year, d.seq)} đã có.`,
        `Round ${String(d.seq)} of ${String(d.year)} exists.`,
      );
    }
    return insert(tx, d.year, d.seq, cutoff);
  });
}

function defaultCutoff(year: number, seq: number): string | null {
  const day = DEFAULT_CUTOFFS[seq - 1];
  return day === undefined ? null : `${String(year)}-${day}`;
}

async function insert(tx: Ctx, year: number, seq: number, cutoff: string): Promise<string> {
  const id = newId('rnd');
  const now = tx.clock.now().toISOString();
  await repo.insertRound(tx, {
    id,
    year,
    seq,
    name: roundName(year, seq),
    cutoff,
    status: 'open',
    created_at: now,
    updated_at: now,
  });
  await recordAudit(tx, {
    action: 'round.create',
    entityType: 'round',
    entityId: id,
    changes: { year, seq, cutoff },
  });
  return id;
}

/** Creates the year's default rounds that are missing (boot, demo, tests); returns the year's rounds. */
export async function ensureDefaultRounds(ctx: Ctx, year: number): Promise<EvaluationRoundTable[]> {
  return inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'create', { type: 'round' });
    const existing = await repo.roundsOfYear(tx, year);
    for (const [i] of DEFAULT_CUTOFFS.entries()) {
      const seq = i + 1;
      if (!existing.some((r) => r.seq === seq)) await insert(tx, year, seq, defaultCutoff(year, seq) ?? '');
    }
    return repo.roundsOfYear(tx, year);
  });
}

export async function listRounds(ctx: Ctx): Promise<EvaluationRoundTable[]> {
  authorize(ctx.actor, 'list', { type: 'round' });
  return repo.listRounds(ctx);
}

/** Closes a round to new applications (those filed stay in it). */
export async function closeRound(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    authorize(tx.actor, 'update', { type: 'round' });
    const round = await repo.findRound(tx, id);
    if (!round) throw new NotFoundError('round', id);
    await repo.setRoundStatus(tx, id, 'closed', tx.clock.now().toISOString());
    await recordAudit(tx, { action: 'round.close', entityType: 'round', entityId: id, changes: {} });
  });
}
