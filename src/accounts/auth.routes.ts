import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { UnauthenticatedError } from '../core/errors.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { RateLimiter } from '../http/rate-limit.js';
import {
  createApiToken,
  listApiTokens,
  requestPasswordReset,
  revokeApiToken,
  setPasswordWithToken,
} from './account.service.js';
import { clearSessionCookie, setSessionCookie } from './auth.plugin.js';
import { signIn, signOut, type Authenticated } from './auth.service.js';
import { registerAccount, RegistrationInput } from './registration.service.js';
import { EMAIL_PATTERN } from './tokens.js';

const Credentials = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const GrantSchema = Type.Object({ role: Type.String(), scopeId: Type.Union([Type.String(), Type.Null()]) });

const MeSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  grants: Type.Array(GrantSchema),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'Echo it in x-csrf-token on writes authenticated by the session cookie.',
  }),
});

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  expires_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
});

export function presentMe(auth: Authenticated) {
  return {
    id: auth.userId,
    email: auth.email,
    name: auth.name,
    roles: [...new Set(auth.grants.map((g) => g.role))],
    grants: auth.grants,
    csrfToken: auth.csrfToken,
  };
}

export function requireUser(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new UnauthenticatedError();
  return request.auth;
}

function requester(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

/** Sign-in, sign-out, who am I, password reset, registration and personal API tokens. */
export const authRoutes: FastifyPluginAsyncTypebox = (app) => {
  // Per address, before the per-account lockout: a flood from one machine meets 429 at once.
  const perIp = new RateLimiter(30, 60_000);

  app.post(
    '/auth/sign-in',
    {
      config: { csrf: false },
      schema: {
        summary: 'Sign in with e-mail and password; sets the session cookie',
        description:
          'Ten failed sign-ins for one account within 15 minutes lock it for 15 minutes (429, Retry-After).',
        tags: ['accounts'],
        body: Credentials,
        response: { 200: MeSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      perIp.hit(request.ip);
      const session = await signIn(
        request.ctx,
        request.body.email,
        request.body.password,
        requester(request),
      );
      setSessionCookie(app, reply, session);
      return presentMe({ ...session, sessionId: null });
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: {
        summary: 'End the session',
        tags: ['accounts'],
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      if (request.auth?.sessionId) await signOut(request.ctx, request.auth.sessionId);
      clearSessionCookie(app, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'The signed-in account',
        tags: ['accounts'],
        response: { 200: MeSchema, ...ErrorResponses },
      },
    },
    (request) => presentMe(requireUser(request)),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { csrf: false },
      schema: {
        summary: 'E-mail a password reset link (the answer is the same whether the account exists or not)',
        tags: ['accounts'],
        body: Type.Object(
          { email: Type.String({ pattern: EMAIL_PATTERN, maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      perIp.hit(request.ip);
      await requestPasswordReset(request.ctx, request.body.email, app.mailer, app.publicUrl);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { csrf: false },
      schema: {
        summary: 'Choose a new password with the e-mailed token',
        tags: ['accounts'],
        body: Type.Object(
          {
            token: Type.String({ minLength: 10, maxLength: 200 }),
            password: Type.String({ maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      perIp.hit(request.ip);
      await setPasswordWithToken(request.ctx, 'reset', request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/register',
    {
      config: { csrf: false },
      schema: {
        summary: 'Register as a buyer, or as a producer with the producer entity',
        tags: ['accounts'],
        body: RegistrationInput,
        response: { 201: Type.Object({ id: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      perIp.hit(request.ip);
      const id = await registerAccount(request.ctx, request.body);
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/me/tokens',
    {
      schema: {
        summary: 'My API tokens',
        tags: ['accounts'],
        response: { 200: Type.Array(TokenSchema), ...ErrorResponses },
      },
    },
    (request) => listApiTokens(request.ctx, requireUser(request).userId),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        summary: 'Create an API token (shown once)',
        tags: ['accounts'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await createApiToken(
        request.ctx,
        user.userId,
        request.body.name,
        request.body.days ?? null,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      schema: {
        summary: 'Revoke an API token',
        tags: ['accounts'],
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(request.ctx, requireUser(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
  return Promise.resolve();
};
