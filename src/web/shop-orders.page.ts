import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../core/context.js';
import { DomainError, NotFoundError } from '../core/errors.js';
import { verifySignature } from '../platform/secret.js';
import type { OrderDto, SubOrderDto } from '../shop/order.presenter.js';
import { getOrderForBuyer, loadOrder } from '../shop/order.service.js';
import { FULFILMENT_LABELS, PAYMENT_LABELS } from '../shop/sub-order.workflow.js';
import { bankByBin } from '../shop/vietqr.js';
import { formatMoney, t, type Text } from '../views/format.js';
import { escapeHtml, html, raw, type SafeHtml } from '../views/html.js';
import { facts } from './components.js';
import { localePath, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { qrSvg } from './qr.js';
import * as shopRepo from './shop.repository.js';
import { SHOP } from './shop.text.js';
import { bodyOf, PRIVATE, problemSummary, shopPage } from './shop.view.js';
import { fill } from './web-i18n.js';

/**
 * The buyer's order pages (issue 9): the confirmation right after checkout, opened by the signed link only, and
 * the status look-up by order number and phone, without an account.
 */

/** The bank transfer a VietQR payload carries (tags 38/01/00 BIN, 38/01/01 account, 54 amount, 62/08 memo). */
export interface Transfer {
  bin: string;
  account: string;
  amount: string;
  memo: string;
}

function tlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at + 4 <= text.length) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!Number.isInteger(length)) break;
    out.set(id, text.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

export function readTransfer(payload: string): Transfer {
  const top = tlv(payload);
  const beneficiary = tlv(tlv(top.get('38') ?? '').get('01') ?? '');
  return {
    bin: beneficiary.get('00') ?? '',
    account: beneficiary.get('01') ?? '',
    amount: top.get('54') ?? '',
    memo: tlv(top.get('62') ?? '').get('08') ?? '',
  };
}

function transferBlock(locale: Locale, sub: SubOrderDto, name: string, svg: string): SafeHtml {
  const transfer = readTransfer(sub.vietqr ?? '');
  const bank = bankByBin(transfer.bin);
  const label = fill(t(locale, SHOP.qrLabel), { name });
  // The SVG is drawn by the qrcode library from our own payload; the label is escaped here.
  const qr = svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${escapeHtml(label)}" `);
  return html`<div class="transfer">
    <p>${t(locale, SHOP.payBy)}</p>
    ${raw(qr)}
    ${facts([
      [t(locale, SHOP.bank), bank ? `${bank.shortName} (${transfer.bin})` : transfer.bin],
      [t(locale, SHOP.account), transfer.account],
      [t(locale, SHOP.amount), formatMoney(locale, sub.total)],
      [t(locale, SHOP.memo), transfer.memo],
    ])}
  </div>`;
}

function subOrderSection(locale: Locale, sub: SubOrderDto, name: string, svg: string | undefined): SafeHtml {
  const status = (FULFILMENT_LABELS as Partial<Record<string, Text>>)[sub.status];
  const payment = (PAYMENT_LABELS as Partial<Record<string, Text>>)[sub.paymentStatus];
  return html`<section class="sub-order" aria-label="${name}">
    <h2>${fill(t(locale, SHOP.producerPart), { name })}</h2>
    ${facts([
      [t(locale, SHOP.status), status ? t(locale, status) : sub.status],
      [t(locale, SHOP.paymentStatus), payment ? t(locale, payment) : sub.paymentStatus],
    ])}
    <table class="basket">
      <thead>
        <tr>
          <th scope="col">${t(locale, SHOP.product)}</th>
          <th scope="col">${t(locale, SHOP.unitPrice)}</th>
          <th scope="col">${t(locale, SHOP.quantity)}</th>
          <th scope="col">${t(locale, SHOP.lineTotal)}</th>
        </tr>
      </thead>
      <tbody>
        ${sub.lines.map(
          (l) =>
            html`<tr>
              <th scope="row">${l.name}</th>
              <td>${formatMoney(locale, l.unitPrice)}</td>
              <td>${l.quantity}</td>
              <td>${formatMoney(locale, l.unitPrice * l.quantity)}</td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">${t(locale, SHOP.total)}</th>
          <td>${formatMoney(locale, sub.total)}</td>
        </tr>
      </tfoot>
    </table>
    ${svg === undefined ? '' : transferBlock(locale, sub, name, svg)}
  </section>`;
}

/** The whole order as its buyer sees it; `qrs` holds each VietQR sub-order's drawn code by sub-order id. */
export function orderView(
  locale: Locale,
  order: OrderDto,
  names: ReadonlyMap<string, string>,
  qrs: ReadonlyMap<string, string>,
): SafeHtml {
  return html`${facts([
    [t(locale, SHOP.orderNumber), html`<strong data-order-number>${order.orderNumber}</strong>`],
    [t(locale, SHOP.total), formatMoney(locale, order.total)],
  ])}
  ${order.subOrders.map((s) => subOrderSection(locale, s, names.get(s.producerId) ?? s.producerId, qrs.get(s.id)))}`;
}

async function orderBody(env: PageEnv, order: OrderDto, intro: SafeHtml | ''): Promise<SafeHtml> {
  const { locale } = env;
  const names = await shopRepo.producerNames(
    env.ctx,
    order.subOrders.map((s) => s.producerId),
  );
  const qrs = new Map<string, string>();
  for (const s of order.subOrders) if (s.vietqr !== undefined) qrs.set(s.id, await qrSvg(s.vietqr));
  return html`<h1>${t(locale, SHOP.confirmTitle).replace('{n}', order.orderNumber)}</h1>
    ${intro} ${orderView(locale, order, names, qrs)}`;
}

function lookupForm(locale: Locale, number = '', error = false): SafeHtml {
  return html`<form method="post" action="${localePath(locale, '/orders')}">
    ${error ? problemSummary(t(locale, SHOP.statusTitle), [t(locale, SHOP.notFound)]) : ''}
    <div class="field">
      <label for="number">${t(locale, SHOP.orderNumber)}</label>
      <input
        type="text"
        id="number"
        name="number"
        value="${number}"
        required
        maxlength="20"
        autocomplete="off"
      />
    </div>
    <div class="field">
      <label for="phone">${t(locale, SHOP.phone)}</label>
      <input type="tel" id="phone" name="phone" required maxlength="20" autocomplete="tel" />
    </div>
    <button type="submit">${t(locale, SHOP.lookUp)}</button>
  </form>`;
}

function lookupPage(env: PageEnv, number = '', error = false): string {
  const body = html`<h1>${t(env.locale, SHOP.statusTitle)}</h1>
    <p>${t(env.locale, SHOP.statusIntro)}</p>
    ${lookupForm(env.locale, number, error)}`;
  return shopPage(env, '/orders', t(env.locale, SHOP.statusTitle), body);
}

async function confirmation(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
) {
  const env = pageEnv(app, request, locale);
  const number = (request.params as { number: string }).number.toUpperCase();
  const token = (request.query as { t?: unknown }).t;
  // Only the link made at checkout opens the order without the phone; anything else reads as unknown.
  if (typeof token !== 'string' || !verifySignature(app.secret, 'order', number, token)) {
    throw new NotFoundError('order', number);
  }
  const id = await shopRepo.orderIdByNumber(env.ctx, number);
  if (id === null) throw new NotFoundError('order', number);
  const order = await loadOrder(env.ctx, id);
  const body = await orderBody(
    env,
    order,
    html`<p class="notice info" role="status">${t(locale, SHOP.thanks)}</p>`,
  );
  return sendPage(
    reply,
    // The language switch keeps the signed link, so the other language opens the same order.
    shopPage(
      env,
      `/orders/${number}`,
      t(locale, SHOP.confirmTitle).replace('{n}', number),
      body,
      `?t=${token}`,
    ),
    200,
    PRIVATE,
  );
}

async function lookup(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, locale: Locale) {
  app.orderLookupLimiter.hit(request.ip);
  const env = pageEnv(app, request, locale);
  const body = bodyOf(request);
  const number = (body.number ?? '').trim().slice(0, 20);
  let order: OrderDto;
  try {
    order = await getOrderForBuyer(env.ctx, number, (body.phone ?? '').slice(0, 30));
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'not_found') throw e;
    return sendPage(reply, lookupPage(env, number, true), 404);
  }
  const more = html`<p><a href="${localePath(locale, '/orders')}">${t(locale, SHOP.lookUpAnother)}</a></p>`;
  const markup = shopPage(env, '/orders', t(locale, SHOP.statusTitle), await orderBody(env, order, more));
  return sendPage(reply, markup, 200, PRIVATE);
}

export const orderPages: LocalePlugin = (app, { locale }) => {
  app.get('/orders', { schema: { hide: true } }, (request, reply) =>
    sendPage(reply, lookupPage(pageEnv(app, request, locale)), 200, PRIVATE),
  );
  // A read-only look-up: a forged post learns nothing the attacker did not send. POST keeps the phone out of URLs.
  app.post('/orders', { schema: { hide: true }, config: { csrf: false } }, (request, reply) =>
    lookup(app, request, reply, locale),
  );
  app.get('/orders/:number', { schema: { hide: true } }, (request, reply) =>
    confirmation(app, request, reply, locale),
  );
  return Promise.resolve();
};
