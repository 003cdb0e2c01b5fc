import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
let sen = '';
let gom = '';
let buyerEmail = '';

/** One browser: its cookie jar (basket, session, form token). */
class Browser {
  cookies = new Map<string, string>();

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const res = await t.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date }>) {
      const gone = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  add(productId: string, quantity: number) {
    return this.request('POST', '/vi/basket', { action: 'add', productId, quantity: String(quantity) });
  }

  async signIn(email: string): Promise<void> {
    const [name, value] = (await signIn(t.app, email)).cookie.split('=');
    this.cookies.set(name ?? '', value ?? '');
  }

  /** The basket page's quantity inputs: product id → quantity. */
  async basket(): Promise<Record<string, number>> {
    const page = await this.request('GET', '/vi/basket');
    expect(page.statusCode).toBe(200);
    const lines: Record<string, number> = {};
    for (const m of page.body.matchAll(/name="q_([^"]+)"[^>]*value="(\d+)"/g))
      lines[m[1] ?? ''] = Number(m[2]);
    return lines;
  }
}

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
    const phone = new Browser();
    await phone.add(sen, 2);
    expect(phone.cookies.has('ocop_basket')).toBe(true);
    await phone.signIn(buyerEmail);
    expect(await phone.basket()).toEqual({ [sen]: 2 });
    // The cookie's lines now live on the account: the cookie is gone, and a second read adds nothing.
    expect(phone.cookies.has('ocop_basket')).toBe(false);
    expect(await phone.basket()).toEqual({ [sen]: 2 });
    expect(await stored()).toBe(`${sen}:2`);

    const laptop = new Browser();
    await laptop.signIn(buyerEmail);
    expect(await laptop.basket()).toEqual({ [sen]: 2 });
    await laptop.add(gom, 1);
    expect(laptop.cookies.has('ocop_basket')).toBe(false);
    expect(await phone.basket()).toEqual({ [sen]: 2, [gom]: 1 });

    // Signed out, the same browser has its own (empty) visitor's basket.
    const guest = new Browser();
    expect(await guest.basket()).toEqual({});
  });

  it('empties the account’s basket with the order placed from it', async () => {
    const laptop = new Browser();
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
    const phone = new Browser();
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
    const browser = new Browser();
    await browser.signIn(buyerEmail);
    expect(await browser.basket()).toEqual({ [sen]: 99 });
  });
});
