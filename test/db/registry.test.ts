import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { listProducts } from '../../src/catalog/product.service.js';
import { createProducer, updateProducer } from '../../src/catalog/producer.service.js';
import { certificateStatus, CERTIFICATE_STATUSES } from '../../src/certificates/certificate.js';
import { certificateStatusIs } from '../../src/certificates/certificate-status.sql.js';
import {
  getCertificate,
  issueCertificate,
  revokeCertificate,
} from '../../src/certificates/certificate.service.js';
import { DomainError, ValidationError } from '../../src/core/errors.js';
import { publicUrls } from '../../src/core/public-urls.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { listSalesPoints } from '../../src/sales-points/sales-point.service.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { copiesOutOfStep } from '../support/current-certificate.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

const available = await engineAvailable();
const urls = publicUrls('http://ocop.test');
const page = { page: 1, limit: 50 };

describe.skipIf(!available)(`registry services on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
  });
  afterAll(() => t.close());

  it('creates a producer with normalized text and an audit record', async () => {
    const id = await aProducer(t.ctx, { name: '  HTX  Gốm   Hoà Bình ', representative: 'Nguyễn Thị Thuỷ' });
    const row = await t.ctx.db
      .selectFrom('producers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('HTX Gốm Hòa Bình');
    expect(row.name_folded).toBe('htx gom hoa binh');
    expect(row.representative).toBe('Nguyễn Thị Thủy');
    const trail = await auditTrail(t.ctx, 'producer', id);
    expect(trail.map((a) => a.action)).toEqual(['producer.create']);
    await updateProducer(t.ctx, id, { phone: '0912345678' });
    await updateProducer(t.ctx, id, { phone: '0912345678' });
    const after = await auditTrail(t.ctx, 'producer', id);
    expect(after.map((a) => a.action)).toEqual(['producer.create', 'producer.update']);
    expect(after[1]?.changes).toEqual({ phone: [null, '0912345678'] });
  });

  it('refuses a producer filed under an old commune, naming the field, and stores nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const attempt = createProducer(t.ctx, {
      name: 'HTX Sơn Hà',
      legalForm: 'htx',
      address: 'Xã Sơn Hà',
      communeId: '10318@2024-12-31',
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ details: [{ field: 'communeId' }] });
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('issues a certificate valid 36 months and supersedes it on upgrade', async () => {
    const productId = await aProduct(t.ctx);
    const first = await aCertificate(t.ctx, productId, {
      stars: 3,
      level: 'district',
      issuedOn: '2024-02-29',
      decisionDate: '2024-02-20',
    });
    const firstDto = await getCertificate(t.ctx, first, urls);
    expect(firstDto.expiresOn).toBe('2027-02-28');
    expect(firstDto.status).toBe('expiring'); // 94 days before expiry at the test clock (2026-11-26)
    const second = await aCertificate(t.ctx, productId, {
      stars: 4,
      issuedOn: '2025-10-01',
      decisionDate: '2025-09-25',
    });
    expect((await getCertificate(t.ctx, first, urls)).status).toBe('superseded');
    expect((await getCertificate(t.ctx, first, urls)).supersededBy).toBe(second);
    const product = await t.ctx.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(product.current_certificate_id).toBe(second);
  });

  it('refuses impossible certificates without writing anything', async () => {
    const productId = await aProduct(t.ctx);
    await expect(
      aCertificate(t.ctx, productId, {
        stars: 4,
        level: 'district',
        issuedOn: '2024-01-10',
        decisionDate: '2024-01-01',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      aCertificate(t.ctx, productId, { stars: 3, level: 'district', issuedOn: '2025-08-01' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(aCertificate(t.ctx, productId, { stars: 5, level: 'province' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await aCertificate(t.ctx, productId, { number: 'DUP-00001' });
    const other = await aProduct(t.ctx);
    await expect(aCertificate(t.ctx, other, { number: 'DUP-00001' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const p = await t.ctx.db
      .selectFrom('products')
      .select('current_certificate_id')
      .where('id', '=', other)
      .executeTakeFirstOrThrow();
    expect(p.current_certificate_id).toBeNull();
  });

  it('revokes with a legal reason, once', async () => {
    const productId = await aProduct(t.ctx);
    const id = await aCertificate(t.ctx, productId);
    await expect(revokeCertificate(t.ctx, id, { reason: 'other' })).rejects.toBeInstanceOf(ValidationError);
    await revokeCertificate(t.ctx, id, { reason: 'unsafe_product', on: '2026-01-15' });
    const dto = await getCertificate(t.ctx, id, urls);
    expect(dto).toMatchObject({
      status: 'revoked',
      revokedOn: '2026-01-15',
      revocationReason: 'unsafe_product',
    });
    await expect(revokeCertificate(t.ctx, id, { reason: 'unsafe_product' })).rejects.toBeInstanceOf(
      DomainError,
    );
  });

  it("keeps each product's copy of its current certificate in step with every write", async () => {
    const productId = await aProduct(t.ctx);
    const bare = await aProduct(t.ctx);
    const first = await aCertificate(t.ctx, productId, { stars: 3, score: 62.5 });
    expect(await copiesOutOfStep(t.ctx.db)).toEqual([]);
    // An upgrade supersedes the first certificate and becomes the current one.
    const upgrade = await aCertificate(t.ctx, productId, {
      stars: 4,
      score: 81.25,
      issuedOn: '2026-02-01',
      decisionDate: '2026-01-20',
    });
    const copy = () =>
      t.ctx.db
        .selectFrom('products')
        .select(['current_certificate_id', 'cur_stars', 'cur_score', 'cur_revoked_on'])
        .where('id', '=', productId)
        .executeTakeFirstOrThrow();
    expect(await copy()).toMatchObject({
      current_certificate_id: upgrade,
      cur_stars: 4,
      cur_revoked_on: null,
    });
    expect(Number((await copy()).cur_score)).toBe(81.25);
    await revokeCertificate(t.ctx, upgrade, { reason: 'unsafe_product', on: '2026-03-01' });
    expect((await copy()).cur_revoked_on).toBe('2026-03-01');
    // A change made outside the services (a console, a script) is followed too.
    await t.ctx.db
      .updateTable('certificates')
      .set({ expires_on: '2030-01-01' })
      .where('id', '=', upgrade)
      .execute();
    for (const pointed of [first, null]) {
      await t.ctx.db
        .updateTable('products')
        .set({ current_certificate_id: pointed })
        .where('id', '=', bare)
        .execute();
      expect(await copiesOutOfStep(t.ctx.db), `pointed at ${String(pointed)}`).toEqual([]);
    }
  });

  it('computes the same status in SQL as in the domain, at several clocks', async () => {
    const productId = await aProduct(t.ctx);
    for (const issuedOn of ['2021-01-15', '2023-01-10', '2023-06-01', '2024-05-31', '2025-11-30']) {
      await aCertificate(t.ctx, await aProduct(t.ctx), {
        issuedOn,
        decisionDate: issuedOn,
        level: 'province',
      });
    }
    await aCertificate(t.ctx, productId, { issuedOn: '2023-12-01', decisionDate: '2023-12-01' });
    for (const today of ['2024-01-01', '2026-03-01', '2026-05-31', '2026-11-26', '2028-12-31']) {
      const rows = await t.ctx.db.selectFrom('certificates').selectAll().execute();
      for (const status of CERTIFICATE_STATUSES) {
        const sqlIds = (
          await t.ctx.db
            .selectFrom('certificates as c')
            .select('c.id')
            .where(certificateStatusIs('c', status, today))
            .execute()
        )
          .map((r) => r.id)
          .sort();
        const domainIds = rows
          .filter(
            (r) =>
              certificateStatus(
                { expiresOn: r.expires_on, revokedOn: r.revoked_on, supersededById: r.superseded_by_id },
                today,
              ) === status,
          )
          .map((r) => r.id)
          .sort();
        expect(sqlIds, `${status} at ${today}`).toEqual(domainIds);
        // The products' copy of their current certificate gives the same statuses.
        const byCopy = await t.ctx.db
          .selectFrom('products as p')
          .select('p.current_certificate_id as id')
          .where(certificateStatusIs('p', status, today, 'cur_'))
          .execute();
        const current = new Set(
          (await t.ctx.db.selectFrom('products').select('current_certificate_id as id').execute()).map(
            (r) => r.id,
          ),
        );
        expect(byCopy.map((r) => r.id).sort(), `${status} at ${today}, copy`).toEqual(
          domainIds.filter((id) => current.has(id)),
        );
      }
    }
  });

  it('finds products under the 2025 commune when filtering by the old commune or district', async () => {
    const productId = await aProduct(t.ctx, { communeId: '10273', nameVi: 'Tượng gỗ Sơn Hà' });
    await aCertificate(t.ctx, productId);
    const byOldCommune = await listProducts(t.ctx, { ...page, commune: '10318@2024-12-31' }, urls);
    expect(byOldCommune.items.map((p) => p.id)).toContain(productId);
    const oldDistrict = await t.ctx.db
      .selectFrom('admin_units')
      .select('id')
      .where('level', '=', 'district')
      .where('name_folded', '=', 'phu xuyen')
      .executeTakeFirstOrThrow();
    const byDistrict = await listProducts(t.ctx, { ...page, commune: oldDistrict.id }, urls);
    expect(byDistrict.items.map((p) => p.id)).toContain(productId);
    const elsewhere = await listProducts(t.ctx, { ...page, commune: '00577' }, urls);
    expect(elsewhere.items.map((p) => p.id)).not.toContain(productId);
  });

  it('lists the sales points that stock a product', async () => {
    const productId = await aProduct(t.ctx);
    const sp = await aSalesPoint(t.ctx, { productIds: [productId], latitude: 21.0, longitude: 105.9 });
    await aSalesPoint(t.ctx);
    const list = await listSalesPoints(t.ctx, { ...page, product: productId }, urls);
    expect(list.items.map((s) => s.id)).toEqual([sp]);
    expect(list.items[0]).toMatchObject({ productCount: 1, location: { lat: 21, lon: 105.9 } });
    await expect(aSalesPoint(t.ctx, { productIds: ['prd_missing'] })).rejects.toMatchObject({
      details: [{ field: 'productIds' }],
    });
  });

  it('rolls back a whole use case when a later step fails', async () => {
    const productId = await aProduct(t.ctx);
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('certificates')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // The clock fails on its second reading: after the certificate row is written, when the audit record is.
    let readings = 0;
    const clock = {
      now: () => {
        if (++readings > 1) throw new Error('clock failure');
        return new Date('2026-11-26T03:00:00Z');
      },
    };
    const input = {
      productId,
      number: 'ROLLBACK-1',
      stars: 4,
      level: 'province',
      decisionNumber: '1/QĐ',
      decisionDate: '2025-09-01',
      issuedOn: '2025-09-01',
    };
    await expect(issueCertificate({ ...t.ctx, clock }, input)).rejects.toThrow('clock failure');
    expect(readings).toBe(2);
    const product = await t.ctx.db
      .selectFrom('products')
      .select('current_certificate_id')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(product.current_certificate_id).toBeNull();
    expect(await count()).toBe(before);
  });
});
