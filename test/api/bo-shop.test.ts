import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import type { Ctx } from '../../src/core/context.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { savePayee, setStock } from '../../src/shop/order.repository.js';
import { createOrder } from '../../src/shop/order.service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
let bo: ReturnType<typeof backOfficeClient>;
const ids = { gom: '', lua: '', vase: '', scarf: '', qr: '', cod: '', silk: '' };
const who = { gom: '', lua: '', admin: '' };
let keys = 0;

async function sellable(ctx: Ctx, producerId: string, nameVi: string, priceVnd: number, stock: number) {
  const id = await aProduct(ctx, { producerId, nameVi, priceVnd });
  await aCertificate(ctx, id);
  await setStock(ctx, id, stock, '2026-11-26T00:00:00Z');
  return id;
}

/** One order through the real checkout; returns the id of the sub-order of `producerId`. */
async function order(ctx: Ctx, productId: string, payment: 'cod' | 'vietqr', producerId: string) {
  const dto = await createOrder(
    ctx,
    {
      items: [{ productId, quantity: 2 }],
      customer: { name: 'Trần Văn <b>Nam</b>', phone: '0912345678' },
      delivery: { method: 'ship', address: { line: 'Số 1 phố Huế', communeId: '00577' } },
      payment,
    },
    `bo-shop-key-${String(++keys).padStart(4, '0')}`,
  );
  const sub = dto.subOrders.find((s) => s.producerId === producerId);
  if (!sub) throw new Error('no sub-order');
  return sub.id;
}

async function stockOf(productId: string): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('product_stock')
    .select('quantity')
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return row.quantity;
}

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.gom = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    ids.lua = await aProducer(ctx, { name: 'HTX Lụa Vạn Phúc' });
    for (const p of [ids.gom, ids.lua]) {
      await savePayee(ctx, {
        producer_id: p,
        bank_bin: '970436',
        account_number: '0001234567',
        account_name: null,
        updated_at: '2026-11-26T00:00:00Z',
      });
    }
    ids.vase = await sellable(ctx, ids.gom, 'Bình gốm men lam', 250_000, 10);
    ids.scarf = await sellable(ctx, ids.lua, 'Khăn lụa tơ tằm', 400_000, 10);
    ids.qr = await order(ctx, ids.vase, 'vietqr', ids.gom);
    ids.cod = await order(ctx, ids.vase, 'cod', ids.gom);
    ids.silk = await order(ctx, ids.scarf, 'cod', ids.lua);
    who.gom = await anAccount(ctx, 'producer', ids.gom);
    who.lua = await anAccount(ctx, 'producer', ids.lua);
    who.admin = await anAccount(ctx, 'admin');
  });
  bo = backOfficeClient(t.app);
}, 60_000);
afterAll(() => t.close());

const event = (email: string, id: string, name: string, fields: Record<string, string> = {}) =>
  bo.post(email, `/admin/orders/${id}/events/${name}`, fields);

