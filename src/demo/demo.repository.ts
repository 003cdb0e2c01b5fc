import type { Ctx } from '../core/context.js';
import type { Progress } from '../core/progress.js';
import { communeRefs } from './demo.communes.js';
import type { CommuneRef, DemoData, ScorecardRef } from './demo.types.js';

/** The province whose current communes the demonstration uses. */
const HANOI = '01';

/**
 * Bound parameters per statement: SQLite allows 32,766 and PostgreSQL 65,535; one size under both keeps
 * batches large (about 1,800 rows of 17 columns) without engine-specific code.
 */
const MAX_PARAMETERS = 30_000;

/** The 2025 communes of Hà Nội with the old communes each took over. */
export async function readCommunes(ctx: Ctx): Promise<CommuneRef[]> {
  const units = await ctx.db
    .selectFrom('admin_units')
    .select(['id', 'level', 'kind', 'name', 'full_name', 'parent_id', 'province_code', 'valid_to'])
    .where('province_code', '=', HANOI)
    .execute();
  const links = await ctx.db.selectFrom('admin_unit_links').select(['old_id', 'new_id']).execute();
  return communeRefs(units, links, HANOI);
}

export async function readScorecards(ctx: Ctx): Promise<ScorecardRef[]> {
  const rows = await ctx.db
    .selectFrom('scorecards')
    .select(['id', 'sector_code', 'name_vi', 'name_en'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, sectorCode: r.sector_code, nameVi: r.name_vi, nameEn: r.name_en }));
}

