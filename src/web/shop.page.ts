import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newToken } from '../accounts/tokens.js';
import { sameToken } from '../accounts/auth.plugin.js';
import type { Locale } from '../core/context.js';
import { DomainError, type ErrorDetail } from '../core/errors.js';
import { sign } from '../platform/secret.js';
import {
  NOT_SELLABLE_LABELS as NOT_SELLABLE,
  notSellableWhy,
  priceBasket,
  type BasketLine,
} from '../shop/basket.js';
import { checkoutError } from '../shop/order.problems.js';
import { createOrder } from '../shop/order.service.js';
import type { OrderDto } from '../shop/order.presenter.js';
import { t, type Text } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { addLine, clampQuantity } from './basket-cookie.js';
import { emptyBasket, readBasket, writeBasket } from './basket-store.js';
import { localePath, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import * as shopRepo from './shop.repository.js';
import { SHOP } from './shop.text.js';
import {
  basketTables,
  checkoutFormView,
  groupByProducer,
  bodyOf,
  PRIVATE,
  shopPage,
  type Body,
  problemSummary,
  removeForms,
  totalLine,
  type CheckoutValues,
  type ShownLine,
} from './shop.view.js';

/**
 * The shop on the website (issue 9): basket, checkout, confirmation and order status. Every page here belongs to
 * one visitor (their basket cookie, their order), so each is `private, no-store`: no browser, proxy or the site's
 * page cache keeps it. All of it works without JavaScript.
 */
/** The double-submit token of the checkout form for visitors without a session. */
const CSRF_COOKIE = 'ocop_shop_csrf';

/** The basket's lines that name a product still in the catalogue, with the product as it is now. */
async function shownBasket(env: PageEnv, request: FastifyRequest, reply: FastifyReply): Promise<ShownLine[]> {
  const lines = await readBasket(env.ctx, request, reply);
  const products = await shopRepo.basketProducts(
    env.ctx,
    lines.map((l) => l.productId),
    env.today,
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  return lines.flatMap((l) => {
    const product = byId.get(l.productId);
    return product ? [{ product, quantity: l.quantity }] : [];
  });
}

/** Every problem `priceBasket` finds, in words, each starting with the product's name. */
function basketProblems(locale: Locale, shown: readonly ShownLine[], seen = new Map<string, number>()) {
  const lines: BasketLine[] = shown.map((s) => ({ productId: s.product.id, quantity: s.quantity }));
  const result = priceBasket(
    lines,
    shown.map((s) => s.product),
    seen,
  );
  return result.ok ? [] : detailTexts(locale, checkoutError(result.problems, lines).details, shown);
}

/** "items.2: Chỉ còn 1 sản phẩm." → "Trà sen: Chỉ còn 1 sản phẩm.". */
function detailTexts(locale: Locale, details: readonly ErrorDetail[], shown: readonly ShownLine[]): string[] {
  return details.map((d) => {
    const message = locale === 'en' ? (d.messageEn ?? d.message) : d.message;
    const match = /^items\.(\d+): (.*)$/s.exec(message);
    const name = match ? shown[Number(match[1])]?.product.name : undefined;
    return match && name !== undefined ? `${name}: ${match[2] ?? ''}` : message;
  });
}

function basketBody(env: PageEnv, shown: readonly ShownLine[], extra: readonly string[] = []): SafeHtml {
  const { locale } = env;
  if (shown.length === 0) {
    return html`<h1>${t(locale, SHOP.basketTitle)}</h1>
      ${problemSummary(t(locale, SHOP.problemsTitle), extra)}
      <p>${t(locale, SHOP.emptyBasket)}</p>
      <p><a class="button" href="${localePath(locale, '/search')}">${t(locale, SHOP.browse)}</a></p>`;
  }
  const groups = groupByProducer(shown);
  const problems = [...extra, ...basketProblems(locale, shown)];
  return html`<h1>${t(locale, SHOP.basketTitle)}</h1>
    ${problemSummary(t(locale, SHOP.problemsTitle), problems)}
    <form method="post" action="${localePath(locale, '/basket')}">
      ${basketTables(locale, groups, true)}
      <p>
        <button type="submit" class="secondary" name="action" value="update">
          ${t(locale, SHOP.update)}
        </button>
      </p>
    </form>
    ${removeForms(locale, shown)} ${totalLine(locale, groups)}
    ${problems.length ? '' : html`<p><a class="button" href="${localePath(locale, '/checkout')}">${t(locale, SHOP.toCheckout)}</a></p>`}`;
}

/** Why a product cannot go into a basket, in words; null when it can. */
async function refusalToAdd(env: PageEnv, productId: string): Promise<string | null> {
  const [product] = await shopRepo.basketProducts(env.ctx, [productId], env.today);
  if (!product) return t(env.locale, SHOP.notSoldOnline);
  const why = notSellableWhy(product);
  if (why === null && product.stock > 0) return null;
  return `${product.name}: ${t(env.locale, SHOP.notSoldOnline)}${why ? ` ${t(env.locale, NOT_SELLABLE[why])}` : ''}`;
}

/** The basket after an update form: each `q_<id>` sets a quantity (0 removes), `remove` drops one line. */
function updatedLines(lines: readonly BasketLine[], body: Body): BasketLine[] {
  return lines.flatMap((l) => {
    if (body.remove === l.productId) return [];
    const given = body[`q_${l.productId}`];
    if (given === undefined || !/^\s*\d{1,4}\s*$/.test(given)) return [l];
    const quantity = Number(given);
    return quantity === 0 ? [] : [{ productId: l.productId, quantity: clampQuantity(quantity) }];
  });
}

async function postBasket(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
) {
  const env = pageEnv(app, request, locale);
  const body = bodyOf(request);
  const lines = await readBasket(env.ctx, request, reply);
  let next = updatedLines(lines, body);
  if (body.action === 'add' && typeof body.productId === 'string') {
    const refusal = await refusalToAdd(env, body.productId);
    if (refusal !== null) {
      const markup = shopPage(
        env,
        '/basket',
        t(locale, SHOP.basketTitle),
        basketBody(env, await shownBasket(env, request, reply), [refusal]),
      );
      return sendPage(reply, markup, 400);
    }
    const quantity = /^\d{1,4}$/.test(body.quantity ?? '') ? Number(body.quantity) : 1;
    next = addLine(next, body.productId, quantity);
  }
  await writeBasket(env.ctx, request, reply, next);
  return reply.redirect(localePath(locale, '/basket'), 303);
}

const EMPTY_VALUES: CheckoutValues = {
  name: '',
  phone: '',
  email: '',
  delivery: 'ship',
  line: '',
  communeId: '',
  salesPointId: '',
  payment: 'cod',
};

function valuesOf(body: Body): CheckoutValues {
  const out = { ...EMPTY_VALUES };
  for (const key of Object.keys(out) as Array<keyof CheckoutValues>) {
    const v = body[key];
    if (typeof v === 'string') out[key] = v.slice(0, 300);
  }
  return out;
}

/** The form's token: the session's when signed in (the site-wide check expects it), else a double-submit cookie. */
function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const session = request.auth?.csrfToken;
  if (session) return session;
  const token = request.cookies[CSRF_COOKIE] ?? newToken();
  void reply.setCookie(CSRF_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.server.secureCookies,
  });
  return token;
}

