import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own validator (Ajv) and serializer (fast-json-stringify) compilers, each compiling a route's schema on
 * the route's first request instead of at start. The server has some 250 routes with large response schemas, and
 * compiling all of them took about 0.9 s of every start (issue 2: later starts under 2 s); most routes are never
 * called in a given process's first minutes. The compiled code is exactly what Fastify would have built: same
 * builders, same options, same shared schemas. A schema error now shows at the route's first request instead of at
 * start; the test suite calls every route, and `npm run openapi` reads every schema.
 */
type BuildValidator = ReturnType<typeof AjvCompiler>;
type Validate = ReturnType<ReturnType<BuildValidator>>;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

function lazyValidator(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const get = (): Validate => (compiled ??= compile());
  const validate = function (this: unknown, ...args: Parameters<Validate>) {
    return get().apply(this, args);
  } as Validate;
  // Fastify reads the errors after a failed call, and `schemaEnv` to pass Ajv the parent of the value.
  Object.defineProperty(validate, 'errors', { get: () => get().errors });
  Object.defineProperty(validate, 'schemaEnv', { get: () => get().schemaEnv });
  return validate;
}

export function lazyCompilers(): NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] {
  const buildValidator: BuildValidator = AjvCompiler();
  const buildSerializer: BuildSerializer = SerializerSelector();
  return {
    buildValidator: (
      externalSchemas: Parameters<BuildValidator>[0],
      options: Parameters<BuildValidator>[1],
    ) => {
      const compile = buildValidator(externalSchemas, options);
      return (route: Parameters<typeof compile>[0]) => lazyValidator(() => compile(route));
    },
    buildSerializer: (externalSchemas: unknown, options: Parameters<BuildSerializer>[1]) => {
      const compile = buildSerializer(externalSchemas, options);
      return (route: Parameters<typeof compile>[0]) => {
        let serialize: ReturnType<typeof compile> | undefined;
        return (doc: unknown) => (serialize ??= compile(route))(doc);
      };
    },
  };
}
