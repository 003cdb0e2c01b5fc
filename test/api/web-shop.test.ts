import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { Visitor } from '../support/visitor.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

let t: TestApp;
let sen = '';
let gom = '';
let expired = '';
let point = '';

const buyer = {
  name: 'Lê Minh Anh',
  phone: '0987 654 321',
  email: '',
  delivery: 'ship',
  line: 'Số 3 phố Tràng Tiền',
  communeId: '00577',
  payment: 'cod',
};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const producerId = await aProducer(ctx, { name: 'HTX Sen Tây Hồ' });
    sen = await aProduct(ctx, { producerId, nameVi: 'Trà sen Tây Hồ', priceVnd: 65_000 });
    await aCertificate(ctx, sen);
    await setStock(ctx, sen, 20, '2026-11-26T00:00:00Z');
    const other = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    gom = await aProduct(ctx, { producerId: other, nameVi: 'Bình gốm men lam', priceVnd: 250_000 });
    await aCertificate(ctx, gom);
    await setStock(ctx, gom, 5, '2026-11-26T00:00:00Z');
    expired = await aProduct(ctx, { producerId, nameVi: 'Mứt sen cũ', priceVnd: 40_000 });
    await aCertificate(ctx, expired, { issuedOn: '2023-01-01', decisionDate: '2022-12-20' });
    await setStock(ctx, expired, 10, '2026-11-26T00:00:00Z');
    point = await aSalesPoint(ctx, { name: 'Điểm bán OCOP Hoàn Kiếm' });
    await ctx.db
      .insertInto('sales_point_products')
      .values({ sales_point_id: point, product_id: sen, quantity: 4 })
      .execute();
    for (const id of [producerId, other]) {
      await ctx.db
        .insertInto('producer_payees')
        .values({
          producer_id: id,
          bank_bin: '970436',
          account_number: '0011004455667',
          account_name: 'HTX THU NGHIEM',
          updated_at: '2026-11-01T00:00:00Z',
        })
        .execute();
    }
  });
}, 120_000);
afterAll(() => t.close());

describe('product page', () => {
  it('offers "Thêm vào giỏ" for a sellable product and a note otherwise', async () => {
    const ok = await t.app.inject({ url: `/vi/products/${sen}` });
    expect(ok.body).toContain('Thêm vào giỏ');
    const no = await t.app.inject({ url: `/vi/products/${expired}` });
    expect(no.body).not.toContain('Thêm vào giỏ');
    expect(no.body).toContain('Giấy chứng nhận OCOP đã hết hạn: không bán trực tuyến.');
  });
});

describe('basket', () => {
  it('adds a product: the basket shows the line, grouped by producer, and the total', async () => {
    const v = new Visitor(t.app);
    const res = await v.add(sen, 2);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/vi/basket');
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/i);
    expect(res.headers['set-cookie']).toMatch(/SameSite=Lax/i);
    await v.add(gom, 1);
    const page = await v.request('GET', '/vi/basket');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('Trà sen Tây Hồ');
    expect(page.body).toContain('HTX Gốm Bát Tràng');
    expect(page.body).toMatch(/data-total>380\.000\s*₫/);
  });

  it('updates quantities and removes lines', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    await v.add(gom, 1);
    await v.request('POST', '/vi/basket', { action: 'update', [`q_${sen}`]: '3', [`q_${gom}`]: '1' });
    let page = await v.request('GET', '/vi/basket');
    expect(page.body).toMatch(/data-total>445\.000\s*₫/);
    // The remove button submits its own form, which carries only its value.
    expect(page.body).toContain(`form="remove-${gom}"`);
    expect(page.body).toMatch(new RegExp(`<form\\s+id="remove-${gom}"`));
    await v.request('POST', '/vi/basket', { remove: gom });
    page = await v.request('GET', '/vi/basket');
    expect(page.body).not.toContain('Bình gốm men lam');
    expect(page.body).toMatch(/data-total>195\.000\s*₫/);
  });

  it('refuses a product whose certificate has expired, saying why, and keeps the basket as it was', async () => {
    const v = new Visitor(t.app);
    const res = await v.add(expired);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Giấy chứng nhận OCOP đã hết hạn.');
    expect(v.cookies.has('ocop_basket')).toBe(false);
  });

  it('ignores a tampered cookie: unknown shapes dropped, quantities clamped', async () => {
    const v = new Visitor(t.app);
    v.cookies.set('ocop_basket', encodeURIComponent(`${sen}:500,<script>:1,${gom}:x`));
    const page = await v.request('GET', '/vi/basket');
    expect(page.body).toContain('value="99"');
    expect(page.body).not.toContain('Bình gốm men lam');
    expect(page.body).toContain('Chỉ còn 20 sản phẩm.');
  });

  it('shows a friendly empty basket with a link to the catalogue', async () => {
    const page = await new Visitor(t.app).request('GET', '/en/basket');
    expect(page.body).toContain('Your basket is empty');
    expect(page.body).toContain('href="/en/search"');
  });
});

