import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedIn, WriteErrorResponses } from '../catalog/write-responses.js';
import { ErrorBody, ErrorResponses } from '../http/schemas.js';
import { CreateOrderInput, IDEMPOTENCY_KEY } from './order.input.js';
import { OrderSchema, SubOrderStateSchema } from './order.presenter.js';
import { createOrder, getOrderForBuyer } from './order.service.js';
import { SubOrderEventInput, transitionSubOrder } from './order.transition.js';
import { graphProblems, SUB_ORDER_EVENTS, type SubOrderEvent } from './sub-order.workflow.js';

const TAG = ['shop'];

/**
 * The shop over HTTP (issue 9): checkout and the buyer's order status need no account (the order number and the
 * phone stand for one); moving a sub-order needs its producer or an administrator (accounts/policy.ts).
 */
export const orderRoutes: FastifyPluginAsyncTypebox = (app) => {
  const problems = graphProblems();
  if (problems.length) throw new Error(`The sub-order workflow is inconsistent: ${problems.join('; ')}`);

  app.post(
    '/orders',
    {
      schema: {
        summary: 'Place an order: one basket, one sub-order per producer',
        description:
          'The server prices every line again. The same Idempotency-Key with the same body returns the order ' +
          'made the first time; with another body it is refused (409). A changed price is a 409 listing old and ' +
          'new prices; other problems of the basket are a 400 naming each line; a product sold out meanwhile is a ' +
          '409 and nothing is written.',
        tags: TAG,
        headers: Type.Object({ 'idempotency-key': Type.String({ ...IDEMPOTENCY_KEY }) }),
        body: CreateOrderInput,
        response: { 201: OrderSchema, ...ErrorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const order = await createOrder(request.ctx, request.body, request.headers['idempotency-key'], {
        mailer: app.mailer,
      });
      return reply.status(201).send(order);
    },
  );

  app.get(
    '/orders/:number',
    {
      schema: {
        summary: 'An order by its number and the phone given at checkout',
        description: 'An unknown number and a wrong phone answer the same 404.',
        tags: TAG,
        params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 32 }) }),
        querystring: Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 200: OrderSchema, ...ErrorResponses, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      app.orderLookupLimiter.hit(request.ip);
      const order = await getOrderForBuyer(request.ctx, request.params.number, request.query.phone);
      // The buyer's own details: never kept by a shared cache.
      void reply.header('cache-control', 'private, no-store');
      return order;
    },
  );

  app.post(
    '/sub-orders/:id/events/:event',
    {
      preValidation: signedIn,
      schema: {
        summary:
          'Move a producer’s part of an order: confirm, pack, ship, deliver, cancel, return, mark_paid, refund',
        tags: TAG,
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          event: Type.Unsafe<SubOrderEvent>(Type.Union(SUB_ORDER_EVENTS.map((e) => Type.Literal(e)))),
        }),
        body: Type.Optional(SubOrderEventInput),
        response: { 200: SubOrderStateSchema, ...WriteErrorResponses, 409: ErrorBody },
      },
    },
    async (request) => {
      const next = await transitionSubOrder(
        request.ctx,
        request.params.id,
        request.params.event,
        request.body,
        { mailer: app.mailer },
      );
      return { id: next.id, status: next.fulfilment, paymentStatus: next.payment };
    },
  );
  return Promise.resolve();
};