/** The double-submit check of the checkout form; the web error pages know no 403, so the page says it itself. */
function csrfValid(request: FastifyRequest, body: Body): boolean {
  const expected = request.auth?.csrfToken ?? request.cookies[CSRF_COOKIE];
  return expected !== undefined && sameToken(body._csrf, expected);
}

function expiredForm(env: PageEnv): string {
  const { locale } = env;
  const body = html`<h1>${t(locale, SHOP.checkoutTitle)}</h1>
    <p class="notice" role="alert">${t(locale, SHOP.formExpired)}</p>
    <p><a class="button" href="${localePath(locale, '/checkout')}">${t(locale, SHOP.checkoutTitle)}</a></p>`;
  return shopPage(env, '/checkout', t(locale, SHOP.checkoutTitle), body);
}

interface CheckoutState {
  values: CheckoutValues;
  errors: Map<string, string>;
  key: string;
  csrf: string;
}

/** The form fields' labels and the element each summary line leads to. */
const FIELD_LABEL: Record<string, readonly [Text, string]> = {
  name: [SHOP.name, 'name'],
  phone: [SHOP.phone, 'phone'],
  email: [SHOP.email, 'email'],
  line: [SHOP.address, 'line'],
  communeId: [SHOP.commune, 'communeId'],
  salesPointId: [SHOP.salesPoint, 'salesPointId'],
  payment: [SHOP.payment, 'payment-cod'],
};

/** One summary line per error, linked to its field so a keyboard or screen-reader user goes straight there. */
function summaryLinks(locale: Locale, errors: ReadonlyMap<string, string>): Array<string | SafeHtml> {
  return [...errors].map(([field, message]) => {
    const target = FIELD_LABEL[field];
    return target ? html`<a href="#${target[1]}">${t(locale, target[0])}: ${message}</a>` : message;
  });
}

async function checkoutPage(env: PageEnv, shown: readonly ShownLine[], s: CheckoutState): Promise<string> {
  const { locale } = env;
  const lines = shown.map((l) => ({ productId: l.product.id, quantity: l.quantity }));
  const [communes, points] = await Promise.all([
    shopRepo.communeOptions(env.ctx),
    shopRepo.pickupPoints(env.ctx, lines),
  ]);
  const groups = groupByProducer(shown);
  const form = checkoutFormView(locale, {
    action: localePath(locale, '/checkout'),
    values: s.values,
    errors: s.errors,
    csrf: s.csrf,
    idempotencyKey: s.key,
    prices: shown.map((l) => [l.product.id, l.product.priceVnd ?? 0] as const),
    communes,
    points,
  });
  const body = html`<h1>${t(locale, SHOP.checkoutTitle)}</h1>
    ${problemSummary(t(locale, SHOP.errorsTitle), summaryLinks(locale, s.errors))}
    ${basketTables(locale, groups, false)} ${totalLine(locale, groups)}
    <p><a href="${localePath(locale, '/basket')}">${t(locale, SHOP.editBasket)}</a></p>
    ${form}`;
  return shopPage(env, '/checkout', t(locale, SHOP.checkoutTitle), body);
}

