import { createHash } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { ValidationError } from '../core/errors.js';
import { validate } from '../core/validate.js';
import { normalizeVi } from '../core/vi-text.js';
import { MAX_LINES, MAX_QUANTITY } from './basket.js';
import { PAYMENT_METHODS, type PaymentMethod } from './sub-order.workflow.js';

/** The checkout request (`POST /api/v1/orders`): one schema, checked again in the service. */

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const OrderItem = Type.Object(
  { productId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
  { additionalProperties: false },
);

const ShipDelivery = Type.Object(
  {
    method: Type.Literal('ship'),
    address: Type.Object(
      { line: Type.String({ minLength: 1, maxLength: 200 }), communeId: Id },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
const PickupDelivery = Type.Object(
  { method: Type.Literal('pickup'), salesPointId: Id },
  { additionalProperties: false },
);

export const CreateOrderInput = Type.Object(
  {
    items: Type.Array(OrderItem, { minItems: 1, maxItems: MAX_LINES }),
    customer: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 100 }),
        phone: Type.String({ minLength: 1, maxLength: 20 }),
        email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    delivery: Type.Union([ShipDelivery, PickupDelivery]),
    payment: Type.Unsafe<PaymentMethod>(Type.Union(PAYMENT_METHODS.map((m) => Type.Literal(m)))),
    /** Unit prices the buyer saw, by product id: a different current price is reported, never charged. */
    seenPrices: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
  },
  { additionalProperties: false },
);
export type CreateOrder = Static<typeof CreateOrderInput>;
/** Compiled once: checking a good basket costs little; the field-by-field messages are built only for a bad one. */
const createOrderCheck = Compile(CreateOrderInput);

/** The header a client sends so a retried checkout returns the first order instead of a second one. */
export const IDEMPOTENCY_KEY = { minLength: 8, maxLength: 100 } as const;

/** Vietnamese mobile numbers (prefixes 03, 05, 07, 08, 09 since the 2018 renumbering), local or +84. */
const MOBILE = /^(0|\+84)([35789]\d{8})$/;

/** `0912345678` from `0912 345 678`, `+84 912.345.678` and the like; null when it is not a mobile number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, '');
  const match = MOBILE.exec(compact);
  return match ? `0${match[2] ?? ''}` : null;
}

export interface CheckedOrder extends CreateOrder {
  customer: { name: string; phone: string; email?: string };
}

/** Validates the body and brings its text into the stored form: names NFC, the phone as 0xxxxxxxxx. */
export function checkOrderInput(input: unknown): CheckedOrder {
  const d = createOrderCheck.Check(input) ? input : validate(CreateOrderInput, input);
  const name = normalizeVi(d.customer.name);
  const phone = normalizePhone(d.customer.phone);
  const problems = [];
  if (name === '')
    problems.push(fieldProblem('customer.name', 'cần họ tên người nhận', 'the name is required'));
  if (phone === null) {
    problems.push(
      fieldProblem(
        'customer.phone',
        'số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09',
        'a Vietnamese mobile number has 10 digits and starts with 03, 05, 07, 08 or 09',
      ),
    );
  }
  if (d.delivery.method === 'ship' && normalizeVi(d.delivery.address.line) === '') {
    problems.push(fieldProblem('delivery.address.line', 'cần địa chỉ giao hàng', 'the address is required'));
  }
  if (problems.length > 0 || phone === null) throw new ValidationError(problems);
  const delivery =
    d.delivery.method === 'ship'
      ? { ...d.delivery, address: { ...d.delivery.address, line: normalizeVi(d.delivery.address.line) } }
      : d.delivery;
  const email = d.customer.email?.toLowerCase();
  return { ...d, delivery, customer: { name, phone, ...(email === undefined ? {} : { email }) } };
}

function fieldProblem(field: string, vi: string, en: string) {
  return { field, message: `${field}: ${vi}`, messageEn: `${field}: ${en}` };
}

/** sha256 of the checked request with its keys sorted: the same order sent twice hashes the same. */
export function requestHash(order: CheckedOrder): string {
  return createHash('sha256').update(canonical(order)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
