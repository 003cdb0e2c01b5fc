import type { FastifyReply } from 'fastify';
import { MAX_LINES, MAX_QUANTITY, type BasketLine } from '../shop/basket.js';

/**
 * The visitor's basket, kept in their own cookie (no account, no table): `prd_a:2,prd_b:1`. The cookie comes back
 * from the browser, so every read checks it again: unknown shapes are dropped, quantities clamped to 1–99, lines
 * merged and cut to 50. Prices are never stored here; the server prices the basket at every view.
 */
export const BASKET_COOKIE = 'ocop_basket';
const MAX_AGE_SECONDS = 30 * 24 * 3600;
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A cookie is limited to ~4 KB; 50 lines of 64-character ids stay under it. */
const MAX_COOKIE_LENGTH = 4000;

export function clampQuantity(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(value)));
}

/** Adds `quantity` to the product's line (a new line at the end), keeping the limits. */
export function addLine(lines: readonly BasketLine[], productId: string, quantity: number): BasketLine[] {
  const existing = lines.find((l) => l.productId === productId);
  if (existing) {
    return lines.map((l) =>
      l.productId === productId ? { productId, quantity: clampQuantity(l.quantity + quantity) } : l,
    );
  }
  return [...lines, { productId, quantity: clampQuantity(quantity) }].slice(0, MAX_LINES);
}

/** The basket's lines as read from the cookie value, validated and clamped. */
export function parseBasket(raw: string | undefined): BasketLine[] {
  if (raw === undefined || raw.length > MAX_COOKIE_LENGTH) return [];
  let lines: BasketLine[] = [];
  for (const part of raw.split(',')) {
    const [id, qty] = part.split(':');
    if (id === undefined || qty === undefined || !PRODUCT_ID.test(id) || !/^\d{1,3}$/.test(qty)) continue;
    const quantity = Number(qty);
    if (quantity < 1) continue;
    lines = addLine(lines, id, quantity);
  }
  return lines;
}

export function serializeBasket(lines: readonly BasketLine[]): string {
  return lines.map((l) => `${l.productId}:${String(clampQuantity(l.quantity))}`).join(',');
}

/** HttpOnly and SameSite=Lax: no script reads it, and other sites' forms do not carry it. */
export function saveBasket(reply: FastifyReply, lines: readonly BasketLine[], secure: boolean): void {
  if (lines.length === 0) {
    clearBasket(reply);
    return;
  }
  void reply.setCookie(BASKET_COOKIE, serializeBasket(lines), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearBasket(reply: FastifyReply): void {
  void reply.clearCookie(BASKET_COOKIE, { path: '/' });
}
