import { inTransaction, type Ctx } from '../core/context.js';
import { noProgress, type Progress } from '../core/progress.js';
import { offsetOf, type Page } from '../db/paging.js';
import type { AdminLevel, AdminUnitLinkRow, AdminUnitRow, LinkKind } from './admin-unit.js';

/** The only code that reads or writes admin_units and admin_unit_links. */

const CHUNK = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Makes one province's units and links exactly `units` and `links`, in one transaction. Upserts rather
 * than delete-and-reinsert, so that rows other tables point to are never removed and re-added; rows no
 * longer in the reference are deleted (children first).
 */
export async function saveProvinceUnits(
  ctx: Ctx,
  provinceCode: string,
  data: { units: AdminUnitRow[]; links: AdminUnitLinkRow[] },
  progress: Progress = noProgress,
): Promise<void> {
  const total = data.units.length + data.links.length;
  let done = 0;
  await inTransaction(ctx, async (tx) => {
    for (const part of chunks(data.units)) {
      await upsertUnits(tx, part);
      done += part.length;
      progress(done, total, 'administrative units');
    }
    for (const part of chunks(data.links)) {
      await upsertLinks(tx, part);
      done += part.length;
      progress(done, total, 'old → new links');
    }
    await deleteStale(tx, provinceCode, data);
  });
}

async function upsertUnits(ctx: Ctx, rows: AdminUnitRow[]): Promise<void> {
  await ctx.db
    .insertInto('admin_units')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        code: eb.ref('excluded.code'),
        level: eb.ref('excluded.level'),
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        full_name: eb.ref('excluded.full_name'),
        name_en: eb.ref('excluded.name_en'),
        name_folded: eb.ref('excluded.name_folded'),
        parent_id: eb.ref('excluded.parent_id'),
        province_code: eb.ref('excluded.province_code'),
        valid_from: eb.ref('excluded.valid_from'),
        valid_to: eb.ref('excluded.valid_to'),
        source: eb.ref('excluded.source'),
      })),
    )
    .execute();
}

async function upsertLinks(ctx: Ctx, rows: AdminUnitLinkRow[]): Promise<void> {
  await ctx.db
    .insertInto('admin_unit_links')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['old_id', 'new_id']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        confirmed: eb.ref('excluded.confirmed'),
        source: eb.ref('excluded.source'),
      })),
    )
    .execute();
}

async function deleteStale(
  ctx: Ctx,
  provinceCode: string,
  data: { units: AdminUnitRow[]; links: AdminUnitLinkRow[] },
): Promise<void> {
  const keep = new Set(data.links.map((l) => `${l.old_id}>${l.new_id}`));
  const existing = await ctx.db
    .selectFrom('admin_unit_links as l')
    .innerJoin('admin_units as u', 'u.id', 'l.old_id')
    .select(['l.old_id', 'l.new_id'])
    .where('u.province_code', '=', provinceCode)
    .execute();
  for (const l of existing.filter((e) => !keep.has(`${e.old_id}>${e.new_id}`))) {
    await ctx.db
      .deleteFrom('admin_unit_links')
      .where('old_id', '=', l.old_id)
      .where('new_id', '=', l.new_id)
      .execute();
  }
  const ids = new Set(data.units.map((u) => u.id));
  for (const level of ['commune', 'district', 'province'] as const) {
    const rows = await ctx.db
      .selectFrom('admin_units')
      .select('id')
      .where('province_code', '=', provinceCode)
      .where('level', '=', level)
      .execute();
    const stale = rows.map((r) => r.id).filter((id) => !ids.has(id));
    if (stale.length === 0) continue;
    await ctx.db.deleteFrom('admin_unit_links').where('old_id', 'in', stale).execute();
    await ctx.db.deleteFrom('admin_unit_links').where('new_id', 'in', stale).execute();
    await ctx.db.deleteFrom('admin_units').where('id', 'in', stale).execute();
  }
}

export interface UnitFilter {
  level?: AdminLevel;
  parentId?: string;
  /** In force on each of these days (YYYY-MM-DD). */
  validOn?: string[];
  /** Not in force on this day. */
  notValidOn?: string;
  /** Folded text the folded name must contain. */
  folded?: string;
  sort: 'name' | 'code';
  page: number;
  limit: number;
}

export async function listAdminUnits(ctx: Ctx, f: UnitFilter): Promise<Page<AdminUnitRow>> {
  let query = ctx.db.selectFrom('admin_units');
  if (f.level) query = query.where('level', '=', f.level);
  if (f.parentId) query = query.where('parent_id', '=', f.parentId);
  for (const on of f.validOn ?? []) {
    query = query
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', on)]))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]));
  }
  const off = f.notValidOn;
  if (off) query = query.where((eb) => eb.or([eb('valid_from', '>', off), eb('valid_to', '<', off)]));
  // foldVi leaves only letters, digits and single spaces, so no LIKE wildcard can come from the user.
  if (f.folded) query = query.where('name_folded', 'like', `%${f.folded}%`);
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  let ordered = query.selectAll();
  ordered =
    f.sort === 'code'
      ? ordered.orderBy('code').orderBy('valid_to', 'desc')
      : ordered.orderBy('name_folded').orderBy('name').orderBy('code');
  const items = await ordered.orderBy('id').limit(f.limit).offset(offsetOf(f)).execute();
  return { items, total: counted?.n ?? 0, page: f.page, limit: f.limit };
}

export async function findAdminUnit(ctx: Ctx, id: string): Promise<AdminUnitRow | undefined> {
  return ctx.db.selectFrom('admin_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export type LinkedUnit = AdminUnitRow & { link_kind: LinkKind; confirmed: 0 | 1; link_source: string };

/** The units a unit became (successors) and the units it came from (predecessors). */
export async function findUnitLinks(
  ctx: Ctx,
  id: string,
): Promise<{ successors: LinkedUnit[]; predecessors: LinkedUnit[] }> {
  const side = (mine: 'old_id' | 'new_id', theirs: 'old_id' | 'new_id') =>
    ctx.db
      .selectFrom('admin_unit_links as l')
      .innerJoin('admin_units as u', 'u.id', `l.${theirs}`)
      .selectAll('u')
      .select(['l.kind as link_kind', 'l.confirmed', 'l.source as link_source'])
      .where(`l.${mine}`, '=', id)
      .orderBy('u.name_folded')
      .orderBy('u.id')
      .execute();
  const [successors, predecessors] = await Promise.all([side('old_id', 'new_id'), side('new_id', 'old_id')]);
  return { successors, predecessors };
}

/** Everything, for the in-memory address resolver (about 800 units and 900 links per province). */
export async function allAdminUnits(ctx: Ctx): Promise<{ units: AdminUnitRow[]; links: AdminUnitLinkRow[] }> {
  const [units, links] = await Promise.all([
    ctx.db.selectFrom('admin_units').selectAll().execute(),
    ctx.db.selectFrom('admin_unit_links').selectAll().execute(),
  ]);
  return { units, links };
}

/** The communes and wards in force (2025), by folded name: what select boxes offer. */
export async function currentCommunes(
  ctx: Ctx,
): Promise<Array<{ id: string; full_name: string; name_en: string }>> {
  return ctx.db
    .selectFrom('admin_units')
    .select(['id', 'full_name', 'name_en'])
    .where('level', '=', 'commune')
    .where('valid_to', 'is', null)
    .orderBy('name_folded')
    .execute();
}
