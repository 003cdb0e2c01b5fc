import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment at boot: one schema, validated once, with messages that say what to fix. */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_URL: Type.String({
    pattern: '^(sqlite:.+|postgres(ql)?://.+)$',
    default: 'sqlite:./data/ocop.sqlite',
  }),
  DEMO: Type.Boolean({ default: true }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  PUBLIC_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:3000' }),
  API_CACHE: Type.Boolean({ default: true }),
  MEMORY_SAVER: Type.Boolean({ default: true }),
  SEARCH_RATE_LIMIT: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 1200 }),
  SECRET: Type.Optional(Type.String({ minLength: 32 })),
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 128 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://.+' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'OCOP Hà Nội <no-reply@ocop.local>' }),
  UPLOADS_DIR: Type.String({ minLength: 1, default: './data/uploads' }),
  TRUST_PROXY: Type.String({ pattern: '^(off|on|\\d{1,2}|[0-9a-fA-F.:/, ]+)$', default: 'off' }),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  logLevel: LogLevel;
  publicUrl: string;
  /** Cache anonymous API reads until the next write (docs/decisions/0005-read-cache.md). */
  apiCache: boolean;
  /** `serve` asks V8 to favour memory over speed in sizing its heap (issue 3: the server under 300 MB). */
  memorySaver: boolean;
  /** Searches per minute per client address (0: no limit); beyond it, 429. */
  searchRateLimit: number;
  /** Signs QR addresses and tokens; when unset, one is generated once and kept in the database. */
  secret: string | null;
  /** Demo accounts' password; when unset in demo mode, one is generated and printed at start. */
  demoPassword: string | null;
  /** Mail goes through SMTP when set, otherwise into the outbox that administrators read. */
  smtpUrl: string | null;
  mailFrom: string;
  uploadsDir: string;
  /**
   * Behind a reverse proxy, which hops to trust for the client's address (X-Forwarded-For): false, true (all), a
   * number of hops, or addresses/CIDR ranges. Rate limits and the sign-in lockout key on that address.
   */
  trustProxy: boolean | number | string;
  /** Cookies carry `Secure` when the public address is https. */
  secureCookies: boolean;
}

export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  '1': true,
  true: true,
  on: true,
  yes: true,
  '0': false,
  false: false,
  off: false,
  no: false,
};

const BOOLEANS: readonly string[] = ['DEMO', 'API_CACHE', 'MEMORY_SAVER'];

/** Reads and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = value;
  }
  for (const name of ['PORT', 'SEARCH_RATE_LIMIT'] as const) {
    const value = raw[name];
    if (typeof value === 'string') raw[name] = /^\d+$/.test(value) ? Number(value) : value;
  }
  for (const name of BOOLEANS) {
    const value = raw[name];
    if (typeof value !== 'string') continue;
    const b = BOOLEAN_WORDS[value.toLowerCase()];
    if (b === undefined)
      problems.push(`${name} must be one of 1/0, true/false, on/off, yes/no (got "${value}")`);
    else raw[name] = b;
  }
  if (typeof raw.LOG_LEVEL === 'string') raw.LOG_LEVEL = raw.LOG_LEVEL.toLowerCase();
  const withDefaults = Value.Default(EnvSchema, raw);
  for (const error of Value.Errors(EnvSchema, withDefaults)) {
    const name = error.instancePath.replace(/^\//, '');
    if (BOOLEANS.includes(name) && problems.some((p) => p.startsWith(name))) continue;
    problems.push(`${name} ${describe(name)} (got "${String(env[name])}")`);
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${[...new Set(problems)].join('\n  - ')}`);
  }
  const parsed = withDefaults as Env;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: parseDatabaseUrl(parsed.DATABASE_URL),
    demo: parsed.DEMO,
    logLevel: parsed.LOG_LEVEL,
    publicUrl: parsed.PUBLIC_URL.replace(/\/+$/, ''),
    apiCache: parsed.API_CACHE,
    memorySaver: parsed.MEMORY_SAVER,
    searchRateLimit: parsed.SEARCH_RATE_LIMIT,
    secret: parsed.SECRET ?? null,
    demoPassword: parsed.DEMO_PASSWORD ?? null,
    smtpUrl: parsed.SMTP_URL ?? null,
    mailFrom: parsed.MAIL_FROM,
    uploadsDir: parsed.UPLOADS_DIR,
    trustProxy: trustProxyOf(parsed.TRUST_PROXY),
    secureCookies: parsed.PUBLIC_URL.startsWith('https://'),
  };
}

function trustProxyOf(value: string): boolean | number | string {
  if (value === 'off') return false;
  if (value === 'on') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function describe(name: string): string {
  switch (name) {
    case 'TRUST_PROXY':
      return 'must be off, on, a number of proxy hops, or proxy addresses/CIDR ranges separated by commas';
    case 'PORT':
      return 'must be an integer between 0 and 65535';
    case 'DATABASE_URL':
      return 'must be sqlite:<path> or postgres://user@host:port/database';
    case 'LOG_LEVEL':
      return 'must be one of fatal, error, warn, info, debug, trace, silent';
    case 'PUBLIC_URL':
      return 'must start with http:// or https://';
    case 'SEARCH_RATE_LIMIT':
      return 'must be a whole number of searches per minute (0 for no limit)';
    case 'SECRET':
      return 'must be at least 32 characters (for example: openssl rand -hex 32)';
    case 'DEMO_PASSWORD':
      return 'must be 8 to 128 characters';
    case 'SMTP_URL':
      return 'must be smtp://user:password@host:port or smtps://…';
    default:
      return 'is invalid';
  }
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { engine: 'sqlite', path: url.slice('sqlite:'.length) };
  return { engine: 'postgres', url };
}