describe('checkout', () => {
  it('re-renders the form with a 400 and keeps the name when the phone is malformed', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    const hidden = await v.checkoutForm();
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer, phone: '012345' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="Lê Minh Anh"');
    expect(res.body).toContain('số điện thoại di động Việt Nam');
    expect(res.body).toContain('aria-invalid="true"');
    expect(v.cookies.has('ocop_basket')).toBe(true);
  });

  it('reports a price changed since the form was shown (409), charging nothing', async () => {
    const producerId = await aProducer(t.ctx);
    const honey = await aProduct(t.ctx, { producerId, nameVi: 'Mật ong Ba Vì', priceVnd: 120_000 });
    await aCertificate(t.ctx, honey);
    await setStock(t.ctx, honey, 5, '2026-11-26T00:00:00Z');
    const v = new Visitor(t.app);
    await v.add(honey, 1);
    const hidden = await v.checkoutForm();
    await t.ctx.db.updateTable('products').set({ price_vnd: 150_000 }).where('id', '=', honey).execute();
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer });
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatch(/Mật ong Ba Vì: Giá đã thay đổi từ 120\.000\s*₫ thành 150\.000\s*₫/);
    expect(v.cookies.has('ocop_basket')).toBe(true);
  });

  it('refuses a post without the form token', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    const hidden = await v.checkoutForm();
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer, _csrf: 'forged' });
    expect(res.statusCode).toBe(403);
  });

  it('places a cash-on-delivery order: 303 to the confirmation, basket cleared, order number shown', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 2);
    const hidden = await v.checkoutForm();
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/vi\/orders\/[0-9A-Z]{10}\?t=/);
    expect(v.cookies.has('ocop_basket')).toBe(false);
    const number = /orders\/([0-9A-Z]+)/.exec(location)?.[1] ?? '';
    const page = await v.request('GET', location);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('noindex');
    expect(page.body).toContain(number);
    expect(page.body).toContain('Đã đặt, chờ xác nhận');
    // The language switch keeps the signed link.
    expect(page.body).toContain(`href="/en/orders/${number}?t=`);
    expect(page.body).not.toContain('<svg');
    // Without the signed token the same address reveals nothing.
    const bare = await t.app.inject({ url: `/vi/orders/${number}?t=wrong` });
    expect(bare.statusCode).toBe(404);
    expect(bare.body).not.toContain('Trà sen Tây Hồ');
  });

  it('a VietQR order shows each producer’s QR code with bank, account, amount and memo in text', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    await v.add(gom, 2);
    const hidden = await v.checkoutForm();
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer, payment: 'vietqr' });
    expect(res.statusCode).toBe(303);
    const page = await v.request('GET', String(res.headers.location));
    expect(page.body.match(/<svg class="qr"/g)).toHaveLength(2);
    expect(page.body).toContain('Vietcombank (970436)');
    expect(page.body).toContain('0011004455667');
    expect(page.body).toMatch(/500\.000\s*₫/);
    expect(page.body).toMatch(/OCOP [0-9A-Z]{10} P2/);
  });

  it('escapes markup in the name on the confirmation', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    const hidden = await v.checkoutForm();
    const name = '<script>alert(1)</script> Anh';
    const res = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer, name });
    expect(res.statusCode).toBe(303);
    const number = /orders\/([0-9A-Z]+)/.exec(String(res.headers.location))?.[1] ?? '';
    const page = await v.request('GET', String(res.headers.location));
    expect(page.body).not.toContain('<script>alert');
    const found = await v.request('POST', '/vi/orders', { number, phone: buyer.phone });
    expect(found.body).not.toContain('<script>alert');
  });
});

