import { describe, expect, it } from 'vitest';
import {
  ACTOR_LABELS,
  EVENT_LABELS,
  FULFILMENT_LABELS,
  FULFILMENT_STATES,
  PAYMENT_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATES,
  REFUSALS,
  REFUSAL_LABELS,
  SUB_ORDER_ACTORS,
  SUB_ORDER_EVENTS,
  availableEvents,
  checkTransition,
  eventsFrom,
  graphProblems,
  nextState,
  trackProblems,
  type FulfilmentState,
  type PaymentState,
  type SubOrderEvent,
  type SubOrderSnapshot,
} from './sub-order.workflow.js';

function order(overrides: Partial<SubOrderSnapshot> = {}): SubOrderSnapshot {
  return {
    fulfilment: 'placed',
    payment: 'pending',
    paymentMethod: 'vietqr',
    shipBeforePayment: false,
    ...overrides,
  };
}

/** The whole fulfilment graph, written out by hand so that a change to the table has to change this too. */
const FULFILMENT_ALLOWED: Array<[FulfilmentState, SubOrderEvent, FulfilmentState]> = [
  ['placed', 'confirm', 'confirmed'],
  ['placed', 'cancel', 'cancelled'],
  ['confirmed', 'pack', 'packed'],
  ['confirmed', 'cancel', 'cancelled'],
  ['packed', 'ship', 'shipped'],
  ['packed', 'cancel', 'cancelled'],
  ['shipped', 'deliver', 'delivered'],
  ['shipped', 'return', 'returned'],
  ['delivered', 'return', 'returned'],
];
const PAYMENT_ALLOWED: Array<[PaymentState, SubOrderEvent, PaymentState]> = [
  ['pending', 'mark_paid', 'paid'],
  ['paid', 'refund', 'refunded'],
];
const FULFILMENT_EVENTS: SubOrderEvent[] = ['confirm', 'pack', 'ship', 'deliver', 'cancel', 'return'];
const PAYMENT_EVENTS: SubOrderEvent[] = ['mark_paid', 'refund'];

describe('the sub-order graph', () => {
  it('reaches every state, ends only in cancelled, returned and refunded', () => {
    expect(graphProblems()).toEqual([]);
  });

  it('finds unreachable states, dead ends and final states with exits', () => {
    const states = ['a', 'b', 'c', 'd'] as const;
    expect(trackProblems(states, 'a', ['c'], [{ from: ['a'], to: 'b' }])).toEqual([
      'b has no way out',
      'c is unreachable',
      'd is unreachable',
      'd has no way out',
    ]);
    expect(
      trackProblems(
        states,
        'a',
        ['d'],
        [
          { from: ['a'], to: 'b' },
          { from: ['b'], to: 'c' },
          { from: ['c', 'd'], to: 'a' },
        ],
      ),
    ).toEqual(['d is unreachable', 'd is final but has exits']);
  });

  it('moves the goods exactly along the declared edges, and refuses every other pair', () => {
    for (const fulfilment of FULFILMENT_STATES) {
      for (const event of FULFILMENT_EVENTS) {
        const allowed = FULFILMENT_ALLOWED.find(([s, e]) => s === fulfilment && e === event);
        const next = nextState(order({ fulfilment, paymentMethod: 'vietqr', payment: 'paid' }), event);
        expect(next, `${fulfilment} --${event}`).toEqual(
          allowed ? { fulfilment: allowed[2], payment: 'paid' } : null,
        );
      }
    }
  });

  it('moves the money exactly along the declared edges, whatever the goods do', () => {
    for (const payment of PAYMENT_STATES) {
      for (const event of PAYMENT_EVENTS) {
        const allowed = PAYMENT_ALLOWED.find(([s, e]) => s === payment && e === event);
        for (const fulfilment of FULFILMENT_STATES) {
          const next = nextState(order({ fulfilment, payment }), event);
          expect(next, `${payment} --${event}`).toEqual(allowed ? { fulfilment, payment: allowed[2] } : null);
        }
      }
    }
  });

  it('lists the events of a state on both tracks', () => {
    expect(eventsFrom({ fulfilment: 'placed', payment: 'pending' })).toEqual([
      'confirm',
      'cancel',
      'mark_paid',
    ]);
    expect(eventsFrom({ fulfilment: 'delivered', payment: 'paid' })).toEqual(['return', 'refund']);
    expect(eventsFrom({ fulfilment: 'cancelled', payment: 'refunded' })).toEqual([]);
    expect(eventsFrom({ fulfilment: 'returned', payment: 'refunded' })).toEqual([]);
  });

  it('marks a cash-on-delivery sub-order paid when it is delivered, and only then', () => {
    const cod = order({ fulfilment: 'shipped', paymentMethod: 'cod' });
    expect(nextState(cod, 'deliver')).toEqual({ fulfilment: 'delivered', payment: 'paid' });
    expect(nextState(cod, 'return')).toEqual({ fulfilment: 'returned', payment: 'pending' });
    expect(nextState(order({ fulfilment: 'shipped' }), 'deliver')).toEqual({
      fulfilment: 'delivered',
      payment: 'pending',
    });
  });
});

