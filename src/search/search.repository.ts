import type { Ctx } from '../core/context.js';
import { LOCATION_TYPES } from '../sales-points/location-types.js';
import type { SearchDoc, SearchType } from './search-doc.js';

/** Ids to read again, by type; absent: all records of every type. */
export type Selection = Partial<Record<SearchType, string[]>>;

const CHUNK = 500;

/**
 * Reads the records search indexes, with the names a buyer types to find them: a product with its producer,
 * craft village, scorecard, sector and commune, and the names of the old communes and districts that became
 * that commune (so "Phú Xuyên" finds what is now filed under the communes that replaced it).
 */
export async function readSearchDocs(ctx: Ctx, only?: Selection): Promise<SearchDoc[]> {
  const places = await readOldPlaceNames(ctx);
  const out: SearchDoc[] = [];
  for (const type of ['product', 'producer', 'craftVillage', 'salesPoint'] as const) {
    const ids = only ? only[type] : undefined;
    if (only && !ids?.length) continue;
    for (const chunk of ids ? chunks(ids) : [undefined]) {
      out.push(...(await READERS[type](ctx, places, chunk)));
    }
  }
  return out;
}

/** A page of a full read: records after `after` in id order. */
interface Page {
  after: string;
  limit: number;
}

type Reader = (ctx: Ctx, places: Map<string, string>, ids?: string[], page?: Page) => Promise<SearchDoc[]>;

const PAGE = 2_000;

/**
 * Every record, a page at a time, so that a rebuild never holds the whole registry's rows at once (the server's
 * resident memory is what a rebuild's peak leaves behind).
 */
export async function* readAllSearchDocs(ctx: Ctx): AsyncGenerator<SearchDoc[]> {
  const places = await readOldPlaceNames(ctx);
  for (const type of ['product', 'producer', 'craftVillage', 'salesPoint'] as const) {
    let after = '';
    for (;;) {
      const docs = await READERS[type](ctx, places, undefined, { after, limit: PAGE });
      if (docs.length === 0) break;
      yield docs;
      after = docs[docs.length - 1]?.id ?? after;
      if (docs.length < PAGE) break;
    }
  }
}

const READERS: Record<SearchType, Reader> = {
  product: readProducts,
  producer: readProducers,
  craftVillage: readVillages,
  salesPoint: readSalesPoints,
};

async function readProducts(
  ctx: Ctx,
  places: Map<string, string>,
  ids?: string[],
  page?: Page,
): Promise<SearchDoc[]> {
  let q = ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .leftJoin('craft_villages as v', 'v.id', 'p.craft_village_id')
    .innerJoin('scorecards as sc', 'sc.id', 'p.scorecard_id')
    .innerJoin('sectors as s', 's.code', 'sc.sector_code')
    .innerJoin('admin_units as u', 'u.id', 'p.commune_id')
    .leftJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select([
      'p.id',
      'p.name_vi',
      'p.name_en',
      'p.description_vi',
      'p.producer_id',
      'p.commune_id',
      'pr.name as producer_name',
      'v.name as village_name',
      'v.craft',
      'sc.name_vi as scorecard_vi',
      'sc.name_en as scorecard_en',
      's.code as sector',
      's.name_vi as sector_vi',
      's.name_en as sector_en',
      'u.name as commune_name',
      'c.stars',
      'c.expires_on',
      'c.revoked_on',
      'c.superseded_by_id',
    ]);
  if (ids) q = q.where('p.id', 'in', ids);
  if (page) q = q.where('p.id', '>', page.after).orderBy('p.id').limit(page.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    type: 'product',
    id: r.id,
    name: r.name_vi,
    nameEn: r.name_en,
    text: {
      name: r.name_vi,
      nameEn: r.name_en ?? undefined,
      village: r.village_name ?? undefined,
      producer: r.producer_name,
      place: r.commune_name,
      oldPlace: places.get(r.commune_id),
      category: join(r.craft, r.scorecard_vi, r.scorecard_en, r.sector_vi, r.sector_en),
      text: r.description_vi ?? undefined,
    },
    commune: { id: r.commune_id, name: r.commune_name },
    producer: { id: r.producer_id, name: r.producer_name },
    stars: r.stars,
    sector: r.sector,
    certificate:
      r.expires_on === null
        ? null
        : { expiresOn: r.expires_on, revokedOn: r.revoked_on, supersededById: r.superseded_by_id },
  }));
}

async function readProducers(
  ctx: Ctx,
  places: Map<string, string>,
  ids?: string[],
  page?: Page,
): Promise<SearchDoc[]> {
  let q = ctx.db
    .selectFrom('producers as pr')
    .innerJoin('admin_units as u', 'u.id', 'pr.commune_id')
    .select(['pr.id', 'pr.name', 'pr.address', 'pr.old_address', 'pr.representative', 'pr.commune_id'])
    .select('u.name as commune_name');
  if (ids) q = q.where('pr.id', 'in', ids);
  if (page) q = q.where('pr.id', '>', page.after).orderBy('pr.id').limit(page.limit);
  return (await q.execute()).map((r) =>
    plain('producer', r, places, {
      oldPlace: join(places.get(r.commune_id), r.old_address),
      text: join(r.address, r.representative),
    }),
  );
}

