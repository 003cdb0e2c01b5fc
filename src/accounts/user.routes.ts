import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listMail } from '../mail/mail.repository.js';
import { ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { inviteUser, setGrants, setUserStatus, GrantInput, NewUserInput } from './account.service.js';
import { authorize } from './policy.js';
import { requireUser } from './auth.routes.js';
import { listUsers } from './user.repository.js';

const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  status: Type.String(),
  locale: Type.String(),
  locked_until: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  grants: Type.Array(Type.Object({ role: Type.String(), scopeId: Type.Union([Type.String(), Type.Null()]) })),
});

const MailSchema = Type.Object({
  id: Type.String(),
  to_address: Type.String(),
  subject: Type.String(),
  body_text: Type.String(),
  created_at: Type.String(),
  status: Type.String(),
  sent_at: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

/** Account administration and the mail outbox: administrators only. */
export const userRoutes: FastifyPluginAsyncTypebox = (app) => {
  app.get(
    '/users',
    {
      schema: {
        summary: 'List accounts (administrators)',
        tags: ['accounts'],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            role: Type.Optional(Type.String({ maxLength: 20 })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: listOf(UserSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      authorize(request.ctx.actor, 'list', { type: 'user' });
      const { page, limit, ...filters } = request.query;
      const result = await listUsers(request.ctx, filters, { page, limit });
      return { ...result, page, limit };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        summary: 'Invite a staff member (an e-mail asks them to choose a password)',
        tags: ['accounts'],
        body: NewUserInput,
        response: { 201: Type.Object({ id: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const id = await inviteUser(request.ctx, request.body, app.mailer, app.publicUrl);
      return reply.status(201).send({ id });
    },
  );

  app.put(
    '/users/:id/grants',
    {
      schema: {
        summary: "Replace an account's roles and scopes",
        tags: ['accounts'],
        params: IdParams,
        body: Type.Array(GrantInput, { minItems: 1, maxItems: 50 }),
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      requireUser(request);
      await setGrants(request.ctx, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/users/:id/status',
    {
      schema: {
        summary: 'Disable or re-enable an account',
        tags: ['accounts'],
        params: IdParams,
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      requireUser(request);
      await setUserStatus(request.ctx, request.params.id, request.body.status);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/outbox',
    {
      schema: {
        summary: 'Mail written by the platform (sent by SMTP when configured, kept here otherwise)',
        tags: ['accounts'],
        querystring: Type.Object(
          { to: Type.Optional(Type.String({ maxLength: 254 })), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: listOf(MailSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      authorize(request.ctx.actor, 'read', { type: 'outbox' });
      const { page, limit, ...filters } = request.query;
      return { ...(await listMail(request.ctx, filters, { page, limit })), page, limit };
    },
  );
  return Promise.resolve();
};
