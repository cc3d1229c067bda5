import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

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
    .enum(['sqlite'], { error: 'must be sqlite (the only store this build supports)' })
    .default('sqlite'),
  READ_MODEL: z
    .enum(['sqlite'], { error: 'must be sqlite (the only read model this build supports)' })
    .default('sqlite'),
  SCHEMA_FILE: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
});

const SECRET_VARIABLES = new Set(['AUTH_JWT_SECRET']);

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly jwtSecret: string;
  /** Where the secret came from, for the startup log. */
  readonly jwtSecretSource: 'env' | 'file-created' | 'file';
  readonly eventStore: 'sqlite';
  readonly readModel: 'sqlite';
  readonly eventsDbPath: string;
  readonly readModelDbPath: string;
  /** Where the server prints its SDL at startup; null (the default under NODE_ENV=production) disables it. */
  readonly schemaFile: string | null;
}

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
  return {
    port: e.PORT,
    dataDir,
    jwtSecret,
    jwtSecretSource,
    eventStore: e.EVENT_STORE,
    readModel: e.READ_MODEL,
    eventsDbPath: join(dataDir, 'events.db'),
    readModelDbPath: join(dataDir, 'read-model.db'),
    schemaFile: e.SCHEMA_FILE ? resolve(e.SCHEMA_FILE) : production ? null : resolve('schema.graphql'),
  };
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