describe('who fires what', () => {
  const WHO: Record<SubOrderEvent, string[]> = {
    confirm: ['producer'],
    pack: ['producer'],
    ship: ['producer'],
    deliver: ['producer', 'system'],
    cancel: ['producer', 'buyer', 'system', 'admin'],
    return: ['producer', 'admin'],
    mark_paid: ['producer', 'system', 'admin'],
    refund: ['producer', 'admin'],
  };
  const from: Record<SubOrderEvent, SubOrderSnapshot> = {
    confirm: order(),
    pack: order({ fulfilment: 'confirmed' }),
    ship: order({ fulfilment: 'packed', payment: 'paid' }),
    deliver: order({ fulfilment: 'shipped', payment: 'paid' }),
    cancel: order(),
    return: order({ fulfilment: 'delivered', payment: 'paid' }),
    mark_paid: order(),
    refund: order({ fulfilment: 'cancelled', payment: 'paid' }),
  };

  it('lets each actor fire only its own events', () => {
    for (const event of SUB_ORDER_EVENTS) {
      for (const actor of SUB_ORDER_ACTORS) {
        const check = checkTransition(from[event], event, { actor, reason: 'Khách đổi ý' });
        expect(check.ok, `${actor} ${event}`).toBe(WHO[event].includes(actor));
        if (!check.ok) expect(check.refusal).toBe('actor_not_allowed');
      }
    }
  });

  it('reports a wrong state before a wrong actor', () => {
    expect(checkTransition(order({ fulfilment: 'delivered' }), 'confirm', { actor: 'buyer' })).toEqual({
      ok: false,
      refusal: 'wrong_state',
    });
  });
});

