import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Ctx } from '../core/context.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import {
  getSubOrder,
  listSubOrders,
  payeeOf,
  salesByCommune,
  salesByMonth,
  saveProducerPayee,
  setProductStocks,
} from '../shop/producer-shop.service.js';
import { productsWithStock } from '../shop/producer-shop.repository.js';
import { salesWorkbook } from '../shop/producer-shop.xlsx.js';
import { XLSX_TYPE } from '../catalog/selection-export.js';
import { transitionSubOrder } from '../shop/order.transition.js';
import { FULFILMENT_STATES, SUB_ORDER_EVENTS, type SubOrderEvent } from '../shop/sub-order.workflow.js';
import { scopeOf } from '../accounts/policy.js';
import { t } from '../views/format.js';
import { html } from '../views/html.js';
import { formValue, requireStaff } from './bo-context.js';
import { boPage, type BoView } from './layout.js';
import { formErrors, pageOf, queryOf, redirectWithNotice, sendPage } from './registry.pages.js';
import { ORDERS, orderDetail, ordersList, orderTitle } from './shop-orders.view.js';
import { payeeForm, payeeValues, SHOP, salesTable, stockForm, type PayeeValues } from './shop.view.js';
import { SH } from './shop.text.js';

const LIMIT = 50;

/** The shop in the back office (issue 9): /admin/orders for the sub-orders, /admin/shop for account and stock. */
export function shopPages(app: FastifyInstance): void {
  app.get('/orders', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const query = queryOf(request);
    const status = (FULFILMENT_STATES as readonly string[]).includes(query.status ?? '')
      ? query.status
      : undefined;
    const f = { status, page: pageOf(query), limit: LIMIT };
    const list = await listSubOrders(ctx, f);
    return sendPage(
      reply,
      boPage(view, { title: SH.orders, active: 'orders', body: ordersList(view, list, f) }),
    );
  });

  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendPage(reply, await detailPage(view, ctx, request.params.id, {}));
  });

  app.post<{ Params: { id: string; event: string } }>('/orders/:id/events/:event', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const { id, event } = request.params;
    if (!(SUB_ORDER_EVENTS as readonly string[]).includes(event)) throw new NotFoundError('subOrder', id);
    const reason = formValue(request.body, 'reason');
    const input = {
      ...(reason === undefined ? {} : { reason }),
      ...(formValue(request.body, 'shipBeforePayment') === 'on' ? { shipBeforePayment: true } : {}),
    };
    try {
      await transitionSubOrder(ctx, id, event as SubOrderEvent, input, { mailer: app.mailer });
      return await redirectWithNotice(reply, `${ORDERS}/${id}`, t(view.locale, SH.done));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      const status =
        'code' in (error as object) && (error as { code: string }).code === 'conflict' ? 409 : 400;
      return sendPage(reply, await detailPage(view, ctx, id, errors), status);
    }
  });

  app.get('/shop', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    return sendShop(reply, view, ctx, queryOf(request).producer, {});
  });

  // The city office's sales as a spreadsheet (salesByMonth refuses anyone who does not see every producer).
  app.get('/shop/sales.xlsx', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const file = await salesWorkbook(await salesByMonth(ctx), view.locale);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', 'attachment; filename="doanh-so-ocop.xlsx"')
      .header('cache-control', 'no-store')
      .send(file);
  });

  app.post('/shop/payee', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const producerId = ownProducer(ctx, queryOf(request).producer);
    const values: PayeeValues = {
      bankBin: formValue(request.body, 'bankBin'),
      accountNumber: formValue(request.body, 'accountNumber'),
      accountName: formValue(request.body, 'accountName'),
    };
    try {
      await saveProducerPayee(ctx, producerId, {
        bankBin: values.bankBin ?? '',
        accountNumber: values.accountNumber ?? '',
        accountName: values.accountName,
      });
      return await redirectWithNotice(reply, `${SHOP}?producer=${producerId}`, t(view.locale, SH.savedPayee));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendShop(reply, view, ctx, producerId, { payee: errors, values }, 400);
    }
  });

  app.post('/shop/stock', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const producerId = ownProducer(ctx, queryOf(request).producer);
    const entries = Object.entries((request.body ?? {}) as Record<string, unknown>)
      .filter(([key, value]) => key.startsWith('stock.') && typeof value === 'string')
      .map(([key, value]) => ({
        productId: key.slice('stock.'.length),
        quantity: toQuantity(value as string),
      }));
    try {
      await setProductStocks(ctx, entries);
      return await redirectWithNotice(reply, `${SHOP}?producer=${producerId}`, t(view.locale, SH.savedStock));
    } catch (error) {
      const errors = formErrors(error, view.locale);
      if (!errors) throw error;
      return sendShop(reply, view, ctx, producerId, { stock: errors }, 400);
    }
  });
}

/** A blank or non-numeric field is not a count: NaN, which the service refuses with the field's message. */
function toQuantity(value: string): number {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

async function detailPage(view: BoView, ctx: Ctx, id: string, errors: Record<string, string>) {
  const detail = await getSubOrder(ctx, id);
  return boPage(view, {
    title: orderTitle(detail),
    active: 'orders',
    body: orderDetail(view, detail, errors),
  });
}

/** The producer the shop page is about: one the actor acts for (the first when not chosen). */
function ownProducer(ctx: Ctx, wanted: string | undefined): string {
  const mine = (ctx.actor.grants ?? [])
    .filter((g) => g.role === 'producer' && g.scopeId !== null)
    .map((g) => g.scopeId as string);
  if (wanted !== undefined) {
    if (mine.includes(wanted) || scopeOf(ctx.actor, 'subOrder').all) return wanted;
    throw new ForbiddenError();
  }
  const first = mine[0];
  if (first === undefined) throw new ForbiddenError(SH.notProducer.vi, SH.notProducer.en);
  return first;
}

interface ShopErrors {
  payee?: Record<string, string>;
  values?: PayeeValues;
  stock?: Record<string, string>;
}

async function sendShop(
  reply: FastifyReply,
  view: BoView,
  ctx: Ctx,
  wanted: string | undefined,
  e: ShopErrors,
  status = 200,
): Promise<FastifyReply> {
  const l = view.locale;
  const city = scopeOf(ctx.actor, 'subOrder').all;
  if (city && wanted === undefined) {
    const rows = await salesByMonth(ctx);
    const body = html`<h2 id="h-producers">${t(l, SH.salesByProducer)}</h2>
      <p class="hint">${t(l, SH.salesHint)}</p>
      <p><a href="${SHOP}/sales.xlsx" download>${t(l, SH.export)}</a></p>
      ${salesTable(l, rows, 'producer')}
      <h2 id="h-communes">${t(l, SH.salesByCommune)}</h2>
      ${salesTable(l, salesByCommune(rows), 'commune')}`;
    return sendPage(reply, boPage(view, { title: SH.shop, active: 'shop', body }), status);
  }
  const producerId = ownProducer(ctx, wanted);
  const [payee, stock, sales] = await Promise.all([
    payeeOf(ctx, producerId),
    productsWithStock(ctx, producerId),
    salesByMonth(ctx, producerId),
  ]);
  const body = html`${payeeForm(view, producerId, e.values ?? payeeValues(payee), e.payee ?? {})}
    ${stockForm(view, producerId, stock, e.stock ?? {})}
    <h2 id="h-sales">${t(l, SH.sales)}</h2>
    <p class="hint">${t(l, SH.salesHint)}</p>
    ${salesTable(l, sales, 'month')}`;
  return sendPage(reply, boPage(view, { title: SH.shop, active: 'shop', body }), status);
}
