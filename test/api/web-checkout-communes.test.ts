import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { setStock } from '../../src/shop/order.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

/**
 * Issue 9: the checkout's list of 2025 communes carries the names buyers still use (the old communes and districts
 * each one replaced) for the commune picker island, and the product page says in one line why a product cannot be
 * bought online.
 */
let t: TestApp;
const ids = { tea: '', expired: '', revoked: '', soldOut: '', unpriced: '' };
const AT = '2026-11-26T00:00:00Z';

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    const producerId = await aProducer(ctx, { name: 'HTX Sen Tây Hồ' });
    const product = async (nameVi: string, priceVnd: number, stock: number, issuedOn = '2025-09-10') => {
      const id = await aProduct(ctx, { producerId, nameVi, priceVnd });
      const year = Number(issuedOn.slice(0, 4));
      await aCertificate(ctx, id, { issuedOn, decisionDate: `${String(year - 1)}-12-20` });
      if (stock > 0) await setStock(ctx, id, stock, AT);
      return id;
    };
    ids.tea = await product('Trà sen Tây Hồ', 65_000, 20);
    // Issued 2023-01-01: expired on 2026-01-01, with a price and units all the same.
    ids.expired = await product('Mứt sen cũ', 40_000, 10, '2023-01-01');
    ids.revoked = await product('Sen sấy thu hồi', 30_000, 10);
    const certificate = await ctx.db
      .selectFrom('products')
      .select('current_certificate_id')
      .where('id', '=', ids.revoked)
      .executeTakeFirstOrThrow();
    await revokeCertificate(ctx, certificate.current_certificate_id ?? '', { reason: 'unsafe_product' });
    ids.soldOut = await product('Chè sen hết hàng', 55_000, 0);
    ids.unpriced = await product('Hạt sen chưa có giá', 1, 5);
    // The producer has not set a price yet (the form allows leaving it empty).
    await ctx.db.updateTable('products').set({ price_vnd: null }).where('id', '=', ids.unpriced).execute();
  });
}, 120_000);
afterAll(() => t.close());

/** The checkout page of a visitor whose basket holds the tea (the basket is a cookie). */
async function checkoutPage(locale: 'vi' | 'en'): Promise<string> {
  const added = await t.app.inject({
    method: 'POST',
    url: `/${locale}/basket`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ action: 'add', productId: ids.tea, quantity: '1' }).toString(),
  });
  expect(added.statusCode).toBe(303);
  const cookie = (added.cookies as Array<{ name: string; value: string }>)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const res = await t.app.inject({ url: `/${locale}/checkout`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.body;
}

interface ShownOption {
  value: string;
  search: string | undefined;
  label: string;
}

/** The options of the commune list, as the page writes them. */
function communeOptions(body: string): ShownOption[] {
  const select = /<select id="communeId"[^>]*>([\s\S]*?)<\/select>/.exec(body)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"([^>]*)>([\s\S]*?)<\/option>/g)].map((m) => ({
    value: m[1] ?? '',
    search: /data-search="([^"]*)"/.exec(m[2] ?? '')?.[1],
    label: (m[3] ?? '').trim(),
  }));
}

const names = (o: ShownOption | undefined) => (o?.search ?? '').split('|');

