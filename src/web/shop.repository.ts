import { certificateStatus, type CertificateStatus } from '../certificates/certificate.js';
import type { Ctx } from '../core/context.js';
import { foldVi } from '../core/vi-text.js';
import type { AdminUnitLinkRow, AdminUnitRow } from '../places/admin-unit.js';
import { allAdminUnits, currentCommunes } from '../places/admin-unit.repository.js';

/** What the shop pages read: stock, the basket's products with their producers, communes and pickup points. */

/** Units for shipping now (no row = none): one primary-key look-up, cheap enough for the product page. */
export { stockOf } from '../shop/producer-shop.repository.js';

export interface BasketProduct {
  id: string;
  name: string;
  producerId: string;
  producerName: string;
  priceVnd: number | null;
  unit: string | null;
  stock: number;
  certificateStatus: CertificateStatus | null;
}

/** The basket's products as they are now, in the page's language, with their certificate status on `today`. */
export async function basketProducts(
  ctx: Ctx,
  ids: readonly string[],
  today: string,
): Promise<BasketProduct[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as r', 'r.id', 'p.producer_id')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .leftJoin('product_stock as s', 's.product_id', 'p.id')
    .select(['p.id', 'p.name_vi', 'p.name_en', 'p.producer_id', 'r.name as producer_name', 'p.price_vnd'])
    .select(['p.unit', 's.quantity as stock', 'c.expires_on', 'c.revoked_on', 'c.superseded_by_id'])
    .where('p.id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: ctx.locale === 'en' && r.name_en ? r.name_en : r.name_vi,
    producerId: r.producer_id,
    producerName: r.producer_name,
    priceVnd: r.price_vnd,
    unit: r.unit,
    stock: r.stock ?? 0,
    certificateStatus:
      r.expires_on === null
        ? null
        : certificateStatus(
            { expiresOn: r.expires_on, revokedOn: r.revoked_on, supersededById: r.superseded_by_id },
            today,
          ),
  }));
}

export interface Option {
  value: string;
  label: string;
}

export interface CommuneOption extends Option {
  /** Folded names, '|' between them: the commune's own, then the communes and districts it replaced. */
  search: string;
}

/**
 * The 2025 communes and wards of Hà Nội (126), by name, for the delivery address, each with the names buyers may
 * still know it by (the checkout's commune picker filters on them).
 */
export async function communeOptions(ctx: Ctx): Promise<CommuneOption[]> {
  const [rows, former] = await Promise.all([currentCommunes(ctx), formerNamesOf(ctx)]);
  return rows.map((r) => ({
    value: r.id,
    label: ctx.locale === 'en' ? r.name_en : r.full_name,
    search: [...new Set([r.full_name, ...(former.get(r.id) ?? [])].map(foldVi))].join('|'),
  }));
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type FormerNames = ReadonlyMap<string, readonly string[]>;

/** Per database: the old → new links never change while the process runs (the loader is a CLI step). */
const formerNamesCache = new WeakMap<object, Promise<FormerNames>>();

function formerNamesOf(ctx: Ctx): Promise<FormerNames> {
  const cached = formerNamesCache.get(ctx.db);
  if (cached) return cached;
  const loading = allAdminUnits(ctx).then(({ units, links }) => formerNames(units, links));
  formerNamesCache.set(ctx.db, loading);
  // A database whose units are not loaded yet, or a failed read, is asked again next time.
  loading.then(
    (names) => {
      if (names.size === 0) formerNamesCache.delete(ctx.db);
    },
    () => formerNamesCache.delete(ctx.db),
  );
  return loading;
}

/**
 * For each commune in force, the full names of the communes it replaced (back through the 1 January and 1 July
 * 2025 merges) and of their districts. Like the address resolver, an old commune's unconfirmed links count only
 * when it has no confirmed one.
 */
export function formerNames(units: readonly AdminUnitRow[], links: readonly AdminUnitLinkRow[]): FormerNames {
  const byId = new Map(units.map((u) => [u.id, u]));
  const successors = new Map<string, AdminUnitLinkRow[]>();
  for (const l of links) push(successors, l.old_id, l);
  const predecessors = new Map<string, string[]>();
  for (const [oldId, list] of successors) {
    const confirmed = list.filter((l) => l.confirmed === 1);
    for (const l of confirmed.length ? confirmed : list) push(predecessors, l.new_id, oldId);
  }
  const out = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.level !== 'commune' || unit.valid_to !== null) continue;
    const names = new Set<string>();
    const seen = new Set<string>([unit.id]);
    const queue = [...(predecessors.get(unit.id) ?? [])];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      const old = byId.get(id);
      if (!old || seen.has(id)) continue;
      seen.add(id);
      names.add(old.full_name);
      const district = old.parent_id === null ? undefined : byId.get(old.parent_id);
      if (district?.level === 'district') names.add(district.full_name);
      queue.push(...(predecessors.get(id) ?? []));
    }
    out.set(unit.id, [...names]);
  }
  return out;
}

/** Sales points holding enough of every line for pickup, by name. */
export async function pickupPoints(
  ctx: Ctx,
  lines: ReadonlyArray<{ productId: string; quantity: number }>,
): Promise<Option[]> {
  if (lines.length === 0) return [];
  const wanted = new Map(lines.map((l) => [l.productId, l.quantity]));
  const rows = await ctx.db
    .selectFrom('sales_point_products as spp')
    .innerJoin('sales_points as sp', 'sp.id', 'spp.sales_point_id')
    .select(['sp.id', 'sp.name', 'sp.address', 'spp.product_id', 'spp.quantity'])
    .where('spp.product_id', 'in', [...wanted.keys()])
    .orderBy('sp.name_folded')
    .execute();
  const served = new Map<string, { option: Option; count: number }>();
  for (const r of rows) {
    if ((r.quantity ?? 0) < (wanted.get(r.product_id) ?? Infinity)) continue;
    const entry = served.get(r.id) ?? {
      option: { value: r.id, label: `${r.name} — ${r.address}` },
      count: 0,
    };
    entry.count += 1;
    served.set(r.id, entry);
  }
  return [...served.values()].filter((e) => e.count === wanted.size).map((e) => e.option);
}

/** Producers' names by id, for the order view. */
export async function producerNames(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('producers')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The order's id by its number, for the signed confirmation link. */
export async function orderIdByNumber(ctx: Ctx, number: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('orders').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id ?? null;
}
