import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QRPay } from 'vietnam-qr-pay';
import type { Actor, Ctx } from '../../src/core/context.js';
import { DomainError, ForbiddenError, ValidationError } from '../../src/core/errors.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { Mailer } from '../../src/mail/mailer.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { savePayee, setStock } from '../../src/shop/order.repository.js';
import { createOrder, getOrderForBuyer } from '../../src/shop/order.service.js';
import { transitionSubOrder } from '../../src/shop/order.transition.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { anAccount } from '../support/accounts.js';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

const available = await engineAvailable();
let t: TestDatabase;
let keys = 0;
const key = () => `test-key-${String(++keys).padStart(4, '0')}`;

/** A product with a price, a valid certificate and `stock` units for shipping. */
async function sellable(producerId: string, priceVnd: number, stock: number): Promise<string> {
  const productId = await aProduct(t.ctx, { producerId, priceVnd });
  await aCertificate(t.ctx, productId);
  await setStock(t.ctx, productId, stock, '2026-11-26T00:00:00Z');
  return productId;
}

async function payee(producerId: string, accountNumber: string): Promise<void> {
  await savePayee(t.ctx, {
    producer_id: producerId,
    bank_bin: '970436',
    account_number: accountNumber,
    account_name: 'Hợp tác xã Gốm Bát Tràng',
    updated_at: '2026-11-26T00:00:00Z',
  });
}

async function stockOf(productId: string, db = t.ctx.db): Promise<number> {
  const row = await db
    .selectFrom('product_stock')
    .select('quantity')
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return row.quantity;
}

/** Rows of every table a checkout writes, so a refusal can be shown to write nothing. */
async function written(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['orders', 'sub_orders', 'order_lines', 'sub_order_events', 'outbox'] as const) {
    const row = await t.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  const audit = await t.ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'order.create')
    .executeTakeFirstOrThrow();
  counts.audit = audit.n;
  return counts;
}

const customer = { name: 'Nguyễn Thị Hoa', phone: '0912 345 678', email: 'hoa@example.vn' };
const ship = { method: 'ship', address: { line: 'Số 5 ngõ 12 phố Huế', communeId: '00577' } };

