import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import type { Ctx } from '../../src/core/context.js';
import { DomainError } from '../../src/core/errors.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createOrder } from '../../src/shop/order.service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

let t: TestApp;
let bo: ReturnType<typeof backOfficeClient>;
const ids = { vase: '', bowl: '', scarf: '', market: '', airport: '' };
const who = { manager: '', otherManager: '', commune: '', otherCommune: '' };
const stockUrl = (point: string) => `/admin/sales-points/${point}/stock`;

async function sellable(ctx: Ctx, producerId: string, nameVi: string) {
  const id = await aProduct(ctx, { producerId, nameVi, priceVnd: 150_000 });
  await aCertificate(ctx, id);
  // Shipping stock of its own: pickup must never draw on it.
  await setStock(ctx, id, 10, '2026-11-26T00:00:00Z');
  return id;
}

async function pickupCount(point: string, productId: string): Promise<number> {
  const row = await t.ctx.db
    .selectFrom('sales_point_products')
    .select('quantity')
    .where('sales_point_id', '=', point)
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return row.quantity ?? 0;
}

let keys = 0;
const pickupOrder = (productId: string, quantity: number) =>
  createOrder(
    t.ctx,
    {
      items: [{ productId, quantity }],
      customer: { name: 'Nguyễn Thị Lan', phone: '0912345678' },
      delivery: { method: 'pickup', salesPointId: ids.market },
      payment: 'cod',
    },
    `pickup-key-${String(++keys).padStart(4, '0')}`,
  );

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const gom = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    ids.vase = await sellable(ctx, gom, 'Bình gốm men lam');
    ids.bowl = await sellable(ctx, gom, 'Bát men rạn');
    ids.scarf = await sellable(ctx, gom, 'Khăn lụa tơ tằm');
    ids.market = await aSalesPoint(ctx, {
      name: 'Điểm OCOP chợ Bát Tràng',
      productIds: [ids.vase, ids.bowl],
    });
    ids.airport = await aSalesPoint(ctx, { name: 'Quầy OCOP Nội Bài', productIds: [ids.vase] });
    who.manager = await anAccount(ctx, 'salespoint', ids.market);
    who.otherManager = await anAccount(ctx, 'salespoint', ids.airport);
    who.commune = await anAccount(ctx, 'commune', '00577');
    who.otherCommune = await anAccount(ctx, 'commune', '10273');
  });
  bo = backOfficeClient(t.app);
}, 60_000);
afterAll(() => t.close());