describe('the producer’s orders in the back office', () => {
  it('lists only the producer’s own sub-orders, escaped, with a status filter', async () => {
    const res = await bo.page(who.gom, '/admin/orders');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/admin/orders/${ids.qr}`);
    expect(res.body).toContain(`/admin/orders/${ids.cod}`);
    expect(res.body).not.toContain(ids.silk);
    expect(res.body).toContain('Trần Văn &lt;b&gt;Nam&lt;/b&gt;');
    expect(res.body).toContain('href="/admin/orders"');
    const none = await bo.page(who.gom, '/admin/orders?status=delivered');
    expect(none.body).not.toContain(ids.qr);
    const all = await bo.page(who.admin, '/admin/orders');
    expect(all.body).toContain(ids.silk);
  });

  it('answers 403 on another producer’s sub-order, and refuses its events', async () => {
    expect((await bo.page(who.lua, `/admin/orders/${ids.qr}`)).statusCode).toBe(403);
    expect((await event(who.lua, ids.qr, 'confirm')).statusCode).toBe(403);
  });

  it('confirms and packs, refuses to ship an unpaid transfer, then ships once paid and delivers', async () => {
    const detail = await bo.page(who.gom, `/admin/orders/${ids.qr}`);
    expect(detail.body).toContain('OCOP ');
    expect(detail.body).toContain(`/events/confirm`);
    expect(detail.body).not.toContain(`/events/ship`);
    for (const name of ['confirm', 'pack']) {
      const res = await event(who.gom, ids.qr, name);
      expect(res.statusCode).toBe(303);
    }
    const packed = await bo.page(who.gom, `/admin/orders/${ids.qr}`);
    expect(packed.body).toContain('id="unpaid"');
    expect(packed.body).not.toContain('name="event" value="ship"');
    expect(packed.body).toContain('id="ship-unpaid"');
    const english = await bo.page(who.gom, `/admin/orders/${ids.qr}?lang=en`);
    expect(english.body).toContain('Mark paid');
    expect(english.body).toContain('This bank-transfer order is not paid yet');
    const refused = await event(who.gom, ids.qr, 'ship');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Đơn chuyển khoản chưa được thanh toán');
    expect((await event(who.gom, ids.qr, 'mark_paid')).statusCode).toBe(303);
    expect((await event(who.gom, ids.qr, 'ship')).statusCode).toBe(303);
    expect((await event(who.gom, ids.qr, 'deliver')).statusCode).toBe(303);
    const done = await bo.page(who.gom, `/admin/orders/${ids.qr}`);
    expect(done.body).toMatch(/id="status">\s*Đã giao/);
    expect(done.body).toMatch(/id="payment">[^<]*Đã thanh toán/);
  });

  it('cancels only with a reason, and puts the units back', async () => {
    const before = await stockOf(ids.vase);
    const noReason = await event(who.gom, ids.cod, 'cancel');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Vui lòng nêu lý do');
    expect(await stockOf(ids.vase)).toBe(before);
    const res = await event(who.gom, ids.cod, 'cancel', { reason: 'Hết men lam' });
    expect(res.statusCode).toBe(303);
    expect(await stockOf(ids.vase)).toBe(before + 2);
    const page = await bo.page(who.gom, `/admin/orders/${ids.cod}`);
    expect(page.body).toContain('Hết men lam');
  });

  it('counts the delivered transfer in the producer’s sales and the city’s', async () => {
    const mine = await bo.page(who.gom, '/admin/shop');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toMatch(/<td>\d{4}-\d{2}<\/td>\s*<td>1<\/td>\s*<td>500\.000/);
    const city = await bo.page(who.admin, '/admin/shop');
    expect(city.body).toContain('HTX Gốm Bát Tràng');
    expect(city.body).not.toContain('HTX Lụa Vạn Phúc'); // its order is still only placed
    expect(city.body).toContain('/admin/shop/sales.xlsx');
  });

  it('exports the city’s sales as XLSX, for the city office only', async () => {
    expect((await bo.page(who.gom, '/admin/shop/sales.xlsx')).statusCode).toBe(403);
    const res = await bo.page(who.admin, '/admin/shop/sales.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const byProducer = wb.worksheets[0];
    expect(byProducer?.getRow(2).getCell(2).value).toBe('HTX Gốm Bát Tràng');
    expect(byProducer?.getRow(2).getCell(6).value).toBe(500_000);
    expect(byProducer?.rowCount).toBe(2);
    expect(wb.worksheets[1]?.getRow(2).getCell(5).value).toBe(500_000);
  });
});

describe('stock and bank account', () => {
  it('saves the stock form and audits it', async () => {
    const res = await bo.post(who.gom, `/admin/shop/stock?producer=${ids.gom}`, {
      [`stock.${ids.vase}`]: '37',
    });
    expect(res.statusCode).toBe(303);
    expect(await stockOf(ids.vase)).toBe(37);
    const trail = await auditTrail(t.ctx, 'product', ids.vase);
    expect(trail.at(-1)).toMatchObject({
      action: 'product.stock',
      changes: { stock: [expect.any(Number), 37] },
    });
  });

  it('refuses a negative count, and another producer’s product', async () => {
    const bad = await bo.post(who.gom, `/admin/shop/stock?producer=${ids.gom}`, {
      [`stock.${ids.vase}`]: '-3',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Tồn kho phải là số nguyên');
    const theirs = await bo.post(who.gom, `/admin/shop/stock`, { [`stock.${ids.scarf}`]: '99' });
    expect(theirs.statusCode).toBe(403);
    expect(await stockOf(ids.scarf)).toBe(8);
    expect(await stockOf(ids.vase)).toBe(37);
  });

  it('saves a bank account, and refuses a bad BIN or account number with a message', async () => {
    const bad = await bo.post(who.gom, `/admin/shop/payee?producer=${ids.gom}`, {
      bankBin: '97043',
      accountNumber: '0001 234',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mã BIN ngân hàng phải gồm đúng 6 chữ số');
    expect(bad.body).toContain('Số tài khoản gồm 1–19 chữ số');
    const ok = await bo.post(who.gom, `/admin/shop/payee?producer=${ids.gom}`, {
      bankBin: '970418',
      accountNumber: '0001998877',
      accountName: 'HTX Gốm Bát Tràng',
    });
    expect(ok.statusCode).toBe(303);
    const row = await t.ctx.db
      .selectFrom('producer_payees')
      .selectAll()
      .where('producer_id', '=', ids.gom)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ bank_bin: '970418', account_number: '0001998877' });
    const trail = await auditTrail(t.ctx, 'producer', ids.gom);
    expect(trail.at(-1)?.action).toBe('producer.payee');
    const other = await bo.post(who.lua, `/admin/shop/payee?producer=${ids.gom}`, {
      bankBin: '970436',
      accountNumber: '0001000000',
    });
    expect(other.statusCode).toBe(403);
  });

  it('ships a transfer before payment only when the producer ticks the choice, and keeps it', async () => {
    const id = await order(t.ctx, ids.vase, 'vietqr', ids.gom);
    for (const name of ['confirm', 'pack']) expect((await event(who.gom, id, name)).statusCode).toBe(303);
    expect((await event(who.gom, id, 'ship')).statusCode).toBe(409);
    const shipped = await event(who.gom, id, 'ship', { shipBeforePayment: 'on' });
    expect(shipped.statusCode).toBe(303);
    const detail = await bo.page(who.gom, `/admin/orders/${id}`);
    expect(detail.body).toMatch(/id="status">\s*Đang giao/);
    expect(detail.body).toContain('chủ thể chọn giao trước khi nhận tiền');
    expect(detail.body).toContain('/events/mark_paid');
    const row = await t.ctx.db
      .selectFrom('sub_orders')
      .select(['ship_before_payment', 'payment_status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ ship_before_payment: 1, payment_status: 'pending' });
    const audit = await auditTrail(t.ctx, 'sub_order', id);
    expect(JSON.stringify(audit)).toContain('shipBeforePayment');
  });
});
