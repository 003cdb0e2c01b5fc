import type { Text } from '../views/format.js';

/**
 * The life of one producer's part of an order (a sub-order), declared as one transition table over two tracks:
 * what happens to the goods (fulfilment) and to the money (payment). The orders service's `transition()` is the
 * only code that changes a state: it asks `checkTransition` here, then persists, records history and audit, and
 * notifies buyer and producer.
 *
 *   fulfilment:  placed ─confirm→ confirmed ─pack→ packed ─ship→ shipped ─deliver→ delivered
 *                  └──────────────┴── cancel (reason) ──┴→ cancelled          │ return (reason)   │ return (reason)
 *                                                                            └──────→ returned ←─┘
 *   payment:     pending ─mark_paid→ paid ─refund→ refunded     (cash on delivery: deliver also marks paid)
 *
 * Guards: a VietQR sub-order is not shipped while unpaid unless its producer chose to ship before payment;
 * cancel and return need a reason; a buyer cancels only while placed; a refund follows a cancel or a return.
 */
export const FULFILMENT_STATES = [
  'placed',
  'confirmed',
  'packed',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
] as const;
export type FulfilmentState = (typeof FULFILMENT_STATES)[number];

export const PAYMENT_STATES = ['pending', 'paid', 'refunded'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PAYMENT_METHODS = ['cod', 'vietqr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SUB_ORDER_EVENTS = [
  'confirm',
  'pack',
  'ship',
  'deliver',
  'cancel',
  'return',
  'mark_paid',
  'refund',
] as const;
export type SubOrderEvent = (typeof SUB_ORDER_EVENTS)[number];

/** Who fires an event. `system` is the platform itself (a bank statement match, an unpaid-order sweep). */
export const SUB_ORDER_ACTORS = ['producer', 'buyer', 'system', 'admin'] as const;
export type SubOrderActor = (typeof SUB_ORDER_ACTORS)[number];

interface FulfilmentStep {
  track: 'fulfilment';
  from: readonly FulfilmentState[];
  to: FulfilmentState;
  by: readonly SubOrderActor[];
  needsReason?: boolean;
}
interface PaymentStep {
  track: 'payment';
  from: readonly PaymentState[];
  to: PaymentState;
  by: readonly SubOrderActor[];
  needsReason?: boolean;
}
export type TransitionDef = FulfilmentStep | PaymentStep;

export const TRANSITIONS: Record<SubOrderEvent, TransitionDef> = {
  confirm: { track: 'fulfilment', from: ['placed'], to: 'confirmed', by: ['producer'] },
  pack: { track: 'fulfilment', from: ['confirmed'], to: 'packed', by: ['producer'] },
  ship: { track: 'fulfilment', from: ['packed'], to: 'shipped', by: ['producer'] },
  deliver: { track: 'fulfilment', from: ['shipped'], to: 'delivered', by: ['producer', 'system'] },
  cancel: {
    track: 'fulfilment',
    from: ['placed', 'confirmed', 'packed'],
    to: 'cancelled',
    by: ['buyer', 'producer', 'system', 'admin'],
    needsReason: true,
  },
  // From shipped: the buyer refused the parcel at the door; from delivered: the goods came back afterwards.
  return: {
    track: 'fulfilment',
    from: ['shipped', 'delivered'],
    to: 'returned',
    by: ['producer', 'admin'],
    needsReason: true,
  },
  mark_paid: { track: 'payment', from: ['pending'], to: 'paid', by: ['producer', 'system', 'admin'] },
  refund: { track: 'payment', from: ['paid'], to: 'refunded', by: ['producer', 'admin'] },
};

/** What the rules need to know of a sub-order. */
export interface SubOrderSnapshot {
  fulfilment: FulfilmentState;
  payment: PaymentState;
  paymentMethod: PaymentMethod;
  /** The producer agreed to send a VietQR sub-order before the transfer arrives. */
  shipBeforePayment: boolean;
}

export type SubOrderStates = Pick<SubOrderSnapshot, 'fulfilment' | 'payment'>;

/** Where an event leads, effects included (COD delivered → paid), or null when it cannot fire there. */
export function nextState(order: SubOrderSnapshot, event: SubOrderEvent): SubOrderStates | null {
  const def = TRANSITIONS[event];
  if (def.track === 'payment') {
    return def.from.includes(order.payment) ? { fulfilment: order.fulfilment, payment: def.to } : null;
  }
  if (!def.from.includes(order.fulfilment)) return null;
  // Cash on delivery: the courier or the sales point took the money when the goods changed hands.
  const codPaid = event === 'deliver' && order.paymentMethod === 'cod' && order.payment === 'pending';
  return { fulfilment: def.to, payment: codPaid ? 'paid' : order.payment };
}

/** Events that can fire from the sub-order's states (before guards and permissions). */
export function eventsFrom(order: SubOrderStates): SubOrderEvent[] {
  return SUB_ORDER_EVENTS.filter((event) => {
    const def = TRANSITIONS[event];
    return def.track === 'payment' ? def.from.includes(order.payment) : def.from.includes(order.fulfilment);
  });
}

export const REFUSALS = [
  'wrong_state',
  'actor_not_allowed',
  'reason_required',
  'reason_too_long',
  'unpaid_transfer',
  'buyer_cancel_too_late',
  'cod_paid_on_delivery',
  'refund_needs_cancel_or_return',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export const MAX_REASON_LENGTH = 500;

export interface TransitionRequest {
  actor: SubOrderActor;
  reason?: string;
}

export type TransitionCheck = { ok: true; next: SubOrderStates } | { ok: false; refusal: Refusal };

/**
 * Whether `actor` may fire `event` now, and where it leads. The order of the checks is the order a user is
 * told: a transition that cannot happen at all before one that this actor may not fire, before a missing reason.
 */
export function checkTransition(
  order: SubOrderSnapshot,
  event: SubOrderEvent,
  request: TransitionRequest,
): TransitionCheck {
  const def = TRANSITIONS[event];
  const next = nextState(order, event);
  if (next === null) return { ok: false, refusal: 'wrong_state' };
  if (!def.by.includes(request.actor)) return { ok: false, refusal: 'actor_not_allowed' };
  const refusal = guard(order, event, request);
  return refusal === null ? { ok: true, next } : { ok: false, refusal };
}

function guard(order: SubOrderSnapshot, event: SubOrderEvent, request: TransitionRequest): Refusal | null {
  if (TRANSITIONS[event].needsReason === true) {
    const reason = request.reason?.trim() ?? '';
    if (reason === '') return 'reason_required';
    if (reason.length > MAX_REASON_LENGTH) return 'reason_too_long';
  }
  switch (event) {
    case 'ship':
      return order.paymentMethod === 'vietqr' && order.payment === 'pending' && !order.shipBeforePayment
        ? 'unpaid_transfer'
        : null;
    case 'cancel':
      // Once the producer has confirmed, goods may be set aside or made to order: the producer decides.
      return request.actor === 'buyer' && order.fulfilment !== 'placed' ? 'buyer_cancel_too_late' : null;
    case 'mark_paid':
      // Cash is taken when the goods change hands; `deliver` records it, so nobody marks it paid before that.
      return order.paymentMethod === 'cod' ? 'cod_paid_on_delivery' : null;
    case 'refund':
      return order.fulfilment === 'cancelled' || order.fulfilment === 'returned'
        ? null
        : 'refund_needs_cancel_or_return';
    default:
      return null;
  }
}

/** Events `actor` can fire now, guards applied (reason-taking events are offered; the form asks the reason). */
export function availableEvents(order: SubOrderSnapshot, actor: SubOrderActor): SubOrderEvent[] {
  return eventsFrom(order).filter((event) => {
    const check = checkTransition(order, event, { actor, reason: 'offered' });
    return check.ok;
  });
}

export const FINAL_FULFILMENT: readonly FulfilmentState[] = ['cancelled', 'returned'];
export const FINAL_PAYMENT: readonly PaymentState[] = ['refunded'];

/**
 * Checked once at start-up and in tests: on each track every state is reachable from the first, every non-final
 * state has a way out, final states have none, and every event has someone to fire it.
 */
export function graphProblems(): string[] {
  const problems: string[] = [];
  const defs = Object.entries(TRANSITIONS) as Array<[SubOrderEvent, TransitionDef]>;
  const fulfilment = defs.flatMap(([, d]) => (d.track === 'fulfilment' ? [d] : []));
  const payment = defs.flatMap(([, d]) => (d.track === 'payment' ? [d] : []));
  problems.push(...trackProblems<FulfilmentState>(FULFILMENT_STATES, 'placed', FINAL_FULFILMENT, fulfilment));
  problems.push(...trackProblems<PaymentState>(PAYMENT_STATES, 'pending', FINAL_PAYMENT, payment));
  for (const [event, def] of defs) {
    if (def.by.length === 0) problems.push(`${event} has nobody to fire it`);
  }
  return problems;
}

/** The check of one track, exported so that its own test can feed it broken graphs. */
export function trackProblems<S extends string>(
  states: readonly S[],
  start: S,
  finals: readonly S[],
  steps: ReadonlyArray<{ from: readonly S[]; to: S }>,
): string[] {
  const problems: string[] = [];
  const reached = new Set<S>([start]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of steps) {
      if (step.from.some((s) => reached.has(s)) && !reached.has(step.to)) {
        reached.add(step.to);
        grew = true;
      }
    }
  }
  for (const state of states) {
    if (!reached.has(state)) problems.push(`${state} is unreachable`);
    const exits = steps.filter((s) => s.from.includes(state)).length;
    if (finals.includes(state) && exits > 0) problems.push(`${state} is final but has exits`);
    if (!finals.includes(state) && exits === 0) problems.push(`${state} has no way out`);
  }
  return problems;
}

export const FULFILMENT_LABELS: Record<FulfilmentState, Text> = {
  placed: { vi: 'Đã đặt, chờ xác nhận', en: 'Placed, awaiting confirmation' },
  confirmed: { vi: 'Đã xác nhận', en: 'Confirmed' },
  packed: { vi: 'Đã đóng gói', en: 'Packed' },
  shipped: { vi: 'Đang giao', en: 'On its way' },
  delivered: { vi: 'Đã giao', en: 'Delivered' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  returned: { vi: 'Đã hoàn trả', en: 'Returned' },
};

export const PAYMENT_LABELS: Record<PaymentState, Text> = {
  pending: { vi: 'Chưa thanh toán', en: 'Not paid yet' },
  paid: { vi: 'Đã thanh toán', en: 'Paid' },
  refunded: { vi: 'Đã hoàn tiền', en: 'Refunded' },
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, Text> = {
  cod: { vi: 'Thanh toán khi nhận hàng', en: 'Cash on delivery' },
  vietqr: { vi: 'Chuyển khoản VietQR', en: 'VietQR bank transfer' },
};

export const EVENT_LABELS: Record<SubOrderEvent, Text> = {
  confirm: { vi: 'Xác nhận đơn', en: 'Confirm' },
  pack: { vi: 'Đã đóng gói', en: 'Mark packed' },
  ship: { vi: 'Giao cho vận chuyển', en: 'Ship' },
  deliver: { vi: 'Đã giao hàng', en: 'Mark delivered' },
  cancel: { vi: 'Hủy đơn', en: 'Cancel' },
  return: { vi: 'Ghi nhận hoàn trả', en: 'Record a return' },
  mark_paid: { vi: 'Đã nhận tiền', en: 'Mark paid' },
  refund: { vi: 'Hoàn tiền', en: 'Refund' },
};

export const ACTOR_LABELS: Record<SubOrderActor, Text> = {
  producer: { vi: 'Chủ thể OCOP', en: 'Producer' },
  buyer: { vi: 'Người mua', en: 'Buyer' },
  system: { vi: 'Hệ thống', en: 'System' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
};

export const REFUSAL_LABELS: Record<Refusal, Text> = {
  wrong_state: {
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của đơn.',
    en: 'This cannot be done in the order’s current state.',
  },
  actor_not_allowed: { vi: 'Bạn không được thực hiện thao tác này.', en: 'You may not do this.' },
  reason_required: { vi: 'Vui lòng nêu lý do.', en: 'Please give a reason.' },
  reason_too_long: {
    vi: `Lý do dài tối đa ${MAX_REASON_LENGTH} ký tự.`,
    en: `The reason may be at most ${MAX_REASON_LENGTH} characters.`,
  },
  unpaid_transfer: {
    vi: 'Đơn chuyển khoản chưa được thanh toán; chỉ giao trước khi nhận tiền nếu chủ thể đã chọn như vậy.',
    en: 'This bank-transfer order is not paid yet; it ships before payment only if the producer chose so.',
  },
  buyer_cancel_too_late: {
    vi: 'Đơn đã được xác nhận; vui lòng liên hệ chủ thể để hủy.',
    en: 'The order has been confirmed; please contact the producer to cancel it.',
  },
  cod_paid_on_delivery: {
    vi: 'Đơn thanh toán khi nhận hàng được ghi nhận đã trả khi giao hàng.',
    en: 'A cash-on-delivery order is recorded as paid when it is delivered.',
  },
  refund_needs_cancel_or_return: {
    vi: 'Chỉ hoàn tiền cho đơn đã hủy hoặc đã hoàn trả.',
    en: 'Only a cancelled or returned order can be refunded.',
  },
};
