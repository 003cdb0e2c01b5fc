import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/certificates/certificate.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { verifySignatureOf } from '../../src/web/verification.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aCertificate, aProduct } from '../support/factories.js';

/** The verification page a label's QR code opens (the clock is fixed at 26 Nov 2026). */
let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.valid = await aProduct(ctx, { nameVi: 'Chè Shan tuyết', nameEn: 'Shan tuyet tea' });
    ids.validCrt = await aCertificate(ctx, ids.valid, { number: 'V-0001', stars: 4 });
    ids.expiring = await aProduct(ctx, { nameVi: 'Mật ong rừng' });
    await aCertificate(ctx, ids.expiring, {
      number: 'E-0001',
      issuedOn: '2024-01-10',
      decisionDate: '2024-01-05',
    });
    ids.expired = await aProduct(ctx, { nameVi: 'Nón lá cũ' });
    await aCertificate(ctx, ids.expired, {
      number: 'X-0001',
      issuedOn: '2023-01-10',
      decisionDate: '2023-01-05',
    });
    ids.revoked = await aProduct(ctx, { nameVi: 'Miến dong thu hồi' });
    const crt = await aCertificate(ctx, ids.revoked, { number: 'R-0001', stars: 3, score: 55 });
    await revokeCertificate(ctx, crt, { reason: 'unsafe_product' });
    ids.upgraded = await aProduct(ctx, { nameVi: 'Rượu làng Vân' });
    await aCertificate(ctx, ids.upgraded, { number: 'U-0001', stars: 3, score: 60 });
    await aCertificate(ctx, ids.upgraded, {
      number: 'U-0002',
      stars: 4,
      issuedOn: '2026-03-02',
      decisionDate: '2026-03-01',
    });
    ids.slash = await aProduct(ctx, { nameVi: 'Gốm có số gạch chéo' });
    await aCertificate(ctx, ids.slash, { number: '45/2025/QĐ' });
  });
}, 120_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** The signed address a label's QR code carries, as the product page prints it. */
function signed(locale: string, number: string, productId: string, signedFor = number): string {
  const s = verifySignatureOf(t.app.secret, signedFor, productId);
  return `/${locale}/verify/${encodeURIComponent(number)}?p=${encodeURIComponent(productId)}&s=${s}`;
}

async function verdict(url: string): Promise<{ verdict: string; body: string }> {
  const res = await get(url);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  const body = res.body.replace(/\s+/g, ' ');
  const m = /<p class="verdict ([a-z-]+)">\s*([^<]+?)\s*<\/p>/.exec(body);
  return { verdict: `${m?.[1] ?? '?'}: ${m?.[2] ?? '?'}`, body };
}

