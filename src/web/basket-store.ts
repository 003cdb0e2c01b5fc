import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../core/context.js';
import type { BasketLine } from '../shop/basket.js';
import { accountBasket, saveAccountBasket } from '../shop/basket.repository.js';
import {
  addLine,
  BASKET_COOKIE,
  clearBasket,
  parseBasket,
  saveBasket,
  serializeBasket,
} from './basket-cookie.js';

/**
 * Where a visitor's basket lives: on their account when signed in (it follows them to another visit or device),
 * else in their own cookie. A basket filled before signing in joins the account's at the next read: its lines are
 * added to the account's (quantities summed, the usual limits), the cookie is cleared, so nothing is counted twice.
 * The account's copy is checked like the cookie's at every read: it is the same text, parsed again.
 */
export async function readBasket(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<BasketLine[]> {
  const cookie = parseBasket(request.cookies[BASKET_COOKIE]);
  const userId = request.auth?.userId;
  if (userId === undefined) return cookie;
  const stored = parseBasket((await accountBasket(ctx, userId)) ?? undefined);
  if (cookie.length === 0) return stored;
  const merged = cookie.reduce((lines, l) => addLine(lines, l.productId, l.quantity), stored);
  await saveAccountBasket(ctx, userId, serializeBasket(merged));
  clearBasket(reply);
  return merged;
}

export async function writeBasket(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  lines: readonly BasketLine[],
): Promise<void> {
  const userId = request.auth?.userId;
  if (userId === undefined) {
    saveBasket(reply, lines, request.server.secureCookies);
    return;
  }
  await saveAccountBasket(ctx, userId, serializeBasket(lines));
  if (request.cookies[BASKET_COOKIE] !== undefined) clearBasket(reply);
}

/** After an order: the basket it came from is emptied, wherever it lived. */
export async function emptyBasket(ctx: Ctx, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await writeBasket(ctx, request, reply, []);
  clearBasket(reply);
}