describe('the checkout’s commune list', () => {
  it('offers every commune and ward in force, each searchable by its own folded name', async () => {
    const inForce = await t.ctx.db
      .selectFrom('admin_units')
      .select(['id', 'full_name'])
      .where('level', '=', 'commune')
      .where('valid_to', 'is', null)
      .execute();
    expect(inForce).toHaveLength(126);
    const body = await checkoutPage('vi');
    const options = communeOptions(body);
    // The blank "choose" option first, then the 126 of the 2025 map: the list works without JavaScript.
    expect(options[0]).toMatchObject({ value: '', label: '— Chọn xã, phường —' });
    expect(
      options
        .slice(1)
        .map((o) => o.value)
        .sort(),
    ).toEqual(inForce.map((u) => u.id).sort());
    const byId = new Map(options.map((o) => [o.value, o]));
    expect(byId.get('00070')?.label).toBe('Phường Hoàn Kiếm');
    expect(names(byId.get('00070'))[0]).toBe('phuong hoan kiem');
    expect(names(byId.get('00070'))).toContain('quan hoan kiem');
    expect(names(byId.get('00070'))).toContain('phuong trang tien');
    // đ folds to d, as the server's search does.
    expect(names(byId.get('10342'))[0]).toBe('xa dai xuyen');
    // The island that adds the search box hooks on the field of the list, not on the pickup list.
    expect(body).toMatch(/<div class="field"\s*data-island="commune-picker">\s*<label for="communeId">/);
    expect(body.match(/data-island=/g)).toHaveLength(1);
  });

  it('names the communes of old Phú Xuyên district in the 2025 communes that absorbed them', async () => {
    const byId = new Map(communeOptions(await checkoutPage('vi')).map((o) => [o.value, o]));
    // Xã Phú Xuyên (10273) took in Thị trấn Phú Xuyên and Xã Quang Hà, itself the 1 January 2025 merger of
    // Xã Sơn Hà: the old names of both reforms and the old district are searchable.
    const phuXuyen = names(byId.get('10273'));
    expect(phuXuyen[0]).toBe('xa phu xuyen');
    expect(phuXuyen).toEqual(
      expect.arrayContaining([
        'thi tran phu xuyen',
        'xa quang ha',
        'xa son ha',
        'huyen phu xuyen',
        'huyen thuong tin',
      ]),
    );
    // Xã Chuyên Mỹ (10330) took five communes of Phú Xuyên district.
    expect(names(byId.get('10330'))).toEqual(
      expect.arrayContaining(['xa chuyen my', 'xa van tu', 'xa phu yen', 'xa chau can', 'huyen phu xuyen']),
    );
    // Each name once.
    expect(new Set(phuXuyen).size).toBe(phuXuyen.length);
    // A commune far away has none of them.
    expect(names(byId.get('00070'))).not.toContain('huyen phu xuyen');
  });

  it('writes the English names on the English page, searchable by the same folded names', async () => {
    const body = await checkoutPage('en');
    const phuXuyen = communeOptions(body).find((o) => o.value === '10273');
    expect(phuXuyen?.label).toBe('Phu Xuyen');
    expect(names(phuXuyen)).toContain('thi tran phu xuyen');
  });
});

describe('the product page says why a product cannot be bought online', () => {
  const page = async (locale: 'vi' | 'en', id: string) => {
    const res = await t.app.inject({ url: `/${locale}/products/${id}` });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const cases: Array<[keyof typeof ids, string, string]> = [
    [
      'expired',
      'Giấy chứng nhận OCOP đã hết hạn: không bán trực tuyến.',
      'The OCOP certificate has expired: not sold online.',
    ],
    [
      'revoked',
      'Giấy chứng nhận OCOP đã bị thu hồi: không bán trực tuyến.',
      'The OCOP certificate has been revoked: not sold online.',
    ],
    ['soldOut', 'Tạm hết hàng', 'Out of stock'],
    ['unpriced', 'Sản phẩm chưa bán trực tuyến.', 'Not sold online yet.'],
  ];

  it.each(cases)('%s: one line in Vietnamese and in English, and no "add to basket"', async (key, vi, en) => {
    const viBody = await page('vi', ids[key]);
    expect(viBody).toMatch(new RegExp(`<p class="muted" data-not-sold>\\s*${vi}\\s*</p>`));
    expect(viBody).not.toContain('Thêm vào giỏ');
    const enBody = await page('en', ids[key]);
    expect(enBody).toMatch(new RegExp(`<p class="muted" data-not-sold>\\s*${en}\\s*</p>`));
    expect(enBody).not.toContain('Add to basket');
  });

  it('a product with a certificate in force, a price and units offers the basket and no reason', async () => {
    const body = await page('vi', ids.tea);
    expect(body).toContain('Thêm vào giỏ');
    expect(body).not.toContain('data-not-sold');
  });
});

describe('the markup', () => {
  it('is valid HTML: the checkout with its searchable list, the product page with its reason', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const expired = await t.app.inject({ url: `/vi/products/${ids.expired}` });
    const pages: Array<[string, string]> = [
      ['checkout', await checkoutPage('vi')],
      ['product', expired.body],
    ];
    const problems: string[] = [];
    for (const [name, body] of pages) {
      const report = await validator.validateString(body, `${name}.html`);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${name}:${String(m.line)} ${m.ruleId} ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});