describe('verification by QR code', () => {
  it('a genuine label of a valid certificate shows VALID with the product, stars and dates', async () => {
    const { verdict: v, body } = await verdict(signed('vi', 'V-0001', ids.valid ?? ''));
    expect(v).toBe('valid: HỢP LỆ');
    expect(body).toContain('Chè Shan tuyết');
    expect(body).toContain('aria-label="4 sao OCOP"');
    expect(body).toContain('10/09/2025');
    expect(body).toContain('10/09/2028');
    expect(body).not.toContain('noindex');
    // A revocation must show at once: browsers and proxies keep no copy.
    expect((await get(signed('vi', 'V-0001', ids.valid ?? ''))).headers['cache-control']).toBe('no-store');
    const en = await verdict(signed('en', 'V-0001', ids.valid ?? ''));
    expect(en.verdict).toBe('valid: VALID');
    expect(en.body).toContain('Shan tuyet tea');
  });

  it('shows EXPIRING, EXPIRED and REVOKED in both languages', async () => {
    expect((await verdict(signed('vi', 'E-0001', ids.expiring ?? ''))).verdict).toBe('expiring: SẮP HẾT HẠN');
    expect((await verdict(signed('en', 'E-0001', ids.expiring ?? ''))).verdict).toBe('expiring: EXPIRING');
    const expired = await verdict(signed('vi', 'X-0001', ids.expired ?? ''));
    expect(expired.verdict).toBe('expired: HẾT HẠN');
    expect(expired.body).not.toContain('sao OCOP"'); // no stars for a certificate no longer in force
    expect((await verdict(signed('en', 'X-0001', ids.expired ?? ''))).verdict).toBe('expired: EXPIRED');
    expect((await verdict(signed('vi', 'R-0001', ids.revoked ?? ''))).verdict).toBe('revoked: ĐÃ THU HỒI');
    expect((await verdict(signed('en', 'R-0001', ids.revoked ?? ''))).verdict).toBe('revoked: REVOKED');
  });

  it('the QR of a certificate replaced by a newer one says so', async () => {
    expect((await verdict(signed('vi', 'U-0001', ids.upgraded ?? ''))).verdict).toBe(
      'superseded: ĐÃ ĐƯỢC THAY THẾ',
    );
    expect((await verdict(signed('en', 'U-0002', ids.upgraded ?? ''))).verdict).toBe('valid: VALID');
  });

  it('a tampered number shows NOT GENUINE', async () => {
    // The genuine QR of V-0001, with its number changed to another real certificate's.
    const s = verifySignatureOf(t.app.secret, 'V-0001', ids.valid ?? '');
    const { verdict: v, body } = await verdict(`/vi/verify/E-0001?p=${ids.valid ?? ''}&s=${s}`);
    expect(v).toBe('not-genuine: KHÔNG CHÍNH HÃNG');
    expect(body).toContain('Mã QR không hợp lệ');
    expect(body).toContain('noindex');
    expect((await verdict(`/en/verify/E-0001?p=${ids.valid ?? ''}&s=${s}`)).verdict).toBe(
      'not-genuine: NOT GENUINE',
    );
  });

  it('a QR printed for another product shows NOT GENUINE, and names the product the number belongs to', async () => {
    const forged = signed('vi', 'V-0001', ids.expired ?? '', 'V-0001');
    const { verdict: v, body } = await verdict(forged);
    expect(v).toBe('not-genuine: KHÔNG CHÍNH HÃNG');
    expect(body).toContain('Số giấy chứng nhận này thuộc về');
    expect(body).toContain('Chè Shan tuyết');
    const s = verifySignatureOf(t.app.secret, 'V-0001', ids.valid ?? '');
    expect((await verdict(`/vi/verify/V-0001?p=${ids.expired ?? ''}&s=${s}`)).verdict).toBe(
      'not-genuine: KHÔNG CHÍNH HÃNG',
    );
  });

  it('a signature cut off or garbled shows NOT GENUINE', async () => {
    expect((await verdict(`/vi/verify/V-0001?p=${ids.valid ?? ''}`)).verdict).toBe(
      'not-genuine: KHÔNG CHÍNH HÃNG',
    );
    expect((await verdict(`/vi/verify/V-0001?p=${ids.valid ?? ''}&s=AAAAAAAAAAAAAAAAAAAAAA`)).verdict).toBe(
      'not-genuine: KHÔNG CHÍNH HÃNG',
    );
  });

  it('an unknown number shows NOT FOUND, kept out of search engines', async () => {
    const { verdict: v, body } = await verdict('/vi/verify/KHONG-CO-9999');
    expect(v).toBe('not-found: KHÔNG TÌM THẤY');
    expect(body).toContain('<meta name="robots" content="noindex, nofollow"');
    expect((await verdict('/en/verify/KHONG-CO-9999')).verdict).toBe('not-found: NOT FOUND');
  });

  it('a number with slashes works through its encoded address', async () => {
    expect((await verdict(signed('vi', '45/2025/QĐ', ids.slash ?? ''))).verdict).toBe('valid: HỢP LỆ');
  });
});

describe('look-up form', () => {
  it('works without JavaScript: a GET form that leads to the number’s page', async () => {
    const form = await get('/vi/verify');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<form[^>]*action="\/vi\/verify"[^>]*method="get"/);
    expect(form.body).toMatch(/<label for="number">/);
    const res = await get('/vi/verify?number=%20V-0001%20');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/vi/verify/V-0001');
    expect((await verdict('/vi/verify/V-0001')).verdict).toBe('valid: HỢP LỆ');
  });

  it('asks again for an empty number, in the page language', async () => {
    const res = await get('/en/verify?number=');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Please enter a certificate number.');
  });

  it('the look-up by typed number does not accept an internal id', async () => {
    const { verdict: v } = await verdict(`/vi/verify/${ids.validCrt ?? ''}`);
    expect(v).toBe('not-found: KHÔNG TÌM THẤY');
  });
});

describe('freshness', () => {
  it('a revocation shows at once, although the page was served before', async () => {
    const url = signed('vi', 'E-0001', ids.expiring ?? '');
    expect((await verdict(url)).verdict).toBe('expiring: SẮP HẾT HẠN');
    expect((await get(url)).headers['x-cache']).toBe('hit');
    await revokeCertificate(t.ctx, 'E-0001', { reason: 'product_differs' });
    expect((await verdict(url)).verdict).toBe('revoked: ĐÃ THU HỒI');
  });
});
