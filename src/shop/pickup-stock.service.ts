import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { authorize, can, type Resource } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../core/errors.js';
import { validate } from '../core/validate.js';
import * as repo from './pickup-stock.repository.js';
import { MAX_STOCK } from './producer-shop.service.js';

/**
 * Goods left at a sales point for buyers to collect (issue 9). The point's operator (or its commune, or the city
 * office) counts them per product the point carries; pickup orders take from that count and never below zero
 * (order.service.ts). Which products a point carries is the registry's business (sales-point.service.ts): here
 * only their counts change.
 */

/** One count, as the producers' stock form allows it: a whole number from 0 to 1,000,000. */
export const PickupQuantity = Type.Integer({ minimum: 0, maximum: MAX_STOCK });

/** The form's rows; each quantity is checked against `PickupQuantity` so its message names the product. */
export const PickupStockInput = Type.Array(
  Type.Object(
    { productId: Type.String({ minLength: 1, maxLength: 64 }), quantity: Type.Unknown() },
    { additionalProperties: false },
  ),
  { maxItems: 5000 },
);

export interface PickupStock {
  salesPoint: repo.PickupPoint;
  rows: repo.PickupStockRow[];
  /** Whether the actor may change the counts (the page refuses otherwise). */
  mayUpdate: boolean;
}

function resourceOf(point: repo.PickupPoint): Resource {
  return { type: 'salesPoint', id: point.id, communeId: point.commune_id };
}

/** The point's products with their pickup counts, for whoever may read the point. */
export async function pickupStock(ctx: Ctx, salesPointId: string): Promise<PickupStock> {
  const point = await repo.pickupPoint(ctx, salesPointId);
  if (!point) throw new NotFoundError('salesPoint', salesPointId);
  authorize(ctx.actor, 'read', resourceOf(point));
  return {
    salesPoint: point,
    rows: await repo.pickupStockOf(ctx, point.id),
    mayUpdate: can(ctx.actor, 'update', resourceOf(point)),
  };
}

const fieldOf = (productId: string) => `quantity.${productId}`;

function quantityProblem(productId: string): ErrorDetail {
  return {
    field: fieldOf(productId),
    message: `Số lượng tại điểm bán phải là số nguyên từ 0 đến ${MAX_STOCK.toLocaleString('vi-VN')}.`,
    messageEn: `The quantity at the sales point must be a whole number from 0 to ${MAX_STOCK.toLocaleString('en-GB')}.`,
  };
}

function notCarried(productId: string): ErrorDetail {
  return {
    field: fieldOf(productId),
    message: `Điểm bán không bày bán sản phẩm "${productId}"; hãy thêm sản phẩm vào danh mục của điểm bán trước.`,
    messageEn: `The sales point does not carry product "${productId}"; add it to the point’s products first.`,
  };
}

function givenTwice(productId: string): ErrorDetail {
  return {
    field: fieldOf(productId),
    message: `Sản phẩm "${productId}" được nhập hai lần.`,
    messageEn: `Product "${productId}" is given twice.`,
  };
}

/**
 * Sets the pickup counts of products the point carries: all or none, in one transaction, one audit record per
 * product whose count changed (before → after). Returns how many changed.
 */
export async function setPickupStock(ctx: Ctx, salesPointId: string, input: unknown): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const point = await repo.pickupPoint(tx, salesPointId);
    if (!point) throw new NotFoundError('salesPoint', salesPointId);
    authorize(tx.actor, 'update', resourceOf(point));
    const current = new Map((await repo.pickupStockOf(tx, point.id)).map((r) => [r.product_id, r.quantity]));
    const problems: ErrorDetail[] = [];
    const seen = new Set<string>();
    const entries: Array<{ productId: string; quantity: number }> = [];
    for (const { productId, quantity } of validate(PickupStockInput, input)) {
      if (seen.has(productId)) problems.push(givenTwice(productId));
      else if (!current.has(productId)) problems.push(notCarried(productId));
      else if (!Value.Check(PickupQuantity, quantity)) problems.push(quantityProblem(productId));
      else entries.push({ productId, quantity });
      seen.add(productId);
    }
    if (problems.length > 0) throw new ValidationError(problems);
    let changed = 0;
    for (const { productId, quantity } of entries) {
      const before = current.get(productId);
      if (before === quantity) continue;
      await repo.setPickupQuantity(tx, point.id, productId, quantity);
      await recordAudit(tx, {
        action: 'salesPoint.pickupStock',
        entityType: 'salesPoint',
        entityId: point.id,
        changes: { product: productId, quantity: [before, quantity] },
      });
      changed += 1;
    }
    return changed;
  });
}