describe('pickup stock of a sales point', () => {
  it('lets the point’s operator reach the form from the home page and the point’s page', async () => {
    const home = await bo.page(who.manager, '/admin');
    expect(home.body).toContain(`href="${stockUrl(ids.market)}"`);
    const detail = await bo.page(who.manager, `/admin/sales-points/${ids.market}`);
    expect(detail.body).toContain(`href="${stockUrl(ids.market)}"`);
    const form = await bo.page(who.manager, stockUrl(ids.market));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain(`<label for="f-quantity.${ids.vase}">Bình gốm men lam</label>`);
    expect(form.body).toContain('HTX Gốm Bát Tràng');
    expect(form.body).not.toContain('Khăn lụa tơ tằm');
  });

  it('saves the operator’s counts, shows them again, and audits each changed product', async () => {
    const res = await bo.post(who.manager, stockUrl(ids.market), {
      [`quantity.${ids.vase}`]: '5',
      [`quantity.${ids.bowl}`]: ' 3 ',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^${stockUrl(ids.market)}\\?notice=`));
    expect(await pickupCount(ids.market, ids.vase)).toBe(5);
    expect(await pickupCount(ids.market, ids.bowl)).toBe(3);
    const form = await bo.page(who.manager, `${stockUrl(ids.market)}?notice=ok`);
    expect(form.body).toMatch(new RegExp(`id="f-quantity\\.${ids.vase}"[^>]*value="5"`));
    expect(form.body).toMatch(new RegExp(`id="f-quantity\\.${ids.bowl}"[^>]*value="3"`));
    const trail = (await auditTrail(t.ctx, 'salesPoint', ids.market)).filter(
      (a) => a.action === 'salesPoint.pickupStock',
    );
    expect(trail.map((a) => a.changes)).toEqual(
      expect.arrayContaining([
        { product: ids.vase, quantity: [0, 5] },
        { product: ids.bowl, quantity: [0, 3] },
      ]),
    );
    expect(trail).toHaveLength(2);
    expect(trail[0]?.actor).toMatch(/^user:/);
    // Saving the same counts again changes nothing and records nothing.
    await bo.post(who.manager, stockUrl(ids.market), { [`quantity.${ids.vase}`]: '5' });
    const again = await auditTrail(t.ctx, 'salesPoint', ids.market);
    expect(again.filter((a) => a.action === 'salesPoint.pickupStock')).toHaveLength(2);
  });

  it('refuses another point’s operator and a commune officer elsewhere (403), saving nothing', async () => {
    expect((await bo.page(who.otherManager, stockUrl(ids.market))).statusCode).toBe(403);
    const post = await bo.post(who.otherManager, stockUrl(ids.market), { [`quantity.${ids.vase}`]: '99' });
    expect(post.statusCode).toBe(403);
    const far = await bo.post(who.otherCommune, stockUrl(ids.market), { [`quantity.${ids.vase}`]: '99' });
    expect(far.statusCode).toBe(403);
    expect(await pickupCount(ids.market, ids.vase)).toBe(5);
  });

  it('lets the point’s commune set a count too', async () => {
    const res = await bo.post(who.commune, stockUrl(ids.airport), { [`quantity.${ids.vase}`]: '7' });
    expect(res.statusCode).toBe(303);
    expect(await pickupCount(ids.airport, ids.vase)).toBe(7);
  });

  it('refuses a negative or fractional count with the row’s message, keeps what was typed, saves none', async () => {
    const res = await bo.post(who.manager, stockUrl(ids.market), {
      [`quantity.${ids.vase}`]: '-2',
      [`quantity.${ids.bowl}`]: '12',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Số lượng tại điểm bán phải là số nguyên từ 0 đến 1.000.000.');
    expect(res.body).toMatch(
      new RegExp(`id="f-quantity\\.${ids.vase}"[^>]*value="-2"[^>]*aria-invalid="true"`),
    );
    expect(res.body).toMatch(new RegExp(`id="f-quantity\\.${ids.bowl}"[^>]*value="12"`));
    expect(res.body).toContain(`href="#f-quantity.${ids.vase}"`);
    const fraction = await bo.post(who.manager, `${stockUrl(ids.market)}?lang=en`, {
      [`quantity.${ids.bowl}`]: '2.5',
    });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.body).toContain(
      'The quantity at the sales point must be a whole number from 0 to 1,000,000.',
    );
    expect(fraction.body).toMatch(new RegExp(`id="f-quantity\\.${ids.bowl}"[^>]*value="2.5"`));
    expect(await pickupCount(ids.market, ids.vase)).toBe(5);
    expect(await pickupCount(ids.market, ids.bowl)).toBe(3);
  });

  it('refuses a product the point does not carry, saving none', async () => {
    const res = await bo.post(who.manager, stockUrl(ids.market), {
      [`quantity.${ids.vase}`]: '8',
      [`quantity.${ids.scarf}`]: '4',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`Điểm bán không bày bán sản phẩm &quot;${ids.scarf}&quot;`);
    expect(await pickupCount(ids.market, ids.vase)).toBe(5);
    const carried = await t.ctx.db
      .selectFrom('sales_point_products')
      .select('product_id')
      .where('sales_point_id', '=', ids.market)
      .execute();
    expect(carried.map((c) => c.product_id).sort()).toEqual([ids.vase, ids.bowl].sort());
  });

  it('serves pickup orders from the count the operator set, and refuses more than is left', async () => {
    const first = await pickupOrder(ids.vase, 2);
    expect(first.subOrders).toHaveLength(1);
    expect(await pickupCount(ids.market, ids.vase)).toBe(3);
    const refused = await pickupOrder(ids.vase, 4).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('validation_failed');
    expect((refused as DomainError).message).toContain('Chỉ còn 3 sản phẩm');
    expect(await pickupCount(ids.market, ids.vase)).toBe(3);
    // The producer's shipping stock is a separate count.
    const shipping = await t.ctx.db
      .selectFrom('product_stock')
      .select('quantity')
      .where('product_id', '=', ids.vase)
      .executeTakeFirstOrThrow();
    expect(shipping.quantity).toBe(10);
    const form = await bo.page(who.manager, stockUrl(ids.market));
    expect(form.body).toMatch(new RegExp(`id="f-quantity\\.${ids.vase}"[^>]*value="3"`));
  });
});