describe('pickup', () => {
  it('lists only sales points holding every item, and takes the order there', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 2);
    const form = await v.request('GET', '/vi/checkout');
    expect(form.body).toContain('Điểm bán OCOP Hoàn Kiếm');
    const hidden = await v.checkoutForm();
    const res = await v.request('POST', '/vi/checkout', {
      ...hidden,
      ...buyer,
      delivery: 'pickup',
      salesPointId: point,
    });
    expect(res.statusCode).toBe(303);
    const withGom = new Visitor(t.app);
    await withGom.add(sen, 1);
    await withGom.add(gom, 1);
    const none = await withGom.request('GET', '/vi/checkout');
    expect(none.body).not.toContain('Điểm bán OCOP Hoàn Kiếm');
    expect(none.body).toContain('Chưa có điểm bán nào có đủ tất cả sản phẩm');
  });
});

describe('order status', () => {
  it('finds an order by number and phone; a wrong phone and an unknown number read the same', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    const hidden = await v.checkoutForm('en');
    const res = await v.request('POST', '/en/checkout', { ...hidden, ...buyer });
    const number = /orders\/([0-9A-Z]+)/.exec(String(res.headers.location))?.[1] ?? '';
    // Ordered on the English site: the order keeps it, so the mails of its later steps are in English.
    const row = await t.ctx.db
      .selectFrom('orders')
      .select('locale')
      .where('number', '=', number)
      .executeTakeFirst();
    expect(row?.locale).toBe('en');
    const found = await v.request('POST', '/en/orders', {
      number: number.toLowerCase(),
      phone: '+84987654321',
    });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(number);
    expect(found.body).toContain('Placed, awaiting confirmation');
    const wrongPhone = await v.request('POST', '/en/orders', { number, phone: '0912345678' });
    const unknown = await v.request('POST', '/en/orders', { number: '2611ZZZZZZ', phone: buyer.phone });
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongPhone.body).toContain('No order matches this order number and phone number.');
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
    expect(strip(wrongPhone.body)).toBe(strip(unknown.body));
  });

  it('English pages are in English', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1, 'en');
    const basket = await v.request('GET', '/en/basket');
    expect(basket.body).toContain('Check out');
    expect(basket.body).not.toContain('Giỏ hàng đang');
    const checkout = await v.request('GET', '/en/checkout');
    expect(checkout.body).toContain('Cash on delivery');
    expect(checkout.body).toContain('Mobile phone number');
    const lookup = await v.request('GET', '/en/orders');
    expect(lookup.body).toContain('Look up an order');
  });
});

describe('markup', () => {
  it('basket, checkout with errors, confirmation with QR codes and look-up are valid HTML', async () => {
    const v = new Visitor(t.app);
    await v.add(sen, 1);
    await v.add(gom, 1);
    const bodies: Array<[string, string]> = [['basket', (await v.request('GET', '/vi/basket')).body]];
    const hidden = await v.checkoutForm();
    const refused = await v.request('POST', '/vi/checkout', {
      ...hidden,
      ...buyer,
      phone: 'x',
      communeId: '',
    });
    bodies.push(['checkout', refused.body]);
    const placed = await v.request('POST', '/vi/checkout', { ...hidden, ...buyer, payment: 'vietqr' });
    bodies.push(['confirmation', (await v.request('GET', String(placed.headers.location))).body]);
    bodies.push(['look-up', (await v.request('POST', '/en/orders', { number: 'X', phone: 'y' })).body]);
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const problems: string[] = [];
    for (const [name, body] of bodies) {
      const report = await validator.validateString(body, `${name}.html`);
      for (const r of report.results) {
        for (const m of r.messages) problems.push(`${name}:${String(m.line)} ${m.ruleId} ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
