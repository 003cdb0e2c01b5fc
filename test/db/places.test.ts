import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressResolver } from '../../src/places/address-resolver.js';
import { loadAdministrativeUnits, type ReferenceReport } from '../../src/places/admin-unit.loader.js';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';

const available = await engineAvailable();

describe.skipIf(!available)(`administrative units on ${TEST_ENGINE}`, () => {
  let t: TestDatabase;
  let report: ReferenceReport;
  const progress: Array<[number, number]> = [];
  beforeAll(async () => {
    t = await createTestDatabase();
    report = await loadAdministrativeUnits(t.ctx, {
      progress: (done, total) => progress.push([done, total]),
    });
  });
  afterAll(() => t.close());

  async function counts() {
    const units = await t.ctx.db
      .selectFrom('admin_units')
      .select(['level', 'kind', 'valid_from', 'valid_to'])
      .execute();
    const links = await t.ctx.db.selectFrom('admin_unit_links').selectAll().execute();
    const current = units.filter((u) => u.level === 'commune' && u.valid_to === null);
    return {
      units: units.length,
      provinces: units.filter((u) => u.level === 'province').length,
      districts: units.filter((u) => u.level === 'district').length,
      currentWards: current.filter((u) => u.kind === 'Phường').length,
      currentCommunes: current.filter((u) => u.kind === 'Xã').length,
      oldCommunes: units.filter((u) => u.level === 'commune' && u.valid_to !== null).length,
      endedOn20241231: units.filter((u) => u.valid_to === '2024-12-31').length,
      createdOn20250101: units.filter((u) => u.valid_from === '2025-01-01').length,
      mapped: links.filter((l) => l.source.startsWith('dvhcvn')).length,
      mappedFull: links.filter((l) => l.source.startsWith('dvhcvn') && l.kind === 'full').length,
      mappedPartial: links.filter((l) => l.source.startsWith('dvhcvn') && l.kind === 'partial').length,
      unconfirmedMapped: links.filter((l) => l.source.startsWith('dvhcvn') && l.confirmed === 0).length,
      inferred: links.filter((l) => l.source.startsWith('inferred')).length,
      links: links.length,
    };
  }

  const EXPECTED = {
    units: 769,
    provinces: 1,
    districts: 30,
    currentWards: 51,
    currentCommunes: 75,
    // 579 communes before 2025-01-01 and 526 after, 493 of them unchanged: 579 + 526 - 493 rows.
    oldCommunes: 612,
    endedOn20241231: 86,
    createdOn20250101: 33,
    mapped: 796,
    mappedFull: 326,
    mappedPartial: 470,
    unconfirmedMapped: 2,
    inferred: 43,
    links: 839,
  };

  it('loads Hà Nội before and after both 2025 reforms', async () => {
    expect(await counts()).toEqual(EXPECTED);
    expect(report.units).toBe(769);
    expect(report.links).toBe(839);
    expect(report.defects.filter((d) => d.startsWith('no successor:'))).toHaveLength(43);
    expect(report.defects.filter((d) => d.startsWith('unconfirmed link:'))).toHaveLength(2);
    expect(progress.at(-1)).toEqual([769 + 839, 769 + 839]);
  });

  it('stores the period of each row in its id', async () => {
    const rows = await t.ctx.db
      .selectFrom('admin_units')
      .select(['id', 'name', 'parent_id', 'valid_from', 'valid_to'])
      .where('code', '=', '10318')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: '10318@2024-12-31',
        name: 'Sơn Hà',
        parent_id: '280@2025-06-30',
        valid_from: null,
        valid_to: '2024-12-31',
      },
      {
        id: '10318@2025-06-30',
        name: 'Quang Hà',
        parent_id: '280@2025-06-30',
        valid_from: '2025-01-01',
        valid_to: '2025-06-30',
      },
    ]);
    const link = await t.ctx.db
      .selectFrom('admin_unit_links')
      .selectAll()
      .where('old_id', '=', '10318@2024-12-31')
      .executeTakeFirstOrThrow();
    expect(link).toEqual({
      old_id: '10318@2024-12-31',
      new_id: '10318@2025-06-30',
      kind: 'full',
      confirmed: 0,
      source: 'inferred: code kept by successor',
    });
  });

  it('loads again to the same rows, even when other records point to the units', async () => {
    const now = '2026-11-26T03:00:00.000Z';
    await t.ctx.db
      .insertInto('producers')
      .values({
        id: 'prd_placestest',
        name: 'HTX Gốm Bát Tràng',
        name_folded: 'htx gom bat trang',
        legal_form: 'cooperative',
        registration_number: null,
        representative: null,
        representative_is_woman: 0,
        phone: null,
        email: null,
        website: null,
        address: 'Xã Bát Tràng',
        old_address: null,
        commune_id: '00577',
        demo: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // A row the reference no longer has is removed.
    await t.ctx.db
      .insertInto('admin_units')
      .values({
        id: '99999@2024-12-31',
        code: '99999',
        level: 'commune',
        kind: 'Xã',
        name: 'Thử',
        full_name: 'Xã Thử',
        name_en: 'Thu',
        name_folded: 'thu',
        parent_id: '280@2025-06-30',
        province_code: '01',
        valid_from: null,
        valid_to: '2024-12-31',
        source: 'test',
      })
      .execute();
    await t.ctx.db.updateTable('admin_units').set({ name: 'changed' }).where('id', '=', '00577').execute();
    const again = await loadAdministrativeUnits(t.ctx);
    expect(await counts()).toEqual(EXPECTED);
    expect(again.defects).toEqual(report.defects);
    const bt = await t.ctx.db
      .selectFrom('admin_units')
      .select('name')
      .where('id', '=', '00577')
      .executeTakeFirst();
    expect(bt?.name).toBe('Bát Tràng');
    await t.ctx.db.deleteFrom('producers').where('id', '=', 'prd_placestest').execute();
  });

  it('builds the address resolver from the database', async () => {
    const resolver = await AddressResolver.fromDatabase(t.ctx);
    const r = resolver.resolve({ commune: 'Xã Sơn Hà', district: 'Huyện Phú Xuyên' });
    expect(r).toMatchObject({ status: 'resolved', commune: { id: '10273', name: 'Phú Xuyên' } });
    expect(r.status === 'resolved' && r.via.map((v) => v.id)).toEqual([
      '10318@2024-12-31',
      '10318@2025-06-30',
    ]);
    const split = resolver.resolve({ commune: 'Bát Tràng', district: 'Gia Lâm' });
    expect(split.status === 'split' && split.candidates.map((c) => c.id).sort()).toEqual([
      '00145',
      '00565',
      '00577',
    ]);
  });
});
