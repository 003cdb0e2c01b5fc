import { recordAudit } from '../audit/audit.repository.js';
import type { Ctx } from '../core/context.js';
import { soldOut, stockOf } from './producer-shop.repository.js';

/**
 * What an order changes in public. Orders themselves are private records (they do not stale the read caches, see
 * db/change-tracker.ts), but a product page offers "add to basket" only while the product has shipping stock: when
 * an order takes the last unit, or a cancel puts units back on an empty shelf, that is a public change of the
 * product, audited as such (and so seen by every cache and the search index).
 */

/** After a shipping order took its units: the products it emptied. */
export async function signalSoldOut(tx: Ctx, productIds: readonly string[]): Promise<void> {
  for (const productId of await soldOut(tx, productIds)) {
    await recordAudit(tx, {
      action: 'product.sold_out',
      entityType: 'product',
      entityId: productId,
      changes: { stock: 0 },
    });
  }
}

/** After `restored` units went back to a product's shipping stock: back on sale if it was empty. */
export async function signalRestocked(tx: Ctx, productId: string, restored: number): Promise<void> {
  const now = await stockOf(tx, productId);
  if (restored <= 0 || now !== restored) return;
  await recordAudit(tx, {
    action: 'product.back_in_stock',
    entityType: 'product',
    entityId: productId,
    changes: { stock: [0, now] },
  });
}
