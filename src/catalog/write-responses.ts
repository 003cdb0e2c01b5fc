import type { FastifyRequest } from 'fastify';
import { requireUser } from '../accounts/auth.routes.js';
import { ErrorBody, ErrorResponses } from '../http/schemas.js';

/** The refusals a write route documents: 400 with field details, 401 anonymous, 403 outside scope, 404. */
export const WriteErrorResponses = { ...ErrorResponses, 401: ErrorBody, 403: ErrorBody };

/** A write route's first check, before its body is validated: a visitor gets 401, whatever they sent. */
export function signedIn(request: FastifyRequest, _reply: unknown, done: () => void): void {
  requireUser(request);
  done();
}