/** The API's request from the form: the basket's lines and the prices the page showed. */
function orderInput(values: CheckoutValues, shown: readonly ShownLine[], body: Body) {
  const seenPrices: Record<string, number> = {};
  for (const l of shown) {
    const p = body[`p_${l.product.id}`];
    if (p !== undefined && /^\d{1,12}$/.test(p)) seenPrices[l.product.id] = Number(p);
  }
  const delivery =
    values.delivery === 'pickup'
      ? { method: 'pickup', salesPointId: values.salesPointId }
      : { method: 'ship', address: { line: values.line, communeId: values.communeId } };
  return {
    items: shown.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
    customer: {
      name: values.name,
      phone: values.phone,
      ...(values.email.trim() === '' ? {} : { email: values.email.trim() }),
    },
    delivery,
    payment: values.payment,
    seenPrices,
  };
}

/** Form fields of the API's error fields: `customer.phone` → phone, `delivery.address.communeId` → communeId. */
const FIELD_OF: Record<string, string> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  'customer.email': 'email',
  'delivery.address.line': 'line',
  'delivery.address.communeId': 'communeId',
  'delivery.salesPointId': 'salesPointId',
  payment: 'payment',
};

function formErrors(locale: Locale, error: DomainError, shown: readonly ShownLine[]): Map<string, string> {
  const errors = new Map<string, string>();
  const details = error.details.length
    ? error.details
    : [{ message: error.message, messageEn: error.messageEn }];
  const texts = detailTexts(locale, details, shown);
  details.forEach((d, i) => {
    const field = FIELD_OF[(d.field ?? '').replace(/^\/?/, '').replace(/\//g, '.')] ?? `_${String(i)}`;
    const text = texts[i] ?? '';
    const known = d.field !== undefined && text.startsWith(`${d.field}: `);
    errors.set(field, known ? text.slice((d.field ?? '').length + 2) : text);
  });
  return errors;
}

async function postCheckout(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
) {
  const env = pageEnv(app, request, locale);
  const body = bodyOf(request);
  if (!csrfValid(request, body)) return sendPage(reply, expiredForm(env), 403);
  const shown = await shownBasket(env, request, reply);
  if (shown.length === 0) return reply.redirect(localePath(locale, '/basket'), 303);
  const values = valuesOf(body);
  const key = typeof body.key === 'string' ? body.key : '';
  let order: OrderDto;
  try {
    order = await createOrder(env.ctx, orderInput(values, shown, body), key, { mailer: app.mailer });
  } catch (e) {
    if (!(e instanceof DomainError) || !['validation_failed', 'conflict'].includes(e.code)) throw e;
    const errors = formErrors(locale, e, shown);
    // A refused order made nothing: a fresh key lets the corrected form go through.
    const state = {
      values,
      errors,
      key: e.code === 'conflict' ? newToken() : key,
      csrf: csrfToken(request, reply),
    };
    return sendPage(reply, await checkoutPage(env, shown, state), e.code === 'conflict' ? 409 : 400);
  }
  await emptyBasket(env.ctx, request, reply);
  return reply.redirect(confirmationPath(app, locale, order.orderNumber), 303);
}

function confirmationPath(app: FastifyInstance, locale: Locale, number: string): string {
  const token = sign(app.secret, 'order', number);
  return `${localePath(locale, `/orders/${encodeURIComponent(number)}`)}?t=${token}`;
}

export const shopPages: LocalePlugin = (app, { locale }) => {
  app.get('/basket', { schema: { hide: true } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const body = basketBody(env, await shownBasket(env, request, reply));
    return sendPage(reply, shopPage(env, '/basket', t(locale, SHOP.basketTitle), body), 200, PRIVATE);
  });
  // Adding to a basket changes nothing but the visitor's own cookie, and SameSite=Lax keeps other sites' forms
  // from carrying that cookie: a forged post can at worst fill an empty basket, so no CSRF token is asked.
  app.post('/basket', { schema: { hide: true }, config: { csrf: false } }, (request, reply) =>
    postBasket(app, request, reply, locale),
  );
  app.get('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const env = pageEnv(app, request, locale);
    const shown = await shownBasket(env, request, reply);
    if (shown.length === 0) return reply.redirect(localePath(locale, '/basket'), 303);
    const state = {
      values: EMPTY_VALUES,
      errors: new Map<string, string>(),
      key: newToken(),
      csrf: csrfToken(request, reply),
    };
    return sendPage(reply, await checkoutPage(env, shown, state), 200, PRIVATE);
  });
  app.post('/checkout', { schema: { hide: true } }, (request, reply) =>
    postCheckout(app, request, reply, locale),
  );
  return Promise.resolve();
};
