import type { Actor, Grant } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import type { Role } from './roles.js';

/**
 * Who may do what (issue 5). Plain rules over the actor's grants and the resource's owners; no I/O. Every route
 * and page asks `can` (or `authorize`, which throws), and list queries narrow themselves with `scopeOf`.
 *
 * Resources carry what the rules need: the 2025 commune they lie in, the producer that owns them, their id.
 */
export type Resource =
  | { type: 'producer'; id?: string; communeId?: string }
  | { type: 'product'; producerId?: string; communeId?: string }
  | { type: 'certificate'; producerId?: string; communeId?: string }
  | { type: 'craftVillage'; communeId?: string }
  | { type: 'salesPoint'; id?: string; communeId?: string }
  | { type: 'user' }
  | { type: 'auditLog' }
  | { type: 'outbox' }
  | { type: 'import' }
  | { type: 'export' }
  | { type: 'backOffice' }
  | { type: 'application'; producerId?: string; communeId?: string }
  | { type: 'councilSession' }
  | { type: 'round' }
  | { type: 'decision' }
  // The shop (issue 9): one producer's part of an order.
  | { type: 'subOrder'; producerId?: string };

export type ResourceType = Resource['type'];

/** `list` asks whether the actor may open the list at all; what it shows is narrowed by `scopeOf`. */
export type Action =
  | 'list'
  | 'read'
  | 'create'
  | 'update'
  | 'revoke'
  | 'issue'
  | 'use'
  // The evaluation workflow (issue 8): the producer submits, the commune checks, the advisory group reviews,
  // the secretary manages council sessions, council members score, the city decides.
  | 'submit'
  | 'check'
  | 'review'
  | 'manage'
  | 'score'
  | 'decide';

type Rule = (grant: Grant, resource: Resource) => boolean;

const inCommune: Rule = (g, r) => 'communeId' in r && r.communeId !== undefined && r.communeId === g.scopeId;
const ownProducer: Rule = (g, r) => {
  if (r.type === 'producer') return r.id !== undefined && r.id === g.scopeId;
  return 'producerId' in r && r.producerId !== undefined && r.producerId === g.scopeId;
};
const ownSalesPoint: Rule = (g, r) => r.type === 'salesPoint' && r.id !== undefined && r.id === g.scopeId;
const always: Rule = () => true;

/** role → resource type → action → rule. What is not listed is refused. */
const RULES: Partial<Record<Role, Partial<Record<ResourceType, Partial<Record<Action, Rule>>>>>> = {
  commune: {
    backOffice: { use: always },
    producer: { list: always, read: inCommune, create: inCommune, update: inCommune },
    product: { list: always, read: inCommune, create: inCommune, update: inCommune },
    certificate: { list: always, read: inCommune },
    craftVillage: { list: always, read: inCommune, create: inCommune, update: inCommune },
    salesPoint: { list: always, read: inCommune, create: inCommune, update: inCommune },
    auditLog: { read: inCommune },
    export: { use: always },
    application: { list: always, read: inCommune, check: inCommune },
  },
  // Councils score dossiers from the whole city (issue 8); in the registry they read, never write.
  council: {
    backOffice: { use: always },
    producer: { list: always, read: always },
    product: { list: always, read: always },
    certificate: { list: always, read: always },
    // Members score only the applications of sessions they sit on (checked by the evaluation service).
    application: { list: always, read: always, score: always },
    councilSession: { list: always, read: always },
  },
  secretary: {
    backOffice: { use: always },
    producer: { list: always, read: always },
    product: { list: always, read: always },
    certificate: { list: always, read: always },
    export: { use: always },
    // The secretary of the provincial council also runs its advisory group's review.
    application: { list: always, read: always, review: always, manage: always },
    councilSession: { list: always, read: always, create: always, update: always },
    round: { list: always, read: always },
  },
  producer: {
    backOffice: { use: always },
    producer: { list: always, read: ownProducer, update: ownProducer },
    product: { list: always, read: ownProducer, create: ownProducer, update: ownProducer },
    certificate: { list: always, read: ownProducer },
    auditLog: { read: ownProducer },
    application: {
      list: always,
      read: ownProducer,
      create: ownProducer,
      update: ownProducer,
      submit: ownProducer,
    },
    // A producer handles the sub-orders of their own products; administrators handle all of them.
    subOrder: { list: always, read: ownProducer, update: ownProducer },
  },
  salespoint: {
    backOffice: { use: always },
    salesPoint: { list: always, read: ownSalesPoint, update: ownSalesPoint },
    auditLog: { read: ownSalesPoint },
  },
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'system' || actor.kind === 'cli') return true;
  const grants = actor.grants ?? [];
  for (const grant of grants) {
    if (grant.role === 'admin') return true;
    const rule = RULES[grant.role]?.[resource.type]?.[action];
    if (rule?.(grant, resource)) return true;
  }
  return false;
}

/** Throws ForbiddenError when `can` says no. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw new ForbiddenError();
}

/**
 * What a list shows the actor: everything (`all`), or only records in these communes / of these producers /
 * these sales points. An actor with several grants sees the union.
 */
export interface ListScope {
  all: boolean;
  communeIds: string[];
  producerIds: string[];
  salesPointIds: string[];
}

export function scopeOf(actor: Actor, type: ResourceType): ListScope {
  const scope: ListScope = { all: false, communeIds: [], producerIds: [], salesPointIds: [] };
  if (actor.kind === 'system' || actor.kind === 'cli') return { ...scope, all: true };
  for (const grant of actor.grants ?? []) {
    const rules = grant.role === 'admin' ? undefined : RULES[grant.role]?.[type];
    if (grant.role === 'admin' || rules?.read === always) return { ...scope, all: true };
    if (!rules?.read || grant.scopeId === null) continue;
    if (rules.read === inCommune) scope.communeIds.push(grant.scopeId);
    else if (rules.read === ownProducer) scope.producerIds.push(grant.scopeId);
    else if (rules.read === ownSalesPoint) scope.salesPointIds.push(grant.scopeId);
  }
  return scope;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return (actor.grants ?? []).some((g) => g.role === role);
}
