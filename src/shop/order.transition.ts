import { Type } from 'typebox';
import { authorize, hasRole } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { newSortableId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import type { OrderTable, SubOrderTable } from '../db/schema.js';
import * as repo from './order.repository.js';
import {
  checkTransition,
  REFUSAL_LABELS,
  type FulfilmentState,
  type PaymentState,
  type Refusal,
  type SubOrderActor,
  type SubOrderEvent,
  type SubOrderSnapshot,
  type SubOrderStates,
} from './sub-order.workflow.js';
import { noticeSubOrderStep, type NoticeDeps } from './order-notices.js';
import { signalRestocked } from './stock-signals.js';

/**
 * The only code that moves a sub-order: asks the declared table (sub-order.workflow.ts), then persists the new
 * states, the history line and the audit record in one transaction. A cancel puts the units back where they were
 * taken from (the producer's stock, or the sales point's for pickup).
 */

export const SubOrderEventInput = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    shipBeforePayment: Type.Optional(
      Type.Boolean({
        description:
          'With `ship` only: the producer sends a VietQR part before the transfer has arrived (the buyer pays later)',
      }),
    ),
  },
  { additionalProperties: false },
);

export async function transitionSubOrder(
  ctx: Ctx,
  id: string,
  event: SubOrderEvent,
  input: unknown = {},
  deps: NoticeDeps = {},
): Promise<SubOrderStates & { id: string }> {
  const d = validate(SubOrderEventInput, input ?? {});
  const reason = d.reason === undefined ? undefined : normalizeVi(d.reason);
  const shipUnpaid = d.shipBeforePayment === true;
  if (shipUnpaid && event !== 'ship') throw shipBeforePaymentError();
  return inTransaction(ctx, async (tx) => {
    const sub = await repo.findSubOrder(tx, id);
    if (!sub) throw new NotFoundError('subOrder', id);
    authorize(tx.actor, 'update', { type: 'subOrder', producerId: sub.producer_id });
    const order = await repo.findOrder(tx, sub.order_id);
    if (!order) throw new NotFoundError('order', sub.order_id);
    const by = workflowActor(tx, sub.producer_id);
    const snapshot = snapshotOf(sub, order);
    // The producer's choice to send before the money arrives is taken with the shipping itself, and kept.
    if (shipUnpaid) snapshot.shipBeforePayment = true;
    const check = checkTransition(snapshot, event, {
      actor: by,
      ...(reason === undefined ? {} : { reason }),
    });
    if (!check.ok) throw refusalError(check.refusal);
    await persist(tx, sub, event, check.next, {
      reason,
      shipUnpaid: shipUnpaid && sub.ship_before_payment === 0,
    });
    if (check.next.fulfilment === 'cancelled') await restoreStock(tx, sub, order);
    await noticeSubOrderStep(tx, { sub, order, event, next: check.next, by, reason }, deps);
    return { id, ...check.next };
  });
}

export function snapshotOf(sub: SubOrderTable, order: OrderTable): SubOrderSnapshot {
  return {
    fulfilment: sub.status as FulfilmentState,
    payment: sub.payment_status as PaymentState,
    paymentMethod: order.payment,
    shipBeforePayment: sub.ship_before_payment === 1,
  };
}

function shipBeforePaymentError(): ValidationError {
  return new ValidationError([
    {
      field: 'shipBeforePayment',
      message: 'shipBeforePayment: chỉ dùng khi giao cho vận chuyển (ship).',
      messageEn: 'shipBeforePayment: only with the ship event.',
    },
  ]);
}

/** In what part the actor acts: the platform itself, the sub-order's producer, or an administrator. */
export function workflowActor(ctx: Ctx, producerId: string): SubOrderActor {
  const { actor } = ctx;
  if (actor.kind === 'system' || actor.kind === 'cli') return 'system';
  const ownsIt = (actor.grants ?? []).some((g) => g.role === 'producer' && g.scopeId === producerId);
  if (ownsIt) return 'producer';
  return hasRole(actor, 'admin') ? 'admin' : 'producer';
}

function refusalError(refusal: Refusal): DomainError {
  const text = REFUSAL_LABELS[refusal];
  if (refusal === 'actor_not_allowed') return new ForbiddenError(text.vi, text.en);
  if (refusal === 'reason_required' || refusal === 'reason_too_long') {
    return new ValidationError([
      { field: 'reason', message: `reason: ${text.vi}`, messageEn: `reason: ${text.en}` },
    ]);
  }
  return new DomainError('conflict', text.vi, text.en, [{ field: 'event', message: refusal }]);
}

async function persist(
  tx: Ctx,
  sub: SubOrderTable,
  event: SubOrderEvent,
  next: SubOrderStates,
  { reason, shipUnpaid }: { reason: string | undefined; shipUnpaid: boolean },
): Promise<void> {
  const now = tx.clock.now().toISOString();
  const moved = await repo.moveSubOrder(tx, sub, {
    status: next.fulfilment,
    payment_status: next.payment,
    updated_at: now,
    ...(event === 'cancel' && reason !== undefined ? { cancel_reason: reason } : {}),
    ...(shipUnpaid ? { ship_before_payment: 1 } : {}),
  });
  if (!moved) {
    throw new DomainError(
      'conflict',
      'Đơn vừa được người khác cập nhật; vui lòng tải lại và thử lại.',
      'The order was just updated by someone else; reload and try again.',
    );
  }
  await repo.insertSubOrderEvent(tx, {
    id: newSortableId('soe'),
    sub_order_id: sub.id,
    event,
    from_status: sub.status,
    to_status: next.fulfilment,
    from_payment: sub.payment_status,
    to_payment: next.payment,
    actor: `${tx.actor.kind}:${tx.actor.id}`,
    reason: reason ?? null,
    at: now,
  });
  await recordAudit(tx, {
    action: `sub_order.${event}`,
    entityType: 'sub_order',
    entityId: sub.id,
    changes: {
      status: [sub.status, next.fulfilment],
      paymentStatus: [sub.payment_status, next.payment],
      ...(reason ? { reason } : {}),
      ...(shipUnpaid ? { shipBeforePayment: [false, true] } : {}),
    },
  });
}

async function restoreStock(tx: Ctx, sub: SubOrderTable, order: OrderTable): Promise<void> {
  const at = tx.clock.now().toISOString();
  for (const line of await repo.linesOf(tx, [sub.id])) {
    if (order.sales_point_id !== null) {
      await repo.restoreSalesPointStock(tx, order.sales_point_id, line.product_id, line.quantity);
    } else {
      await repo.restoreStock(tx, line.product_id, line.quantity, at);
      await signalRestocked(tx, line.product_id, line.quantity);
    }
  }
}