/** True when any demonstration row is present in any table the demonstration fills. */
export async function hasDemoRows(ctx: Ctx): Promise<boolean> {
  const tables = ['producers', 'products', 'certificates', 'craft_villages', 'sales_points'] as const;
  for (const table of tables) {
    const row = await ctx.db.selectFrom(table).select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** Inserts in foreign-key order, in multi-row batches, on the context's transaction. */
export async function insertDemoRows(ctx: Ctx, data: DemoData, progress: Progress): Promise<void> {
  const total =
    data.producers.length +
    data.craftVillages.length +
    data.products.length +
    data.certificates.length +
    data.salesPoints.length +
    data.salesPointProducts.length;
  let done = 0;
  const step = async <T extends object>(
    label: string,
    rows: T[],
    insert: (batch: T[]) => Promise<unknown>,
  ) => {
    for (const batch of batches(rows)) {
      await insert(batch);
      done += batch.length;
      progress(done, total, label);
    }
  };
  await step('producers', data.producers, (b) => ctx.db.insertInto('producers').values(b).execute());
  await step('craft villages', data.craftVillages, (b) =>
    ctx.db.insertInto('craft_villages').values(b).execute(),
  );
  await step('products', data.products, (b) => ctx.db.insertInto('products').values(b).execute());
  await step('certificates', data.certificates, (b) => ctx.db.insertInto('certificates').values(b).execute());
  await step('sales points', data.salesPoints, (b) => ctx.db.insertInto('sales_points').values(b).execute());
  await step('stock', data.salesPointProducts, (b) =>
    ctx.db.insertInto('sales_point_products').values(b).execute(),
  );
}

function* batches<T extends object>(rows: T[]): Generator<T[]> {
  const first = rows[0];
  if (!first) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Non-demonstration rows that point at demonstration rows: purging would break them. */
export async function countForeignReferences(ctx: Ctx): Promise<Record<string, number>> {
  const db = ctx.db;
  const demo = {
    producers: db.selectFrom('producers').select('id').where('demo', '=', 1),
    villages: db.selectFrom('craft_villages').select('id').where('demo', '=', 1),
    products: db.selectFrom('products').select('id').where('demo', '=', 1),
    certificates: db.selectFrom('certificates').select('id').where('demo', '=', 1),
  };
  const products = db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('demo', '=', 0);
  const certificates = db
    .selectFrom('certificates')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('demo', '=', 0);
  const salesPoints = db
    .selectFrom('sales_points')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('demo', '=', 0);
  const checks = {
    productsOfDemoProducers: products.where('producer_id', 'in', demo.producers),
    productsInDemoVillages: products.where('craft_village_id', 'in', demo.villages),
    productsWithDemoCertificate: products.where('current_certificate_id', 'in', demo.certificates),
    certificatesOfDemoProducts: certificates.where('product_id', 'in', demo.products),
    certificatesSupersededByDemo: certificates.where('superseded_by_id', 'in', demo.certificates),
    salesPointsInDemoVillages: salesPoints.where('craft_village_id', 'in', demo.villages),
  };
  const out: Record<string, number> = {};
  for (const [name, query] of Object.entries(checks)) {
    out[name] = Number((await query.executeTakeFirst())?.n ?? 0);
  }
  return out;
}

export interface DeletedCounts {
  producers: number;
  products: number;
  certificates: number;
  craftVillages: number;
  salesPoints: number;
  stocked: number;
}

/** Deletes every demonstration row, children first; callers check countForeignReferences before. */
export async function deleteDemoRows(ctx: Ctx): Promise<DeletedCounts> {
  const db = ctx.db;
  const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
  const stocked = await db
    .deleteFrom('sales_point_products')
    .where((eb) =>
      eb.or([
        eb('sales_point_id', 'in', eb.selectFrom('sales_points').select('id').where('demo', '=', 1)),
        eb('product_id', 'in', eb.selectFrom('products').select('id').where('demo', '=', 1)),
      ]),
    )
    .executeTakeFirstOrThrow();
  const salesPoints = await db.deleteFrom('sales_points').where('demo', '=', 1).executeTakeFirstOrThrow();
  await deleteDemoEvaluation(ctx);
  await deleteDemoOrders(ctx);
  // Break the certificate chains and the products' pointers before the rows they point to go.
  await db.updateTable('certificates').set({ superseded_by_id: null }).where('demo', '=', 1).execute();
  await db.updateTable('products').set({ current_certificate_id: null }).where('demo', '=', 1).execute();
  const certificates = await db.deleteFrom('certificates').where('demo', '=', 1).executeTakeFirstOrThrow();
  const products = await db.deleteFrom('products').where('demo', '=', 1).executeTakeFirstOrThrow();
  const craftVillages = await db.deleteFrom('craft_villages').where('demo', '=', 1).executeTakeFirstOrThrow();
  // The demo accounts (one per role) act on demo records; they go with them.
  await db.deleteFrom('users').where('is_demo', '=', 1).execute();
  const producers = await db.deleteFrom('producers').where('demo', '=', 1).executeTakeFirstOrThrow();
  return {
    producers: n(producers),
    products: n(products),
    certificates: n(certificates),
    craftVillages: n(craftVillages),
    salesPoints: n(salesPoints),
    stocked: n(stocked),
  };
}

/** The applications of demo products, as a query: deleted with the demo, their dossier folders too. */
function demoApplications(ctx: Ctx) {
  return ctx.db
    .selectFrom('applications')
    .select('id')
    .where('product_id', 'in', ctx.db.selectFrom('products').select('id').where('demo', '=', 1));
}

export async function demoApplicationIds(ctx: Ctx): Promise<string[]> {
  return (await demoApplications(ctx).execute()).map((r) => r.id);
}

/**
 * The evaluation records of demo products (the demo's seeded applications and whatever was done with them), and
 * the demo council members' seats; a session left with no application and no member goes too.
 */
async function deleteDemoEvaluation(ctx: Ctx): Promise<void> {
  const db = ctx.db;
  for (const table of ['score_sheets', 'conflicts', 'application_events', 'application_documents'] as const) {
    await db.deleteFrom(table).where('application_id', 'in', demoApplications(ctx)).execute();
  }
  await db.deleteFrom('applications').where('id', 'in', demoApplications(ctx)).execute();
  const demoUsers = db.selectFrom('users').select('id').where('is_demo', '=', 1);
  await db.deleteFrom('score_sheets').where('member_id', 'in', demoUsers).execute();
  await db.deleteFrom('conflicts').where('user_id', 'in', demoUsers).execute();
  await db.deleteFrom('council_members').where('user_id', 'in', demoUsers).execute();
  await db
    .deleteFrom('council_sessions')
    .where(
      'id',
      'not in',
      db.selectFrom('applications').select('session_id').where('session_id', 'is not', null),
    )
    .where('id', 'not in', db.selectFrom('council_members').select('session_id'))
    .execute();
}

/**
 * Orders that bought demo products (tried on the demo shop): their lines, sub-orders and history go, and an order
 * left with no sub-order goes too. The stock rows of demo products and the bank accounts of demo producers go too.
 */
async function deleteDemoOrders(ctx: Ctx): Promise<void> {
  const db = ctx.db;
  const demoProducts = db.selectFrom('products').select('id').where('demo', '=', 1);
  const touched = db.selectFrom('order_lines').select('sub_order_id').where('product_id', 'in', demoProducts);
  await db.deleteFrom('sub_order_events').where('sub_order_id', 'in', touched).execute();
  const subOrders = await db
    .selectFrom('order_lines')
    .select('sub_order_id')
    .where('product_id', 'in', demoProducts)
    .distinct()
    .execute();
  const ids = subOrders.map((r) => r.sub_order_id);
  if (ids.length) {
    await db.deleteFrom('order_lines').where('sub_order_id', 'in', ids).execute();
    await db.deleteFrom('sub_orders').where('id', 'in', ids).execute();
  }
  await db
    .deleteFrom('orders')
    .where('id', 'not in', db.selectFrom('sub_orders').select('order_id'))
    .execute();
  await db.deleteFrom('product_stock').where('product_id', 'in', demoProducts).execute();
  await db
    .deleteFrom('producer_payees')
    .where('producer_id', 'in', db.selectFrom('producers').select('id').where('demo', '=', 1))
    .execute();
}
