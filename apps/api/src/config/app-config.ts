import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadSecurityConfig, SecurityConfigError, type SecurityConfig } from '../security/security-config.js';

/** Environment variables the API reads; every one is documented in the README. */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int('must be a port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65535, 'must be a port number from 0 to 65535')
    .default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EVENT_STORE: z
    .enum(['sqlite', 'postgres', 'kurrentdb'], { error: 'must be sqlite, postgres or kurrentdb' })
    .default('sqlite'),
  READ_MODEL: z.enum(['sqlite', 'postgres'], { error: 'must be sqlite or postgres' }).default('sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  KURRENTDB_URL: z
    .string()
    .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, 'must be a kurrentdb:// connection string')
    .optional(),
  SCHEMA_FILE: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
});

const SECRET_VARIABLES = new Set(['AUTH_JWT_SECRET', 'DATABASE_URL', 'KURRENTDB_URL']);

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly jwtSecret: string;
  /** Where the secret came from, for the startup log. */
  readonly jwtSecretSource: 'env' | 'file-created' | 'file';
  readonly eventStore: EventStoreConfig;
  readonly readModel: ReadModelConfig;
  readonly eventsDbPath: string;
  readonly readModelDbPath: string;
  /** Where the server prints its SDL at startup; null (the default under NODE_ENV=production) disables it. */
  readonly schemaFile: string | null;
  /** Token verification, GraphQL limits, body size, rate limits (docs/security.md). */
  readonly security: SecurityConfig;
}

/** Where events go: a SQLite file in DATA_DIR (default), PostgreSQL or KurrentDB. */
export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string };

/** Where the projections live: a SQLite file in DATA_DIR (default) or PostgreSQL. */
export type ReadModelConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

/** A configuration problem: the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const jwtSecretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

/**
 * Reads the secret from DATA_DIR/jwt-secret, creating it (mode 600) on first use, so
 * tokens minted by `npm run token` keep working across restarts.
 */
export function loadOrCreateJwtSecret(dataDir: string): { secret: string; created: boolean } {
  const file = jwtSecretFile(dataDir);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new ConfigError(`${file}: the stored JWT secret is too short; delete it`);
    return { secret, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(pickDefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    // Never echo a secret back into a log.
    const got = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(env[variable] ?? null)})`;
    throw new ConfigError(`${variable}: ${issue.message}${got}`);
  }
  const e = parsed.data;
  const security = securityConfigOrThrow(env);
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  let jwtSecret: string;
  let jwtSecretSource: AppConfig['jwtSecretSource'];
  if (e.AUTH_JWT_SECRET) {
    jwtSecret = e.AUTH_JWT_SECRET;
    jwtSecretSource = 'env';
  } else {
    const { secret, created } = loadOrCreateJwtSecret(dataDir);
    jwtSecret = secret;
    jwtSecretSource = created ? 'file-created' : 'file';
  }
  const production = e.NODE_ENV === 'production';
  const eventsDbPath = join(dataDir, 'events.db');
  const readModelDbPath = join(dataDir, 'read-model.db');
  const databaseUrl = (forWhat: string): string => {
    if (!e.DATABASE_URL) throw new ConfigError(`DATABASE_URL: is required when ${forWhat}=postgres`);
    return e.DATABASE_URL;
  };
  let eventStore: EventStoreConfig;
  if (e.EVENT_STORE === 'postgres') {
    eventStore = {
      kind: 'postgres',
      connectionString: databaseUrl('EVENT_STORE'),
      schema: e.DATABASE_SCHEMA,
    };
  } else if (e.EVENT_STORE === 'kurrentdb') {
    if (!e.KURRENTDB_URL) throw new ConfigError('KURRENTDB_URL: is required when EVENT_STORE=kurrentdb');
    eventStore = { kind: 'kurrentdb', connectionString: e.KURRENTDB_URL };
  } else {
    eventStore = { kind: 'sqlite', path: eventsDbPath };
  }
  const readModel: ReadModelConfig =
    e.READ_MODEL === 'postgres'
      ? { kind: 'postgres', connectionString: databaseUrl('READ_MODEL'), schema: e.DATABASE_SCHEMA }
      : { kind: 'sqlite', path: readModelDbPath };
  return {
    port: e.PORT,
    dataDir,
    jwtSecret,
    jwtSecretSource,
    eventStore,
    readModel,
    eventsDbPath,
    readModelDbPath,
    schemaFile: e.SCHEMA_FILE ? resolve(e.SCHEMA_FILE) : production ? null : resolve('schema.graphql'),
    security,
  };
}

function securityConfigOrThrow(env: NodeJS.ProcessEnv): SecurityConfig {
  try {
    return loadSecurityConfig(env);
  } catch (error) {
    if (error instanceof SecurityConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Empty strings count as unset, as most shells and .env loaders intend. */
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
