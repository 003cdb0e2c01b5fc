import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
let producerId = '';
let productId = '';
let keys = 0;
const key = () => `api-key-${String(++keys).padStart(4, '0')}`;

interface ErrorOut {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}
interface OrderOut {
  orderNumber: string;
  total: number;
  subOrders: Array<{ id: string; producerId: string; total: number; status: string; paymentStatus: string }>;
}

const order = (over: Record<string, unknown> = {}) => ({
  items: [{ productId, quantity: 2 }],
  customer: { name: 'Lê Minh Anh', phone: '0987654321', email: 'anh@example.vn' },
  delivery: { method: 'ship', address: { line: 'Số 3 phố Tràng Tiền', communeId: '00577' } },
  payment: 'cod',
  ...over,
});

function post(payload: unknown, headers: Record<string, string> = { 'idempotency-key': key() }) {
  return t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: payload as object, headers });
}

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    producerId = await aProducer(ctx);
    productId = await aProduct(ctx, { producerId, priceVnd: 65_000 });
    await aCertificate(ctx, productId);
    await setStock(ctx, productId, 50, '2026-11-26T00:00:00Z');
    await anAccount(ctx, 'producer', producerId, 'nsx@shop.test');
  });
}, 120_000);
afterAll(() => t.close());

describe('POST /api/v1/orders', () => {
  it('places an order without an account: 201 with the number, the total and one part per producer', async () => {
    const res = await post(order());
    expect(res.statusCode).toBe(201);
    const body = res.json<OrderOut>();
    expect(body.orderNumber).toMatch(/^[0-9]{4}[0-9A-Z]{6}$/);
    expect(body.total).toBe(130_000);
    expect(body.subOrders).toHaveLength(1);
    expect(body.subOrders[0]).toMatchObject({
      producerId,
      total: 130_000,
      status: 'placed',
      paymentStatus: 'pending',
    });
    expect(body.subOrders[0]).not.toHaveProperty('vietqr');
  });

  it('returns the same order for the same key and body', async () => {
    const headers = { 'idempotency-key': key() };
    const first = await post(order(), headers);
    const again = await post(order(), headers);
    expect(again.statusCode).toBe(201);
    expect(again.json<OrderOut>().orderNumber).toBe(first.json<OrderOut>().orderNumber);
    const other = await post(order({ payment: 'vietqr' }), headers);
    expect(other.statusCode).toBe(409);
  });

  it('needs an Idempotency-Key header of 8 to 100 characters', async () => {
    expect((await post(order(), {})).statusCode).toBe(400);
    expect((await post(order(), { 'idempotency-key': 'short' })).statusCode).toBe(400);
  });

  it('refuses a malformed phone number, naming the field, in the asked language', async () => {
    for (const phone of ['012345678', '0212345678', '09123456789', 'số máy']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        payload: order({ customer: { name: 'Lê Minh Anh', phone } }),
        headers: { 'idempotency-key': key(), 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(400);
      const error = res.json<ErrorOut>().error;
      expect(error.details.map((d) => d.field)).toContain('customer.phone');
      expect(error.message).toContain('Vietnamese mobile number');
    }
  });

  it('refuses zero, negative, fractional and huge quantities', async () => {
    for (const quantity of [0, -1, 1.5, 100, 1e9]) {
      const res = await post(order({ items: [{ productId, quantity }] }));
      expect(res.statusCode).toBe(400);
    }
  });

  it('keeps markup in the name and address as plain text', async () => {
    const name = '<script>alert("x")</script> Hoa';
    const line = '<img src=x onerror=alert(1)> ngõ 5';
    const res = await post(
      order({
        customer: { name, phone: '0912000111', email: 'markup@example.vn' },
        delivery: { method: 'ship', address: { line, communeId: '00577' } },
      }),
    );
    expect(res.statusCode).toBe(201);
    const stored = await t.ctx.db
      .selectFrom('orders')
      .select(['customer_name', 'address'])
      .where('number', '=', res.json<OrderOut>().orderNumber)
      .executeTakeFirstOrThrow();
    expect(stored.customer_name).toBe(name);
    expect(JSON.parse(stored.address ?? '{}')).toEqual({ line, communeId: '00577' });
    // The confirmation is plain text: nothing there is interpreted as markup.
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'markup@example.vn')
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(res.json<OrderOut>().orderNumber);
  });
});

describe('GET /api/v1/orders/:number', () => {
  it('shows the order for its phone, and the same 404 for a wrong phone as for an unknown number', async () => {
    const placed = (await post(order())).json<OrderOut>();
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${placed.orderNumber}?phone=${encodeURIComponent('+84 987 654 321')}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<OrderOut>().total).toBe(placed.total);
    // One buyer's order is never kept in the shared response cache.
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${placed.orderNumber}?phone=${encodeURIComponent('+84 987 654 321')}`,
    });
    expect(again.headers['x-cache']).toBeUndefined();

    const wrong = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${placed.orderNumber}?phone=0912345678`,
    });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/orders/2611ABCDEF?phone=0987654321' });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
  });

  it('limits look-ups per address, so a known number is no phone-guessing game', async () => {
    const look = (phone: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/orders/2611ABCDEF?phone=${phone}`,
        remoteAddress: '10.7.7.7',
      });
    for (let i = 0; i < 20; i++)
      expect((await look(`09000000${String(i).padStart(2, '0')}`)).statusCode).toBe(404);
    const refused = await look('0900000099');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/sub-orders/:id/events/:event', () => {
  it('lets the producer confirm their part, and nobody anonymous', async () => {
    const placed = (await post(order())).json<OrderOut>();
    const id = placed.subOrders[0]?.id ?? '';
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/sub-orders/${id}/events/confirm` });
    expect(anonymous.statusCode).toBe(401);
    const session = await signIn(t.app, 'nsx@shop.test');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sub-orders/${id}/events/confirm`,
      headers: session.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id, status: 'confirmed', paymentStatus: 'pending' });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sub-orders/${id}/events/cancel`,
      headers: session.headers,
      payload: {},
    });
    expect(cancel.statusCode).toBe(400);
  });
});
