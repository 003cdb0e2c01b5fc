import { recordAudit } from '../audit/audit.repository.js';
import { todayInVietnam } from '../core/clock.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { VIETQR_BANKS } from '../shop/vietqr.js';
import { Rng } from './random.js';

/**
 * A shop that sells at once on the demonstration data (issue 9): every demo product with a price and a certificate
 * in force gets a stock for shipping, and every demo producer a bank account for VietQR transfers. Both are
 * deterministic from the record's id, so two demos show the same shop. The account numbers start with 0001 and
 * belong to nobody; a demo transfer could not reach a real person. Runs once: nothing when any stock row exists.
 * The demo sales points also get units for pickup of the products they carry, once (when none holds any).
 */

const BATCH = 500;

/** FNV-1a, 32 bits: a stable number from an id (the same on every machine and engine). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 0–40 units; about one product in six is sold out, so the shop shows that state too. */
export function demoStock(productId: string): number {
  const h = hashOf(productId);
  return h % 6 === 0 ? 0 : (h >>> 3) % 41;
}

/**
 * 0–20 units of a product at a sales point for pickup; about one pair in eight is empty, so the shop shows a point
 * that cannot serve too. Drawn from a stream seeded by the pair, so it does not depend on the other rows.
 */
export function demoPickupStock(salesPointId: string, productId: string): number {
  const rng = new Rng(hashOf(`${salesPointId}|${productId}`));
  return rng.chance(1 / 8) ? 0 : rng.int(1, 20);
}

export function demoPayee(producerId: string): { bankBin: string; accountNumber: string } {
  const h = hashOf(producerId);
  const bank = VIETQR_BANKS[h % VIETQR_BANKS.length] ?? VIETQR_BANKS[0];
  return {
    bankBin: bank?.bin ?? '970436',
    accountNumber: `0001${String(h % 100_000_000).padStart(8, '0')}`,
  };
}

async function sellableDemoProducts(ctx: Ctx): Promise<string[]> {
  const today = todayInVietnam(ctx.clock);
  const rows = await ctx.db
    .selectFrom('products as p')
    .innerJoin('certificates as c', 'c.id', 'p.current_certificate_id')
    .select('p.id')
    .where('p.demo', '=', 1)
    .where('p.price_vnd', 'is not', null)
    .where('c.revoked_on', 'is', null)
    .where('c.expires_on', '>', today) // expired from its expiry day on (certificate.ts)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

async function demoProducers(ctx: Ctx): Promise<Array<{ id: string; name: string }>> {
  return ctx.db
    .selectFrom('producers')
    .select(['id', 'name'])
    .where('demo', '=', 1)
    .where('id', 'not in', ctx.db.selectFrom('producer_payees').select('producer_id'))
    .orderBy('id')
    .execute();
}

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export async function seedDemoShop(ctx: Ctx): Promise<string> {
  const shipping = await seedShipping(ctx);
  return `${shipping}; ${await seedDemoPickup(ctx)}`;
}

async function seedShipping(ctx: Ctx): Promise<string> {
  const any = await ctx.db.selectFrom('product_stock').select('product_id').limit(1).executeTakeFirst();
  if (any) return 'Demo shop: stock already present';
  return inTransaction(ctx, async (tx) => {
    const at = tx.clock.now().toISOString();
    const products = await sellableDemoProducts(tx);
    if (products.length === 0) return 'Demo shop: no sellable demo products; skipped';
    const stock = products.map((id) => ({ product_id: id, quantity: demoStock(id), updated_at: at }));
    await inBatches(stock, (b) => tx.db.insertInto('product_stock').values(b).execute());
    const producers = await demoProducers(tx);
    const payees = producers.map((p) => {
      const { bankBin, accountNumber } = demoPayee(p.id);
      return {
        producer_id: p.id,
        bank_bin: bankBin,
        account_number: accountNumber,
        account_name: p.name,
        updated_at: at,
      };
    });
    await inBatches(payees, (b) => tx.db.insertInto('producer_payees').values(b).execute());
    await recordAudit(tx, {
      action: 'demo.shop',
      // Its own entity: the demo's load and purge trail ('demo', 'demo') stays as it was.
      entityType: 'demo',
      entityId: 'shop',
      changes: { stocked: stock.length, payees: payees.length },
    });
    return `Demo shop: ${String(stock.length)} products in stock, ${String(payees.length)} bank accounts`;
  });
}

const demoPoints = (ctx: Ctx) => ctx.db.selectFrom('sales_points').select('id').where('demo', '=', 1);

/** Pickup units for every product a demo sales point carries; nothing when a demo point already holds some. */
async function seedDemoPickup(ctx: Ctx): Promise<string> {
  return inTransaction(ctx, async (tx) => {
    const carried = tx.db.selectFrom('sales_point_products').where('sales_point_id', 'in', demoPoints(tx));
    const held = await carried.select('product_id').where('quantity', '>', 0).limit(1).executeTakeFirst();
    if (held) return 'Demo pickup: stock already present';
    const rows = await carried
      .select(['sales_point_id', 'product_id'])
      .orderBy('sales_point_id')
      .orderBy('product_id')
      .execute();
    if (rows.length === 0) return 'Demo pickup: no demo sales point carries products; skipped';
    const counted = rows.map((r) => ({ ...r, quantity: demoPickupStock(r.sales_point_id, r.product_id) }));
    // Rewritten in multi-row inserts rather than updated row by row: thousands of pairs, one statement per batch.
    await tx.db.deleteFrom('sales_point_products').where('sales_point_id', 'in', demoPoints(tx)).execute();
    await inBatches(counted, (b) => tx.db.insertInto('sales_point_products').values(b).execute());
    const points = new Set(counted.filter((c) => c.quantity > 0).map((c) => c.sales_point_id)).size;
    await recordAudit(tx, {
      action: 'demo.pickup',
      entityType: 'demo',
      entityId: 'pickup',
      changes: { pairs: counted.length, salesPoints: points },
    });
    return `Demo pickup: ${String(counted.length)} products stocked for pickup at ${String(points)} sales points`;
  });
}
