import { Type, type TSchema } from 'typebox';

/** Shared pieces of the HTTP schemas. Each route still declares one schema per boundary. */
export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1, description: 'Page number, from 1.' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, at most 100.' }),
};

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const DemoFilter = Type.Boolean({
  description: 'Only demonstration records (true) or only real ones (false).',
});

export const CertificateStatus = Type.Union(
  ['valid', 'expiring', 'expired', 'revoked', 'superseded'].map((s) => Type.Literal(s)),
);

export function listOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    limit: Type.Integer(),
  });
}

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() })),
    }),
  },
  { $id: 'Error' },
);

export const ErrorResponses = {
  400: ErrorBody,
  404: ErrorBody,
};

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