describe('the guards', () => {
  it('holds an unpaid VietQR sub-order until it is paid', () => {
    const packed = order({ fulfilment: 'packed' });
    expect(checkTransition(packed, 'ship', { actor: 'producer' })).toEqual({
      ok: false,
      refusal: 'unpaid_transfer',
    });
    expect(checkTransition({ ...packed, payment: 'paid' }, 'ship', { actor: 'producer' })).toEqual({
      ok: true,
      next: { fulfilment: 'shipped', payment: 'paid' },
    });
  });

  it('ships an unpaid VietQR sub-order when the producer chose to ship first', () => {
    const packed = order({ fulfilment: 'packed', shipBeforePayment: true });
    expect(checkTransition(packed, 'ship', { actor: 'producer' }).ok).toBe(true);
  });

  it('ships cash on delivery unpaid, of course', () => {
    const packed = order({ fulfilment: 'packed', paymentMethod: 'cod' });
    expect(checkTransition(packed, 'ship', { actor: 'producer' }).ok).toBe(true);
  });

  it('wants a reason to cancel or return, at most 500 characters', () => {
    for (const reason of [undefined, '', '   ']) {
      expect(checkTransition(order(), 'cancel', { actor: 'producer', reason })).toEqual({
        ok: false,
        refusal: 'reason_required',
      });
    }
    const delivered = order({ fulfilment: 'delivered', payment: 'paid' });
    expect(checkTransition(delivered, 'return', { actor: 'producer' })).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
    expect(checkTransition(order(), 'cancel', { actor: 'producer', reason: 'x'.repeat(501) })).toEqual({
      ok: false,
      refusal: 'reason_too_long',
    });
    expect(checkTransition(order(), 'cancel', { actor: 'producer', reason: 'x'.repeat(500) }).ok).toBe(true);
    expect(checkTransition(order(), 'confirm', { actor: 'producer' }).ok).toBe(true);
  });

  it('lets a buyer cancel only while the sub-order is placed', () => {
    const reason = 'Đặt nhầm';
    expect(checkTransition(order(), 'cancel', { actor: 'buyer', reason })).toEqual({
      ok: true,
      next: { fulfilment: 'cancelled', payment: 'pending' },
    });
    for (const fulfilment of ['confirmed', 'packed'] as const) {
      expect(checkTransition(order({ fulfilment }), 'cancel', { actor: 'buyer', reason })).toEqual({
        ok: false,
        refusal: 'buyer_cancel_too_late',
      });
      expect(checkTransition(order({ fulfilment }), 'cancel', { actor: 'producer', reason }).ok).toBe(true);
    }
  });

  it('never marks cash on delivery paid by hand', () => {
    const cod = order({ paymentMethod: 'cod', fulfilment: 'shipped' });
    expect(checkTransition(cod, 'mark_paid', { actor: 'producer' })).toEqual({
      ok: false,
      refusal: 'cod_paid_on_delivery',
    });
    expect(checkTransition(order(), 'mark_paid', { actor: 'system' }).ok).toBe(true);
  });

  it('refunds only paid money of a cancelled or returned sub-order', () => {
    for (const fulfilment of FULFILMENT_STATES) {
      const check = checkTransition(order({ fulfilment, payment: 'paid' }), 'refund', { actor: 'producer' });
      const expected = fulfilment === 'cancelled' || fulfilment === 'returned';
      expect(check.ok, fulfilment).toBe(expected);
      if (!check.ok) expect(check.refusal).toBe('refund_needs_cancel_or_return');
    }
    expect(checkTransition(order({ fulfilment: 'cancelled' }), 'refund', { actor: 'producer' })).toEqual({
      ok: false,
      refusal: 'wrong_state',
    });
  });

  it('offers each actor only the events it can fire now', () => {
    expect(availableEvents(order(), 'buyer')).toEqual(['cancel']);
    expect(availableEvents(order({ fulfilment: 'confirmed' }), 'buyer')).toEqual([]);
    expect(availableEvents(order({ fulfilment: 'packed' }), 'producer')).toEqual(['cancel', 'mark_paid']);
    expect(availableEvents(order({ fulfilment: 'packed', payment: 'paid' }), 'producer')).toEqual([
      'ship',
      'cancel',
    ]);
    expect(availableEvents(order({ fulfilment: 'shipped', paymentMethod: 'cod' }), 'producer')).toEqual([
      'deliver',
      'return',
    ]);
  });
});

describe('labels', () => {
  it('names every state, method, event, actor and refusal in Vietnamese and English', () => {
    const tables = [
      [FULFILMENT_LABELS, FULFILMENT_STATES],
      [PAYMENT_LABELS, PAYMENT_STATES],
      [PAYMENT_METHOD_LABELS, ['cod', 'vietqr']],
      [EVENT_LABELS, SUB_ORDER_EVENTS],
      [ACTOR_LABELS, SUB_ORDER_ACTORS],
      [REFUSAL_LABELS, REFUSALS],
    ] as const;
    for (const [labels, keys] of tables) {
      const table = labels as Record<string, { vi: string; en: string }>;
      expect(Object.keys(table).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        expect(table[key]?.vi, key).toBeTruthy();
        expect(table[key]?.en, key).toBeTruthy();
        expect(table[key]?.vi).not.toBe(table[key]?.en);
      }
    }
    expect(FULFILMENT_LABELS.cancelled.vi).toBe('Đã hủy');
  });
});
