import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

let t: TestApp;
const ids: Record<string, string> = {};
const who = { admin: '', commune: '', otherCommune: '', producer: '' };

// Test clock: 2026-11-26. Bát Tràng (00577) holds most records; 10273 is another commune.
beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadAdministrativeUnits(ctx);
    await loadScorecards(ctx);
    ids.producer = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
    ids.vase = await aProduct(ctx, { producerId: ids.producer, nameVi: 'Bình gốm men lam' });
    ids.vaseCert = await aCertificate(ctx, ids.vase, {
      number: 'BT-2025-001',
      stars: 4,
      issuedOn: '2025-10-01',
    });
    ids.cup = await aProduct(ctx, { producerId: ids.producer, nameVi: 'Ấm chén gốm' });
    ids.cupCert = await aCertificate(ctx, ids.cup, {
      number: 'BT-2023-017',
      stars: 3,
      level: 'district',
      issuedOn: '2023-12-20',
      decisionDate: '2023-12-15',
    });
    ids.rice = await aProduct(ctx, { nameVi: 'Gạo nếp cái hoa vàng', scorecardId: 3, communeId: '10273' });
    ids.riceCert = await aCertificate(ctx, ids.rice, { number: 'KH-2025-004', stars: 3 });
    for (let i = 0; i < 22; i++) {
      const p = await aProduct(ctx, { producerId: ids.producer, nameVi: `Đĩa gốm số ${String(i)}` });
      await aCertificate(ctx, p, {
        number: `BT-2024-${String(100 + i)}`,
        issuedOn: '2024-08-02',
        decisionDate: '2024-08-01',
      });
    }
    who.admin = await anAccount(ctx, 'admin');
    who.commune = await anAccount(ctx, 'commune', '00577');
    who.otherCommune = await anAccount(ctx, 'commune', '10273');
    who.producer = await anAccount(ctx, 'producer', ids.producer);
  });
});
afterAll(() => t.close());

/** One browser per e-mail, signed in through the form (test/support/accounts.ts). */
let bo: ReturnType<typeof backOfficeClient> | undefined;
const client = () => (bo ??= backOfficeClient(t.app));
const as = (email: string) => client().as(email);
const page = (email: string, url: string) => client().page(email, url);
const post = (email: string, url: string, fields: Record<string, string | string[]>) =>
  client().post(email, url, fields);

const rowsOf = (body: string) =>
  [...body.matchAll(/<th scope="row"><a href="\/admin\/certificates\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('certificate list', () => {
  it('pages through every certificate for an administrator, newest first, 20 a page', async () => {
    const first = await page(who.admin, '/admin/certificates');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('25 kết quả');
    expect(rowsOf(first.body)).toHaveLength(20);
    expect(rowsOf(first.body)[0]).toBe('BT-2025-001');
    const second = await page(who.admin, '/admin/certificates?page=2');
    expect(rowsOf(second.body)).toHaveLength(5);
  });

  it('searches by number or by product name without accents, and filters by status, stars, level, year', async () => {
    expect(rowsOf((await page(who.admin, '/admin/certificates?q=kh-2025')).body)).toEqual(['KH-2025-004']);
    expect(rowsOf((await page(who.admin, '/admin/certificates?q=gao%20nep')).body)).toEqual(['KH-2025-004']);
    expect(rowsOf((await page(who.admin, '/admin/certificates?status=expiring')).body)).toEqual([
      'BT-2023-017',
    ]);
    expect(rowsOf((await page(who.admin, '/admin/certificates?level=district')).body)).toEqual([
      'BT-2023-017',
    ]);
    const year = await page(who.admin, '/admin/certificates?year=2024&stars=4');
    expect(year.body).toContain('22 kết quả');
    const sorted = await page(who.admin, '/admin/certificates?sort=number&commune=10273');
    expect(rowsOf(sorted.body)).toEqual(['KH-2025-004']);
  });

  it('speaks English when asked', async () => {
    const res = await page(who.admin, '/admin/certificates?lang=en&status=valid');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Certificate number');
    expect(res.body).toContain('>Valid</span>');
    expect(res.body).toContain('Revoke selected certificates');
  });

  it('sorts by number both ways', async () => {
    const asc = rowsOf((await page(who.admin, '/admin/certificates?sort=number')).body);
    const desc = rowsOf((await page(who.admin, '/admin/certificates?sort=-number')).body);
    expect(asc[0]).toBe('BT-2023-017');
    expect(desc[0]).toBe('KH-2025-004');
  });

  it('shows a commune officer only the certificates of their commune, without bulk revocation', async () => {
    const res = await page(who.otherCommune, '/admin/certificates');
    expect(rowsOf(res.body)).toEqual(['KH-2025-004']);
    expect(res.body).not.toContain('name="ids"');
    const producer = await page(who.producer, '/admin/certificates?q=BT-2025');
    expect(rowsOf(producer.body)).toEqual(['BT-2025-001']);
  });

  it('refuses another commune’s certificate page with 403', async () => {
    expect((await page(who.otherCommune, `/admin/certificates/${ids.vaseCert}`)).statusCode).toBe(403);
    expect((await page(who.commune, `/admin/certificates/${ids.vaseCert}`)).statusCode).toBe(200);
  });
});

