import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProducer } from '../../src/catalog/producer.service.js';
import { newSortableId } from '../../src/core/ids.js';
import { publicUrls } from '../../src/core/public-urls.js';
import { ChangeTracker } from '../../src/db/change-tracker.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { SearchService, type SearchParams } from '../../src/search/search.service.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { aCertificate, aCraftVillage, aProduct, aProducer, aSalesPoint } from '../support/factories.js';

const available = await engineAvailable();
const urls = publicUrls('http://ocop.test');
/** Xã Phú Xuyên (2025), which replaced Xã Quang Hà, itself the 1 Jan 2025 successor of Xã Sơn Hà. */
const PHU_XUYEN_2025 = '10273';

describe.skipIf(!available)(`search service on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let tracker: ChangeTracker;
  let service: SearchService;
  const find = async (q: string, over: Partial<SearchParams> = {}) =>
    service.search(t.ctx, { q, page: 1, limit: 20, ...over }, urls);
  const ids = async (q: string, over: Partial<SearchParams> = {}) =>
    (await find(q, over)).items.map((i) => i.id);
  /** Polls until `check` holds; returns the time it took. */
  const within = async (ms: number, check: () => Promise<boolean>) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - started;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
    tracker = new ChangeTracker(t.ctx.db, 500);
    await tracker.start();
    service = new SearchService(t.ctx, tracker);
    await service.start();
  }, 120_000);
  afterAll(async () => {
    service.stop();
    tracker.stop();
    await t.close();
  });

  it('finds a record written through a service at once, with every kind of record', async () => {
    const producer = await aProducer(t.ctx, { name: 'HTX Gốm men lam Giang Cao' });
    const product = await aProduct(t.ctx, {
      producerId: producer,
      nameVi: 'Bình gốm men lam Giang Cao',
      nameEn: 'Giang Cao blue-glaze ceramic vase',
    });
    const village = await aCraftVillage(t.ctx, { name: 'Làng gốm Giang Cao' });
    const point = await aSalesPoint(t.ctx, { name: 'Điểm bán gốm Giang Cao' });
    const found = await find('gốm giang cao');
    expect(found.items.map((i) => i.id)).toEqual(expect.arrayContaining([producer, product, village, point]));
    expect(found.items.find((i) => i.id === product)).toMatchObject({
      type: 'product',
      url: `http://ocop.test/vi/products/${product}`,
      producer: { id: producer, name: 'HTX Gốm men lam Giang Cao' },
      commune: { id: '00577', name: 'Bát Tràng' },
    });
    expect(await ids('giang cao ceramic vase')).toEqual([product]);
  });

  it('re-indexes the products of a renamed producer', async () => {
    const producer = await aProducer(t.ctx, { name: 'HTX Nông sản Thanh Bình' });
    const product = await aProduct(t.ctx, { producerId: producer, nameVi: 'Gạo nếp thử' });
    expect(await ids('nong san thanh binh', { type: 'product' })).toEqual([product]);
    await updateProducer(t.ctx, producer, { name: 'HTX Nông sản Hồng Vân' });
    expect(await ids('nong san hong van', { type: 'product' })).toEqual([product]);
    expect(await ids('nong san thanh binh', { type: 'product' })).toEqual([]);
  });

  it('sees a write made by another process within one second', async () => {
    const producer = await aProducer(t.ctx);
    const product = await aProduct(t.ctx, { producerId: producer, nameVi: 'Sản phẩm trước' });
    expect(await ids('san pham truoc')).toEqual([product]);
    // Another process: a committed write and its audit record, without this process's change signal; its
    // clock is a millisecond ahead of the fixed test clock, so the newest audit id (which carries it) changes.
    const ms = t.ctx.clock.now().getTime() + 1;
    const at = new Date(ms).toISOString();
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('products')
        .set({ name_vi: 'Trà xanh Tân Cương' })
        .where('id', '=', product)
        .execute();
      await trx
        .insertInto('audit_log')
        .values({
          id: newSortableId('aud', ms),
          at,
          actor: 'cli:other',
          action: 'product.update',
          entity_type: 'product',
          entity_id: product,
          changes: '{}',
          request_id: null,
        })
        .execute();
    });
    const first = async () => (await ids('tra xanh tan cuong'))[0];
    expect(await first()).not.toBe(product);
    const took = await within(1000, async () => (await first()) === product);
    expect(took).toBeLessThanOrEqual(1000);
  });

  it('finds a product by the old commune and old district its commune replaced', async () => {
    const product = await aProduct(t.ctx, { nameVi: 'Mật ong hoa nhãn thử', communeId: PHU_XUYEN_2025 });
    expect(await ids('sơn hà', { type: 'product' })).toContain(product);
    expect(await ids('quang ha', { type: 'product' })).toContain(product);
    expect(await ids('huyện phú xuyên', { type: 'product' })).toContain(product);
    expect(await ids('mat ong', { commune: '10318@2024-12-31' })).toEqual([product]);
  });

  it('ranks and filters by certificate status and stars, with facets', async () => {
    const valid = await aProduct(t.ctx, { nameVi: 'Chè búp Thái Hòa loại đặc biệt' });
    await aCertificate(t.ctx, valid, { stars: 4 });
    const expired = await aProduct(t.ctx, { nameVi: 'Chè búp Thái Hòa loại đặc biệt' });
    await aCertificate(t.ctx, expired, { stars: 4, issuedOn: '2023-01-10', decisionDate: '2023-01-05' });
    const five = await aProduct(t.ctx, { nameVi: 'Chè búp Thái Hòa hộp quà' });
    await aCertificate(t.ctx, five, { stars: 5, score: 91, level: 'central' });
    const order = await ids('che bup thai hoa loai dac biet');
    expect(order.indexOf(valid)).toBeLessThan(order.indexOf(expired));
    expect(await ids('che bup thai hoa', { certificate: 'expired' })).toEqual([expired]);
    const four = await find('che bup thai hoa', { stars: [4] });
    expect(four.items.map((i) => i.id).sort()).toEqual([valid, expired].sort());
    expect(four.facets.stars).toEqual([
      { value: '5', count: 1 },
      { value: '4', count: 2 },
    ]);
    expect(four.items.find((i) => i.id === valid)?.stars).toBe(4);
  });
});