function body(items: Array<{ productId: string; quantity: number }>, extra: Record<string, unknown> = {}) {
  return { items, customer, delivery: ship, payment: 'cod', ...extra };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function producerActor(producerId: string): Actor {
  return { kind: 'user', id: `usr_${producerId}`, grants: [{ role: 'producer', scopeId: producerId }] };
}
const as = (actor: Actor): Ctx => ({ ...t.ctx, actor });
/** A context on another connection: a second SQLite connection to the same file, or the pool's other clients. */
async function secondConnection(): Promise<{ ctx: Ctx; close(): Promise<void> }> {
  if (TEST_ENGINE !== 'sqlite') return { ctx: t.ctx, close: () => Promise.resolve() };
  const list = await sql<{ name: string; file: string }>`pragma database_list`.execute(t.ctx.db);
  const file = list.rows.find((r) => r.name === 'main')?.file ?? '';
  const other: Database = openDatabase({ engine: 'sqlite', path: file });
  return { ctx: { ...t.ctx, db: other.db }, close: () => other.close() };
}

const mailer = () => new Mailer({ smtpUrl: null, from: 'shop@ocop.test' }, t.ctx);

describe.skipIf(!available)(`orders on ${TEST_ENGINE}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
  }, 60_000);
  afterAll(() => t.close());

  it('splits a two-producer VietQR order into two sub-orders with exact totals and decodable transfers', async () => {
    const [pa, pb] = [await aProducer(t.ctx), await aProducer(t.ctx)];
    await payee(pa, '0011004123456');
    await payee(pb, '1903520000999');
    const a1 = await sellable(pa, 120_000, 10);
    const b1 = await sellable(pb, 45_000, 5);
    const a2 = await sellable(pa, 30_000, 3);
    const before = await written();
    const order = await createOrder(
      t.ctx,
      body(
        [
          { productId: a1, quantity: 2 },
          { productId: b1, quantity: 3 },
          { productId: a2, quantity: 1 },
        ],
        { payment: 'vietqr' },
      ),
      key(),
      { mailer: mailer() },
    );

    expect(order.orderNumber).toMatch(/^2611[0-9A-Z]{6}$/);
    expect(order.total).toBe(2 * 120_000 + 3 * 45_000 + 30_000);
    expect(order.subOrders.map((s) => [s.producerId, s.total, s.status, s.paymentStatus])).toEqual([
      [pa, 270_000, 'placed', 'pending'],
      [pb, 135_000, 'placed', 'pending'],
    ]);
    const [first, second] = order.subOrders.map((s) => new QRPay(s.vietqr ?? ''));
    expect(first?.isValid && second?.isValid).toBe(true);
    expect([first?.consumer.bankBin, first?.consumer.bankNumber, first?.amount]).toEqual([
      '970436',
      '0011004123456',
      '270000',
    ]);
    expect(first?.additionalData.purpose).toBe(`OCOP ${order.orderNumber} P1`);
    expect([second?.consumer.bankNumber, second?.amount]).toEqual(['1903520000999', '135000']);
    expect(second?.additionalData.purpose).toBe(`OCOP ${order.orderNumber} P2`);

    expect([await stockOf(a1), await stockOf(b1), await stockOf(a2)]).toEqual([8, 2, 2]);
    const after = await written();
    const added = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
    expect([added('orders'), added('sub_orders'), added('order_lines')]).toEqual([1, 2, 3]);
    expect([added('sub_order_events'), added('outbox'), added('audit')]).toEqual([2, 1, 1]);
    const stored = await t.ctx.db
      .selectFrom('orders')
      .select(['phone', 'customer_name'])
      .where('number', '=', order.orderNumber)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ phone: '0912345678', customer_name: 'Nguyễn Thị Hoa' });
  });

  it('answers a replay with the same order and leaves the stock alone; another body under the key is a 409', async () => {
    const producer = await aProducer(t.ctx);
    const productId = await sellable(producer, 50_000, 4);
    const k = key();
    const first = await createOrder(t.ctx, body([{ productId, quantity: 2 }]), k);
    const before = await written();
    const again = await createOrder(t.ctx, body([{ productId, quantity: 2 }]), k);
    expect(again).toEqual(first);
    expect(await stockOf(productId)).toBe(2);
    expect(await written()).toEqual(before);

    const other = await refusal(createOrder(t.ctx, body([{ productId, quantity: 1 }]), k));
    expect(other.code).toBe('conflict');
    expect(await stockOf(productId)).toBe(2);
  });

  it('refuses an expired certificate, a missing price, too many units and an unknown product, writing nothing', async () => {
    const producer = await aProducer(t.ctx);
    const fine = await sellable(producer, 10_000, 5);
    const scarce = await sellable(producer, 10_000, 2);
    const expired = await aProduct(t.ctx, { producerId: producer, priceVnd: 20_000 });
    await aCertificate(t.ctx, expired, { issuedOn: '2023-01-10', decisionDate: '2023-01-05' });
    await setStock(t.ctx, expired, 5, '2026-11-26T00:00:00Z');
    const unpriced = await sellable(producer, 1, 5);
    await t.ctx.db.updateTable('products').set({ price_vnd: null }).where('id', '=', unpriced).execute();
    const before = await written();

    const cases: Array<[string, Array<{ productId: string; quantity: number }>, string]> = [
      ['expired', [{ productId: expired, quantity: 1 }], 'hết hạn'],
      ['no price', [{ productId: unpriced, quantity: 1 }], 'chưa niêm yết giá'],
      ['over stock', [{ productId: scarce, quantity: 3 }], 'Chỉ còn 2'],
      ['unknown', [{ productId: 'prd_nothere', quantity: 1 }], 'không còn trên cửa hàng'],
    ];
    for (const [, items, text] of cases) {
      const error = await refusal(
        createOrder(t.ctx, body([{ productId: fine, quantity: 1 }, ...items]), key()),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.details.map((d) => d.field)).toEqual(['items.1']);
      expect(error.message).toContain(text);
    }
    expect(await written()).toEqual(before);
    expect(await stockOf(fine)).toBe(5);
  });

  it('reports a changed price with both prices as a 409 and charges nothing', async () => {
    const productId = await sellable(await aProducer(t.ctx), 80_000, 5);
    const error = await refusal(
      createOrder(t.ctx, body([{ productId, quantity: 1 }], { seenPrices: { [productId]: 75_000 } }), key()),
    );
    expect(error.code).toBe('conflict');
    expect(error.messageEn).toContain('75.000');
    expect(error.messageEn).toContain('80.000');
    expect(await stockOf(productId)).toBe(5);
  });

  it('refuses VietQR when a producer has no bank account, naming the product', async () => {
    const producer = await aProducer(t.ctx);
    const productId = await sellable(producer, 10_000, 5);
    const error = await refusal(
      createOrder(t.ctx, body([{ productId, quantity: 1 }], { payment: 'vietqr' }), key()),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details[0]?.field).toBe('payment');
    expect(await stockOf(productId)).toBe(5);
  });

  it('takes pickup units from the sales point, and refuses a point that does not hold the product', async () => {
    const producer = await aProducer(t.ctx);
    const held = await sellable(producer, 10_000, 0);
    const elsewhere = await sellable(producer, 10_000, 9);
    const point = await aSalesPoint(t.ctx, { productIds: [held] });
    await t.ctx.db
      .updateTable('sales_point_products')
      .set({ quantity: 3 })
      .where('sales_point_id', '=', point)
      .where('product_id', '=', held)
      .execute();
    const pickup = { method: 'pickup', salesPointId: point };
    await createOrder(t.ctx, body([{ productId: held, quantity: 2 }], { delivery: pickup }), key());
    const left = await t.ctx.db
      .selectFrom('sales_point_products')
      .select('quantity')
      .where('product_id', '=', held)
      .executeTakeFirstOrThrow();
    expect(Number(left.quantity)).toBe(1);
    expect(await stockOf(held)).toBe(0);

    const error = await refusal(
      createOrder(t.ctx, body([{ productId: elsewhere, quantity: 1 }], { delivery: pickup }), key()),
    );
    expect(error.message).toContain('Điểm bán đã chọn không có sản phẩm này');
  });

  it('sells the last unit once when buyers race for it', async () => {
    const productId = await sellable(await aProducer(t.ctx), 99_000, 1);
    const second = await secondConnection();
    try {
      const buyers = Array.from({ length: 6 }, (_, i) => ({
        ctx: i % 2 === 0 ? t.ctx : second.ctx,
        body: body([{ productId, quantity: 1 }], {
          customer: { ...customer, name: `Người mua ${String(i)}` },
        }),
      }));
      const results = await Promise.allSettled(buyers.map((b) => createOrder(b.ctx, b.body, key())));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      // The losers are told the product is gone: sold out while taking the stock, or none left when priced.
      const told = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
      expect(told.every((e) => e instanceof DomainError && /sold out|Only 0 left/.test(e.messageEn))).toBe(
        true,
      );
      expect(await stockOf(productId)).toBe(0);
      const sold = await t.ctx.db
        .selectFrom('order_lines')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', '=', productId)
        .executeTakeFirstOrThrow();
      expect(sold.n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('makes one order when the same checkout is sent twice at once', async () => {
    const productId = await sellable(await aProducer(t.ctx), 10_000, 5);
    const second = await secondConnection();
    try {
      const k = key();
      const same = body([{ productId, quantity: 2 }]);
      const [a, b] = await Promise.all([createOrder(t.ctx, same, k), createOrder(second.ctx, same, k)]);
      expect(b.orderNumber).toBe(a.orderNumber);
      expect(await stockOf(productId)).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('puts the units back when a sub-order is cancelled, once', async () => {
    const producer = await aProducer(t.ctx);
    const productId = await sellable(producer, 10_000, 5);
    const order = await createOrder(t.ctx, body([{ productId, quantity: 3 }]), key());
    const id = order.subOrders[0]?.id ?? '';
    expect(await stockOf(productId)).toBe(2);
    const noReason = await refusal(transitionSubOrder(as(producerActor(producer)), id, 'cancel', {}));
    expect(noReason).toBeInstanceOf(ValidationError);
    const next = await transitionSubOrder(as(producerActor(producer)), id, 'cancel', {
      reason: 'Hết nguyên liệu',
    });
    expect(next.fulfilment).toBe('cancelled');
    expect(await stockOf(productId)).toBe(5);
    const twice = await refusal(
      transitionSubOrder(as(producerActor(producer)), id, 'cancel', { reason: 'lại' }),
    );
    expect(twice.code).toBe('conflict');
    expect(await stockOf(productId)).toBe(5);
    const history = await t.ctx.db
      .selectFrom('sub_order_events')
      .select(['event', 'to_status', 'reason'])
      .where('sub_order_id', '=', id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { event: 'place', to_status: 'placed', reason: null },
      { event: 'cancel', to_status: 'cancelled', reason: 'Hết nguyên liệu' },
    ]);
  });

  it('does not ship a VietQR sub-order unpaid, and only its producer moves it', async () => {
    const producer = await aProducer(t.ctx);
    await payee(producer, '0011004999888');
    const productId = await sellable(producer, 10_000, 5);
    const order = await createOrder(t.ctx, body([{ productId, quantity: 1 }], { payment: 'vietqr' }), key());
    const id = order.subOrders[0]?.id ?? '';
    const owner = as(producerActor(producer));
    const stranger = await refusal(
      transitionSubOrder(as(producerActor(await aProducer(t.ctx))), id, 'confirm'),
    );
    expect(stranger).toBeInstanceOf(ForbiddenError);
    await transitionSubOrder(owner, id, 'confirm');
    await transitionSubOrder(owner, id, 'pack');
    const unpaid = await refusal(transitionSubOrder(owner, id, 'ship'));
    expect(unpaid.code).toBe('conflict');
    expect(unpaid.messageEn).toContain('not paid yet');
    await transitionSubOrder(owner, id, 'mark_paid');
    const shipped = await transitionSubOrder(owner, id, 'ship');
    expect(shipped).toMatchObject({ fulfilment: 'shipped', payment: 'paid' });
  });

  it('tells the producer of a new part and of steps others took, and the buyer of the steps they wait for', async () => {
    const producer = await aProducer(t.ctx);
    const owner = await anAccount(t.ctx, 'producer', producer);
    const ownerId = (
      await t.ctx.db.selectFrom('users').select('id').where('email', '=', owner).executeTakeFirstOrThrow()
    ).id;
    const productId = await sellable(producer, 25_000, 5);
    const deps = { mailer: mailer() };
    const order = await createOrder(t.ctx, body([{ productId, quantity: 2 }]), key(), deps);
    const id = order.subOrders[0]?.id ?? '';
    const notes = () =>
      t.ctx.db
        .selectFrom('notifications')
        .select(['kind', 'title', 'link'])
        .where('user_id', '=', ownerId)
        .orderBy('id')
        .execute();
    const mails = () =>
      t.ctx.db
        .selectFrom('outbox')
        .select(['subject', 'body_text'])
        .where('to_address', '=', customer.email)
        .where('subject', 'like', `%${order.orderNumber} P1%`)
        .orderBy('id')
        .execute();
    expect(await notes()).toEqual([
      { kind: 'sub_order.placed', title: `Đơn mới ${order.orderNumber} P1`, link: `/admin/orders/${id}` },
    ]);
    // The producer's own step: the buyer hears of it, the producer is not told what they just did.
    await transitionSubOrder(as(producerActor(producer)), id, 'confirm', {}, deps);
    expect(await notes()).toHaveLength(1);
    const confirmed = await mails();
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]?.subject).toContain('Đã xác nhận');
    // Ordered in Vietnamese: the mail is in Vietnamese only.
    expect(confirmed[0]?.body_text).not.toContain('Confirmed');
    // Packing is the producer's business: nobody is told.
    await transitionSubOrder(as(producerActor(producer)), id, 'pack', {}, deps);
    expect(await mails()).toHaveLength(1);
    // An administrator cancels: the producer is told why, and so is the buyer.
    const admin: Actor = { kind: 'user', id: 'usr_admin', grants: [{ role: 'admin', scopeId: null }] };
    await transitionSubOrder(as(admin), id, 'cancel', { reason: 'Người mua gọi điện huỷ' }, deps);
    const after = await notes();
    expect(after.map((n) => n.kind)).toEqual(['sub_order.placed', 'sub_order.cancel']);
    const cancelled = await mails();
    expect(cancelled).toHaveLength(2);
    expect(cancelled[1]?.body_text).toContain('Lý do: Người mua gọi điện hủy');
    // A refused step tells nobody.
    await refusal(transitionSubOrder(as(admin), id, 'cancel', { reason: 'lại' }, deps));
    expect(await notes()).toHaveLength(2);
    expect(await mails()).toHaveLength(2);
  });

  it("writes the buyer's step mails in the language they ordered in, and in both for an order from before", async () => {
    const producer = await aProducer(t.ctx);
    const productId = await sellable(producer, 30_000, 5);
    const deps = { mailer: mailer() };
    const english = await createOrder(
      { ...t.ctx, locale: 'en' },
      body([{ productId, quantity: 1 }]),
      key(),
      deps,
    );
    const older = await createOrder(t.ctx, body([{ productId, quantity: 1 }]), key(), deps);
    // An order placed before the language was kept.
    await t.ctx.db
      .updateTable('orders')
      .set({ locale: null })
      .where('number', '=', older.orderNumber)
      .execute();
    const seller = as(producerActor(producer));
    for (const order of [english, older]) {
      await transitionSubOrder(seller, order.subOrders[0]?.id ?? '', 'confirm', {}, deps);
    }
    const mail = async (number: string) =>
      t.ctx.db
        .selectFrom('outbox')
        .select(['subject', 'body_text'])
        .where('subject', 'like', `%${number} P1%`)
        .executeTakeFirstOrThrow();
    const en = await mail(english.orderNumber);
    expect(en.subject).toContain('Confirmed');
    expect(en.subject).not.toContain('Đã xác nhận');
    expect(en.body_text).toContain('Look the order up');
    const both = await mail(older.orderNumber);
    expect(both.subject).toContain('Đã xác nhận');
    expect(both.subject).toContain('Confirmed');
  });

  it('ships a transfer before payment only by the producer’s explicit choice, which stays on the part', async () => {
    const producer = await aProducer(t.ctx);
    await payee(producer, '0011004999777');
    const productId = await sellable(producer, 10_000, 5);
    const order = await createOrder(t.ctx, body([{ productId, quantity: 1 }], { payment: 'vietqr' }), key());
    const id = order.subOrders[0]?.id ?? '';
    const owner = as(producerActor(producer));
    const misplaced = await refusal(transitionSubOrder(owner, id, 'confirm', { shipBeforePayment: true }));
    expect(misplaced).toBeInstanceOf(ValidationError);
    await transitionSubOrder(owner, id, 'confirm');
    await transitionSubOrder(owner, id, 'pack');
    const shipped = await transitionSubOrder(owner, id, 'ship', { shipBeforePayment: true });
    expect(shipped).toMatchObject({ fulfilment: 'shipped', payment: 'pending' });
    await transitionSubOrder(owner, id, 'mark_paid');
    const row = await t.ctx.db
      .selectFrom('sub_orders')
      .select(['ship_before_payment', 'payment_status', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ ship_before_payment: 1, payment_status: 'paid', status: 'shipped' });
  });

  it('records a product sold out by its last unit, and back in stock when a cancel returns units', async () => {
    const producer = await aProducer(t.ctx);
    const productId = await sellable(producer, 30_000, 2);
    const actions = async () => (await auditTrail(t.ctx, 'product', productId)).map((e) => e.action);
    const first = await createOrder(t.ctx, body([{ productId, quantity: 1 }]), key());
    expect(await actions()).not.toContain('product.sold_out');
    const last = await createOrder(t.ctx, body([{ productId, quantity: 1 }]), key());
    expect((await actions()).filter((a) => a === 'product.sold_out')).toHaveLength(1);
    const owner = as(producerActor(producer));
    await transitionSubOrder(owner, last.subOrders[0]?.id ?? '', 'cancel', { reason: 'Khách đổi ý' });
    expect((await actions()).filter((a) => a === 'product.back_in_stock')).toHaveLength(1);
    // Units added to a shelf that still had some: no public change.
    await transitionSubOrder(owner, first.subOrders[0]?.id ?? '', 'cancel', { reason: 'Khách đổi ý' });
    expect((await actions()).filter((a) => a === 'product.back_in_stock')).toHaveLength(1);
    expect(await stockOf(productId)).toBe(2);
  });

  it('shows the order to its buyer by number and phone, and the same 404 otherwise', async () => {
    const productId = await sellable(await aProducer(t.ctx), 10_000, 5);
    const order = await createOrder(t.ctx, body([{ productId, quantity: 1 }]), key());
    const seen = await getOrderForBuyer(t.ctx, order.orderNumber.toLowerCase(), '+84912345678');
    expect(seen.orderNumber).toBe(order.orderNumber);
    const wrongPhone = await refusal(getOrderForBuyer(t.ctx, order.orderNumber, '0987654321'));
    const unknown = await refusal(getOrderForBuyer(t.ctx, '2611ZZZZZZ', '0912345678'));
    expect(wrongPhone.code).toBe('not_found');
    expect(unknown.code).toBe('not_found');
    expect(wrongPhone.message.replace(order.orderNumber, '#')).toBe(
      unknown.message.replace('2611ZZZZZZ', '#'),
    );
  });
});
