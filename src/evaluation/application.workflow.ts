import type { Text } from '../views/format.js';

/**
 * The life of an OCOP application (Decision 148/QĐ-TTg as amended by 1489/QĐ-TTg, July 2025), declared as one
 * transition table. `transition()` in application.service.ts is the only code that changes a state: it looks the
 * event up here, asks the policy who may fire it, runs its guard, persists, records the history and the audit.
 *
 *   draft ──submit──▶ submitted ──propose──▶ proposed ──accept──▶ accepted ──assign──▶ assigned
 *     ▲                  │ return               │ return                ▲ unassign       │ session closed
 *     └──── returned ◀───┴──────────────────────┘                       └────────────────┤
 *   (submit again)                                                                     scored
 *                                                      decision ─┬─ certified (3★, 4★: province certificate)
 *                                                                ├─ not_certified (< 3★ or knocked out)
 *                                                                └─ central_review ─ central decision ─▶ certified
 *   withdraw: from draft, submitted or returned.
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'returned',
  'proposed',
  'accepted',
  'assigned',
  'scored',
  'central_review',
  'certified',
  'not_certified',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_EVENTS = [
  'submit',
  'withdraw',
  'commune_return',
  'propose',
  'province_return',
  'accept',
  'assign',
  'unassign',
  'score',
  'certify',
  'reject',
  'send_central',
  'central_decide',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** Who fires an event: the policy action asked on the application (accounts/policy.ts). */
export type EventActor = 'producer' | 'commune' | 'province' | 'secretary' | 'decision';

export interface TransitionDef {
  from: readonly ApplicationState[];
  to: ApplicationState;
  by: EventActor;
  /** The event needs a written reason (returns). */
  needsReason?: boolean;
}

export const TRANSITIONS: Record<ApplicationEvent, TransitionDef> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'producer' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'producer' },
  commune_return: { from: ['submitted'], to: 'returned', by: 'commune', needsReason: true },
  propose: { from: ['submitted'], to: 'proposed', by: 'commune' },
  province_return: { from: ['proposed'], to: 'returned', by: 'province', needsReason: true },
  accept: { from: ['proposed'], to: 'accepted', by: 'province' },
  assign: { from: ['accepted'], to: 'assigned', by: 'secretary' },
  unassign: { from: ['assigned'], to: 'accepted', by: 'secretary' },
  score: { from: ['assigned'], to: 'scored', by: 'secretary' },
  certify: { from: ['scored'], to: 'certified', by: 'decision' },
  reject: { from: ['scored'], to: 'not_certified', by: 'decision' },
  send_central: { from: ['scored'], to: 'central_review', by: 'decision' },
  central_decide: { from: ['central_review'], to: 'certified', by: 'decision' },
};

/** Events a user fires one at a time (the others come with a council session or a decision). */
export const USER_EVENTS = [
  'submit',
  'withdraw',
  'commune_return',
  'propose',
  'province_return',
  'accept',
] as const satisfies readonly ApplicationEvent[];
export type UserEvent = (typeof USER_EVENTS)[number];

export function isUserEvent(value: string): value is UserEvent {
  return (USER_EVENTS as readonly string[]).includes(value);
}

/** Where an event leads from `state`, or null when it cannot fire there. */
export function nextState(state: ApplicationState, event: ApplicationEvent): ApplicationState | null {
  const def = TRANSITIONS[event];
  return def.from.includes(state) ? def.to : null;
}

/** Events that can fire from `state` (what the back office offers, before guards and permissions). */
export function eventsFrom(state: ApplicationState): ApplicationEvent[] {
  return APPLICATION_EVENTS.filter((e) => TRANSITIONS[e].from.includes(state));
}

/**
 * Checked once at start-up and in tests: every state is reachable from draft, every non-final state has a way
 * out, and the final states have none.
 */
export const FINAL_STATES: readonly ApplicationState[] = ['certified', 'not_certified', 'withdrawn'];

export function graphProblems(): string[] {
  const problems: string[] = [];
  const reached = new Set<ApplicationState>(['draft']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const def of Object.values(TRANSITIONS)) {
      if (def.from.some((s) => reached.has(s)) && !reached.has(def.to)) {
        reached.add(def.to);
        grew = true;
      }
    }
  }
  for (const state of APPLICATION_STATES) {
    if (!reached.has(state)) problems.push(`${state} is unreachable`);
    const exits = eventsFrom(state).length;
    if (FINAL_STATES.includes(state) && exits > 0) problems.push(`${state} is final but has exits`);
    if (!FINAL_STATES.includes(state) && exits === 0) problems.push(`${state} has no way out`);
  }
  return problems;
}

export const APPLICATION_KINDS = ['new', 'reevaluation', 'upgrade'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const STATE_LABELS: Record<ApplicationState, Text> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Đã nộp, chờ xã kiểm tra', en: 'Submitted, awaiting the commune' },
  returned: { vi: 'Trả lại để bổ sung', en: 'Returned for completion' },
  proposed: { vi: 'Xã đề nghị, chờ tổ tư vấn', en: 'Proposed, awaiting the advisory group' },
  accepted: { vi: 'Chờ hội đồng', en: 'Awaiting the council' },
  assigned: { vi: 'Hội đồng đang chấm', en: 'Being scored by the council' },
  scored: { vi: 'Đã chấm, chờ quyết định', en: 'Scored, awaiting the decision' },
  central_review: {
    vi: 'Chờ Hội đồng Trung ương (tiềm năng 5 sao)',
    en: 'With the central council (potential 5★)',
  },
  certified: { vi: 'Đã công nhận', en: 'Certified' },
  not_certified: { vi: 'Không đạt', en: 'Not certified' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
};

export const KIND_LABELS: Record<ApplicationKind, Text> = {
  new: { vi: 'Đánh giá lần đầu', en: 'First evaluation' },
  reevaluation: { vi: 'Đánh giá lại', en: 'Re-evaluation' },
  upgrade: { vi: 'Nâng hạng', en: 'Upgrade' },
};

export const EVENT_LABELS: Record<ApplicationEvent, Text> = {
  submit: { vi: 'Nộp hồ sơ', en: 'Submit' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  commune_return: { vi: 'Xã trả lại hồ sơ', en: 'Commune returns' },
  propose: { vi: 'Xã đề nghị lên thành phố', en: 'Commune proposes' },
  province_return: { vi: 'Tổ tư vấn trả lại hồ sơ', en: 'Advisory group returns' },
  accept: { vi: 'Tổ tư vấn chấp nhận', en: 'Advisory group accepts' },
  assign: { vi: 'Đưa vào phiên hội đồng', en: 'Assigned to a council session' },
  unassign: { vi: 'Rút khỏi phiên hội đồng', en: 'Removed from the session' },
  score: { vi: 'Hội đồng chấm xong', en: 'Scored by the council' },
  certify: { vi: 'Công nhận theo quyết định', en: 'Certified by decision' },
  reject: { vi: 'Không công nhận', en: 'Not certified' },
  send_central: { vi: 'Đề nghị Trung ương công nhận 5 sao', en: 'Sent to the central council' },
  central_decide: { vi: 'Trung ương quyết định', en: 'Central decision' },
};
