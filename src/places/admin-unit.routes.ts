import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../core/context.js';
import { ErrorResponses, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { AddressResolver } from './address-resolver.js';
import {
  AdminUnitDetailSchema,
  AdminUnitSchema,
  presentResolution,
  ResolutionSchema,
} from './admin-unit.presenter.js';
import { getAdministrativeUnit, listAdministrativeUnits } from './admin-unit.service.js';

const AdminUnitListQuery = Type.Object(
  {
    // Enums rather than unions of literals: one clear error for a bad value instead of one per literal.
    level: Type.Optional(
      Type.Enum(['province', 'district', 'commune'], { description: 'Only units of this level.' }),
    ),
    parent: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Only children of this unit id.' }),
    ),
    current: Type.Optional(
      Type.Boolean({ description: 'Only units in force today (true) or only former ones (false).' }),
    ),
    validOn: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
        description: 'In force on this day.',
      }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Part of the name; accents and case do not matter.',
      }),
    ),
    sort: Type.Optional(Type.Enum(['name', 'code'], { default: 'name' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const ResolveQuery = Type.Object(
  {
    commune: Type.String({
      minLength: 1,
      maxLength: 300,
      description:
        'The commune as written, e.g. "xã Sơn Hà"; or a whole address line when no district is given.',
    }),
    district: Type.Optional(
      Type.String({ maxLength: 200, description: 'The old district, e.g. "huyện Phú Xuyên".' }),
    ),
    province: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Administrative units before and after the 2025 reforms, and the old-address resolver. */
export const adminUnitRoutes: FastifyPluginAsyncTypebox = (app) => {
  // Built on first use and kept for the life of the app: units change only when reference data is loaded.
  let resolver: Promise<AddressResolver> | undefined;
  const resolverFor = (ctx: Ctx): Promise<AddressResolver> => {
    resolver ??= AddressResolver.fromDatabase(ctx).catch((error: unknown) => {
      resolver = undefined;
      throw error;
    });
    return resolver;
  };

  app.get(
    '/administrative-units',
    {
      schema: {
        summary: 'List administrative units (provinces, districts until 2025-06-30, communes)',
        tags: ['administrative units'],
        querystring: AdminUnitListQuery,
        response: { 200: listOf(AdminUnitSchema), ...ErrorResponses },
      },
    },
    (request) => listAdministrativeUnits(request.ctx, request.query),
  );

  app.get(
    '/administrative-units/resolve',
    {
      schema: {
        summary: 'Resolve an old or current address to the commune in force today',
        description:
          'Follows the 1 January 2025 merges and the 1 July 2025 reform. `split` lists the communes an old ' +
          'commune was divided between; `ambiguous` asks for a district.',
        tags: ['administrative units'],
        querystring: ResolveQuery,
        response: { 200: ResolutionSchema, ...ErrorResponses },
      },
    },
    async (request) => presentResolution((await resolverFor(request.ctx)).resolve(request.query)),
  );

  app.get(
    '/administrative-units/:id',
    {
      schema: {
        summary: 'One administrative unit with its parent, successors and predecessors',
        tags: ['administrative units'],
        params: IdParams,
        response: { 200: AdminUnitDetailSchema, ...ErrorResponses },
      },
    },
    (request) => getAdministrativeUnit(request.ctx, request.params.id),
  );
  return Promise.resolve();
};
