import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';
import { Visitor } from '../support/visitor.js';

let t: TestApp;
let sen = '';
let gom = '';
let buyerEmail = '';

async function stored(): Promise<string | undefined> {
  const row = await t.ctx.db
    .selectFrom('baskets')
    .innerJoin('users', 'users.id', 'baskets.user_id')
    .select('baskets.lines')
    .where('users.email', '=', buyerEmail)
    .executeTakeFirst();
  return row?.lines;
}

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const producerId = await aProducer(ctx, { name: 'HTX Sen Tây Hồ' });
    sen = await aProduct(ctx, { producerId, nameVi: 'Trà sen Tây Hồ', priceVnd: 65_000 });
    await aCertificate(ctx, sen);
    await setStock(ctx, sen, 20, '2026-11-26T00:00:00Z');
    gom = await aProduct(ctx, { producerId: await aProducer(ctx), nameVi: 'Bình gốm', priceVnd: 250_000 });
    await aCertificate(ctx, gom);
    await setStock(ctx, gom, 5, '2026-11-26T00:00:00Z');
    buyerEmail = await anAccount(ctx, 'buyer');
  });
}, 120_000);
afterAll(() => t.close());

describe('a signed-in buyer’s basket', () => {
  it('takes in the basket filled before signing in, once, and follows the buyer to another device', async () => {
    const phone = new Visitor(t.app);
    await phone.add(sen, 2);
    expect(phone.cookies.has('ocop_basket')).toBe(true);
    await phone.signIn(buyerEmail);
    expect(await phone.basket()).toEqual({ [sen]: 2 });
    // The cookie's lines now live on the account: the cookie is gone, and a second read adds nothing.
    expect(phone.cookies.has('ocop_basket')).toBe(false);
    expect(await phone.basket()).toEqual({ [sen]: 2 });
    expect(await stored()).toBe(`${sen}:2`);

    const laptop = new Visitor(t.app);
    await laptop.signIn(buyerEmail);
    expect(await laptop.basket()).toEqual({ [sen]: 2 });
    await laptop.add(gom, 1);
    expect(laptop.cookies.has('ocop_basket')).toBe(false);
    expect(await phone.basket()).toEqual({ [sen]: 2, [gom]: 1 });

    // Signed out, the same browser has its own (empty) visitor's basket.
    const guest = new Visitor(t.app);
    expect(await guest.basket()).toEqual({});
  });

  it('empties the account’s basket with the order placed from it', async () => {
    const laptop = new Visitor(t.app);
    await laptop.signIn(buyerEmail);
    const form = await laptop.request('GET', '/vi/checkout');
    expect(form.statusCode).toBe(200);
    const hidden: Record<string, string> = {};
    for (const m of form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      hidden[m[1] ?? ''] = m[2] ?? '';
    }
    const res = await laptop.request('POST', '/vi/checkout', {
      ...hidden,
      name: 'Lê Minh Anh',
      phone: '0987 654 321',
      email: '',
      delivery: 'ship',
      line: 'Số 3 phố Tràng Tiền',
      communeId: '00577',
      payment: 'cod',
    });
    expect(res.statusCode).toBe(303);
    expect(await stored()).toBeUndefined();
    const phone = new Visitor(t.app);
    await phone.signIn(buyerEmail);
    expect(await phone.basket()).toEqual({});
  });

  it('checks the stored lines again at every read, like a cookie', async () => {
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', buyerEmail)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('baskets')
      .values({
        user_id: user.id,
        lines: `${sen}:500,<script>:1,${gom}:x`,
        updated_at: '2026-11-26T00:00:00Z',
      })
      .execute();
    const browser = new Visitor(t.app);
    await browser.signIn(buyerEmail);
    expect(await browser.basket()).toEqual({ [sen]: 99 });
  });
});