describe('certificate page and revocation', () => {
  it('shows the details, links and the public verification address', async () => {
    const res = await page(who.admin, `/admin/certificates/${ids.vaseCert}`);
    expect(res.body).toContain('<h1>Giấy chứng nhận BT-2025-001</h1>');
    expect(res.body).toContain('status-valid');
    expect(res.body).toContain(`href="/admin/products/${ids.vase}"`);
    expect(res.body).toContain(`href="/admin/producers/${ids.producer}"`);
    expect(res.body).toContain('http://ocop.test/vi/verify/BT-2025-001');
    expect(res.body).toContain(`action="/admin/certificates/${ids.vaseCert ?? ''}/revoke"`);
  });

  it('offers no revocation to a commune officer, and refuses their posted form', async () => {
    const view = await page(who.commune, `/admin/certificates/${ids.vaseCert}`);
    expect(view.body).not.toContain('/revoke"');
    const res = await post(who.commune, `/admin/certificates/${ids.vaseCert}/revoke`, {
      reason: 'unsafe_product',
    });
    expect(res.statusCode).toBe(403);
  });

  it('asks for a note when the reason is "other", next to the field', async () => {
    const res = await post(who.admin, `/admin/certificates/${ids.vaseCert}/revoke`, { reason: 'other' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<p class="error" id="f-note-error">[^<]*note/);
    expect(res.body).toMatch(/<option value="other"\s+selected>/);
  });

  it('revokes with a reason: the page shows it revoked and the audit keeps the reason', async () => {
    const res = await post(who.admin, `/admin/certificates/${ids.vaseCert}/revoke`, {
      reason: 'unsafe_product',
      note: 'Mẫu kiểm nghiệm không đạt',
    });
    expect(res.statusCode).toBe(303);
    const after = await t.app.inject({
      url: res.headers.location ?? '',
      headers: { cookie: (await as(who.admin)).cookie },
    });
    expect(after.body).toContain('status-revoked');
    expect(after.body).toContain('Sản phẩm không bảo đảm chất lượng, an toàn: Mẫu kiểm nghiệm không đạt');
    expect(after.body).toContain('Đã thu hồi giấy chứng nhận.');
    const audit = await auditTrail(t.ctx, 'certificate', ids.vaseCert ?? '');
    const revoke = audit.find((a) => a.action === 'certificate.revoke');
    expect(revoke?.actor).toMatch(/^user:/);
    expect(revoke?.changes.revocation_reason).toEqual([null, 'unsafe_product: Mẫu kiểm nghiệm không đạt']);
    expect((await page(who.admin, '/admin/certificates?status=revoked')).body).toContain('BT-2025-001');
  });

  it('revokes the selected certificates in bulk, with a required reason', async () => {
    const list = await page(who.admin, '/admin/certificates?q=BT-2024-10');
    const chosen = [...list.body.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1] ?? '').slice(0, 3);
    expect(chosen).toHaveLength(3);
    const missing = await post(who.admin, '/admin/certificates/bulk', { ids: chosen, action: 'revoke' });
    expect(missing.statusCode).toBe(400);
    const noAction = await post(who.admin, '/admin/certificates/bulk', {
      ids: chosen,
      reason: 'producer_inactive',
    });
    expect(noAction.statusCode).toBe(400);
    expect((await page(who.admin, '/admin/certificates?status=revoked&q=BT-2024')).body).not.toContain(
      'kết quả',
    );
    const done = await post(who.admin, '/admin/certificates/bulk', {
      ids: chosen,
      action: 'revoke',
      reason: 'producer_inactive',
      back: '/admin/certificates?q=BT-2024-10',
    });
    expect(done.statusCode).toBe(303);
    expect(decodeURIComponent(done.headers.location ?? '')).toContain('Đã thu hồi 3 giấy chứng nhận');
    expect((await page(who.admin, '/admin/certificates?status=revoked&q=BT-2024')).body).toContain(
      '3 kết quả',
    );
  });
});

describe('issuing a certificate', () => {
  it('is refused to a commune officer', async () => {
    expect((await page(who.commune, '/admin/certificates/new')).statusCode).toBe(403);
  });

  it('keeps the values and shows the error next to the field', async () => {
    const res = await post(who.admin, '/admin/certificates/new', {
      productId: ids.cup ?? '',
      number: 'BT-2026-001',
      stars: '5',
      level: 'province',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2026-11-01',
      issuedOn: '2026-11-10',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-level-error"');
    expect(res.body).toContain('value="BT-2026-001"');
  });

  it('issues, supersedes the product’s previous certificate and opens the new one', async () => {
    const res = await post(who.admin, '/admin/certificates/new', {
      productId: ids.cup ?? '',
      number: 'BT-2026-001',
      stars: '4',
      score: '78,5',
      level: 'province',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2026-11-01',
      issuedOn: '2026-11-10',
    });
    expect(res.statusCode).toBe(303);
    const created = await t.app.inject({
      url: res.headers.location ?? '',
      headers: { cookie: (await as(who.admin)).cookie },
    });
    expect(created.body).toContain('Giấy chứng nhận BT-2026-001');
    expect(created.body).toContain('78,5');
    const old = await page(who.admin, `/admin/certificates/${ids.cupCert}`);
    expect(old.body).toContain('status-superseded');
  });

  it('refuses a number already used, next to the number', async () => {
    const res = await post(who.admin, '/admin/certificates/new', {
      productId: ids.rice ?? '',
      number: 'KH-2025-004',
      stars: '3',
      level: 'province',
      decisionNumber: '1/QĐ',
      decisionDate: '2026-01-01',
      issuedOn: '2026-01-02',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-number-error"');
  });
});