async function readVillages(
  ctx: Ctx,
  places: Map<string, string>,
  ids?: string[],
  page?: Page,
): Promise<SearchDoc[]> {
  let q = ctx.db
    .selectFrom('craft_villages as v')
    .innerJoin('admin_units as u', 'u.id', 'v.commune_id')
    .select(['v.id', 'v.name', 'v.craft', 'v.description', 'v.commune_id'])
    .select('u.name as commune_name');
  if (ids) q = q.where('v.id', 'in', ids);
  if (page) q = q.where('v.id', '>', page.after).orderBy('v.id').limit(page.limit);
  return (await q.execute()).map((r) =>
    plain('craftVillage', r, places, { category: r.craft, text: r.description ?? undefined }),
  );
}

async function readSalesPoints(
  ctx: Ctx,
  places: Map<string, string>,
  ids?: string[],
  page?: Page,
): Promise<SearchDoc[]> {
  let q = ctx.db
    .selectFrom('sales_points as sp')
    .innerJoin('admin_units as u', 'u.id', 'sp.commune_id')
    .select(['sp.id', 'sp.name', 'sp.location_type', 'sp.address', 'sp.operator', 'sp.commune_id'])
    .select('u.name as commune_name');
  if (ids) q = q.where('sp.id', 'in', ids);
  if (page) q = q.where('sp.id', '>', page.after).orderBy('sp.id').limit(page.limit);
  return (await q.execute()).map((r) => {
    const kind = LOCATION_TYPES.find((t) => t.code === r.location_type);
    return plain('salesPoint', r, places, {
      category: join(kind?.vi, kind?.en),
      text: join(r.address, r.operator),
    });
  });
}

function plain(
  type: SearchType,
  r: { id: string; name: string; commune_id: string; commune_name: string },
  places: Map<string, string>,
  text: SearchDoc['text'],
): SearchDoc {
  return {
    type,
    id: r.id,
    name: r.name,
    nameEn: null,
    text: { name: r.name, place: r.commune_name, oldPlace: places.get(r.commune_id), ...text },
    commune: { id: r.commune_id, name: r.commune_name },
    producer: null,
    stars: null,
    sector: null,
    certificate: null,
  };
}

/**
 * For each unit, the names of the units that became it (communes, and the districts they belonged to),
 * following the old→new links back through the 2025 reforms.
 */
async function readOldPlaceNames(ctx: Ctx): Promise<Map<string, string>> {
  const [units, links] = await Promise.all([
    ctx.db.selectFrom('admin_units').select(['id', 'name', 'kind', 'parent_id', 'level']).execute(),
    ctx.db.selectFrom('admin_unit_links').select(['old_id', 'new_id']).execute(),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const predecessors = new Map<string, string[]>();
  for (const l of links) predecessors.set(l.new_id, [...(predecessors.get(l.new_id) ?? []), l.old_id]);
  const names = new Map<string, Set<string>>();
  const collect = (id: string, depth: number, into: Set<string>) => {
    for (const old of predecessors.get(id) ?? []) {
      const unit = byId.get(old);
      if (!unit || depth > 4) continue;
      into.add(unit.name);
      const parent = unit.parent_id === null ? undefined : byId.get(unit.parent_id);
      // "Huyện Phú Xuyên": the kind is how people name an old district.
      if (parent?.level === 'district') into.add(`${parent.kind} ${parent.name}`);
      collect(old, depth + 1, into);
    }
  };
  for (const id of predecessors.keys()) {
    const set = new Set<string>();
    collect(id, 0, set);
    names.set(id, set);
  }
  return new Map([...names].map(([id, set]) => [id, [...set].join(' · ')]));
}

/** Which products read a changed record: their producer, village or certificate changed. */
export async function productsAffectedBy(
  ctx: Ctx,
  changed: { producers: string[]; villages: string[]; certificates: string[] },
): Promise<string[]> {
  const ids = new Set<string>();
  for (const chunk of chunks(changed.producers)) {
    for (const r of await ctx.db
      .selectFrom('products')
      .select('id')
      .where('producer_id', 'in', chunk)
      .execute())
      ids.add(r.id);
  }
  for (const chunk of chunks(changed.villages)) {
    const rows = await ctx.db
      .selectFrom('products')
      .select('id')
      .where('craft_village_id', 'in', chunk)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  for (const chunk of chunks(changed.certificates)) {
    const rows = await ctx.db
      .selectFrom('certificates')
      .select('product_id')
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) ids.add(r.product_id);
  }
  return [...ids];
}

export interface AuditMark {
  id: string;
  at: string;
  entityType: string;
  entityId: string;
}

/**
 * Audit records from the id `fromId` on ('' for all). Audit ids sort by their record's `at`, so a time bound is an
 * id bound (`auditIdRange` in audit/audit.repository.ts) read over the primary key.
 */
export async function auditSince(ctx: Ctx, fromId: string): Promise<AuditMark[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'entity_type', 'entity_id'])
    .where('id', '>=', fromId)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, entityType: r.entity_type, entityId: r.entity_id }));
}

function join(...parts: Array<string | null | undefined>): string | undefined {
  const s = parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
  return s === '' ? undefined : s;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
