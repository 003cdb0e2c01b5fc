import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productStats } from '../../src/stats/stats.repository.js';
import { ensureDemoAccounts } from '../../src/accounts/demo-accounts.js';
import { seedDemoEvaluation } from '../../src/demo/demo.evaluation.js';
import { demoPickupStock, demoStock, seedDemoShop } from '../../src/demo/demo.shop.js';
import { vietQrProblems } from '../../src/shop/vietqr.js';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit.repository.js';
import { DomainError } from '../../src/core/errors.js';
import { hasDemo, loadDemo, purgeDemo } from '../../src/demo/demo.loader.js';
import type { DemoSummary } from '../../src/demo/demo.types.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { aProduct, aProducer } from '../support/factories.js';
import { copiesOutOfStep } from '../support/current-certificate.js';

const available = await engineAvailable();
const TABLES = ['producers', 'craft_villages', 'products', 'certificates', 'sales_points'] as const;

describe.skipIf(!available)(`demonstration data on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let loaded: DemoSummary;
  const uploads = mkdtempSync(join(tmpdir(), 'ocop-demo-eval-'));

  const countRows = async (table: (typeof TABLES)[number], demo: 0 | 1) => {
    const row = await t.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('demo', '=', demo)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const countStock = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('sales_point_products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
  }, 120_000);
  afterAll(async () => {
    rmSync(uploads, { recursive: true, force: true });
    await t.close();
  });

  it('loads the demonstration Hà Nội into an empty registry', async () => {
    expect(await hasDemo(t.ctx)).toBe(false);
    loaded = await loadDemo(t.ctx);
    // Timing is reported, not asserted: machines differ.
    console.log(`loadDemo(2711) on ${TEST_ENGINE}: ${loaded.ms} ms`, loaded);
    expect(await hasDemo(t.ctx)).toBe(true);
    expect(loaded.products).toBe(2711 + 16); // 2,711 certified, 16 more whose certificate was revoked
    expect(await countRows('products', 1)).toBe(2711 + 16);
    expect(await countRows('producers', 1)).toBe(loaded.producers);
    expect(await countRows('craft_villages', 1)).toBe(1350);
    expect(await countRows('certificates', 1)).toBe(loaded.certificates);
    expect(await countRows('sales_points', 1)).toBe(loaded.salesPoints);
    expect(await countStock()).toBe(loaded.stocked);
    const trail = await auditTrail(t.ctx, 'demo', 'demo');
    expect(trail.map((a) => a.action)).toEqual(['demo.load']);
    expect(trail[0]?.changes).toMatchObject({ seed: 20240101, products: 2711 + 16, craftVillages: 1350 });
  }, 120_000);

  it('points every product at its newest, non-superseded certificate', async () => {
    const rows = await t.ctx.db
      .selectFrom('products as p')
      .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
      .select(['p.id', 'c.product_id', 'c.stars', 'c.superseded_by_id', 'c.issued_on'])
      .where('p.demo', '=', 1)
      .execute();
    expect(rows).toHaveLength(2711 + 16);
    expect(rows.every((r) => r.product_id === r.id && r.superseded_by_id === null)).toBe(true);
    expect(rows.filter((r) => r.stars === 5)).toHaveLength(6);
    // The headline figure the statistics show: exactly 2,711 certified products.
    const stats = await productStats(t.ctx, '2026-11-26', true);
    expect(stats.byStars.reduce((sum, s) => sum + s.count, 0)).toBe(2711);
    expect(stats.byStatus.revoked).toBe(16);
    const newest = await t.ctx.db
      .selectFrom('certificates')
      .select(['product_id', (eb) => eb.fn.max('issued_on').as('last')])
      .where('demo', '=', 1)
      .groupBy('product_id')
      .execute();
    const last = new Map(newest.map((n) => [n.product_id, n.last]));
    expect(rows.every((r) => last.get(r.id) === r.issued_on)).toBe(true);
    // The bulk load goes through the same triggers as every other write: each product's copy is right.
    expect(await copiesOutOfStep(t.ctx.db)).toEqual([]);
  });

  it('refuses to load twice and leaves the first load as it was', async () => {
    const attempt = loadDemo(t.ctx, { products: 200 });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    expect(await countRows('products', 1)).toBe(2711 + 16);
  });

  it('will not purge while a real record depends on a demonstration producer', async () => {
    const demoProducer = await t.ctx.db
      .selectFrom('producers')
      .select('id')
      .where('demo', '=', 1)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const realProduct = await aProduct(t.ctx, { producerId: demoProducer.id });
    await expect(purgeDemo(t.ctx)).rejects.toMatchObject({ code: 'conflict' });
    expect(await countRows('products', 1)).toBe(2711 + 16);
    await t.ctx.db.deleteFrom('products').where('id', '=', realProduct).execute();
  });

  it('seeds a living evaluation once: applications in every early state and an open council session', async () => {
    await ensureDemoAccounts(t.ctx, 'mật khẩu demo dài');
    await ensureDefaultRounds(t.ctx, 2026);
    expect(await seedDemoEvaluation(t.ctx, uploads)).toMatch(/7 applications/);
    const states = await t.ctx.db.selectFrom('applications').select('state').orderBy('created_at').execute();
    expect(states.map((r) => r.state).sort()).toEqual(
      ['accepted', 'assigned', 'assigned', 'draft', 'proposed', 'returned', 'submitted'].sort(),
    );
    const sheets = await t.ctx.db.selectFrom('score_sheets').select(['state']).execute();
    expect(sheets.map((r) => r.state).sort()).toEqual(['draft', 'draft', 'submitted', 'submitted']);
    expect(await seedDemoEvaluation(t.ctx, uploads)).toMatch(/already present/);
  }, 120_000);

  it('seeds the demo shop once: stock for sellable products, a fake but valid bank account per producer', async () => {
    expect(await seedDemoShop(t.ctx)).toMatch(/products in stock/);
    const stock = await t.ctx.db.selectFrom('product_stock').selectAll().execute();
    // Only what can be sold gets stock: a price and a certificate in force (most of the 2,711, never the revoked).
    expect(stock.length).toBeGreaterThan(1000);
    expect(stock.length).toBeLessThanOrEqual(2711);
    const unpriced = await t.ctx.db
      .selectFrom('product_stock as s')
      .innerJoin('products as p', 'p.id', 's.product_id')
      .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
      .select('p.id')
      .where((eb) => eb.or([eb('p.price_vnd', 'is', null), eb('c.revoked_on', 'is not', null)]))
      .execute();
    expect(unpriced).toEqual([]);
    expect(
      stock.every((s) => s.quantity >= 0 && s.quantity <= 40 && s.quantity === demoStock(s.product_id)),
    ).toBe(true);
    expect(stock.some((s) => s.quantity === 0)).toBe(true);
    const payees = await t.ctx.db.selectFrom('producer_payees').selectAll().execute();
    expect(payees).toHaveLength(loaded.producers);
    for (const p of payees) {
      expect(p.account_number).toMatch(/^0001\d{8}$/);
      expect(
        vietQrProblems({ bankBin: p.bank_bin, accountNumber: p.account_number, amount: 1, memo: 'x' }),
      ).toEqual([]);
    }
    // Pickup: the demo sales points hold units of the products they carry (most points some), drawn per pair.
    const pickup = await t.ctx.db
      .selectFrom('sales_point_products as spp')
      .innerJoin('sales_points as sp', 'sp.id', 'spp.sales_point_id')
      .select(['spp.sales_point_id', 'spp.product_id', 'spp.quantity'])
      .where('sp.demo', '=', 1)
      .execute();
    expect(pickup).toHaveLength(loaded.stocked);
    expect(pickup.every((p) => p.quantity === demoPickupStock(p.sales_point_id, p.product_id))).toBe(true);
    const holding = new Set(pickup.filter((p) => (p.quantity ?? 0) > 0).map((p) => p.sales_point_id));
    expect(holding.size).toBeGreaterThan(new Set(pickup.map((p) => p.sales_point_id)).size * 0.9);
    expect(await seedDemoShop(t.ctx)).toMatch(/already present.*already present/);
    expect(await t.ctx.db.selectFrom('product_stock').select('product_id').execute()).toHaveLength(
      stock.length,
    );
  }, 120_000);

  it('purges every demonstration row and nothing else', async () => {
    const realProducer = await aProducer(t.ctx, { name: 'HTX Gốm sứ thật' });
    const realProduct = await aProduct(t.ctx, { producerId: realProducer });
    const dossiers = join(uploads, 'dossiers');
    const folders = readdirSync(dossiers);
    expect(folders.length).toBeGreaterThan(0);
    const unrelated = join(dossiers, 'app_notademo');
    mkdirSync(unrelated);
    const purged = await purgeDemo(t.ctx, uploads);
    // The demo's dossier files go with its applications; a folder it does not own stays.
    expect(purged.dossierFolders).toBe(folders.length);
    expect(readdirSync(dossiers)).toEqual(['app_notademo']);
    console.log(`purgeDemo(2711) on ${TEST_ENGINE}: ${purged.ms} ms`);
    expect(purged).toMatchObject({
      products: 2711 + 16,
      producers: loaded.producers,
      certificates: loaded.certificates,
      craftVillages: loaded.craftVillages,
      salesPoints: loaded.salesPoints,
      stocked: loaded.stocked,
    });
    for (const table of TABLES) expect(await countRows(table, 1)).toBe(0);
    const left = await t.ctx.db.selectFrom('applications').select('id').execute();
    expect(left).toEqual([]);
    expect(await countStock()).toBe(0);
    expect(await t.ctx.db.selectFrom('product_stock').select('product_id').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('producer_payees').select('producer_id').execute()).toEqual([]);
    expect(await hasDemo(t.ctx)).toBe(false);
    const kept = await t.ctx.db.selectFrom('products').select('id').where('demo', '=', 0).execute();
    expect(kept.map((k) => k.id)).toContain(realProduct);
    expect(await countRows('producers', 0)).toBeGreaterThanOrEqual(1);
    const trail = await auditTrail(t.ctx, 'demo', 'demo');
    expect(trail.map((a) => a.action)).toEqual(['demo.load', 'demo.purge']);
  }, 120_000);

  it('loads again after a purge, at another size', async () => {
    const again = await loadDemo(t.ctx, { products: 300, seed: 5 });
    expect(again.products).toBe(300 + 2);
    expect(await countRows('products', 1)).toBe(300 + 2);
  }, 120_000);
});
