import {
  loadOrCreateJwtSecret,
  readEnvironment,
  SECRET_STORAGE_VARIABLES,
  StorageConfigError,
  storageConfigFrom,
  storageEnvShape,
  type EventStoreConfig,
  type ReadModelConfig,
} from '#storage';
import { jwtSecretEnvShape } from '#tokens';
import { mkdirSync } from 'node:fs';
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
  ...storageEnvShape,
  ...jwtSecretEnvShape,
  READINESS_MAX_LAG: z.coerce
    .number({ error: 'must be a whole number of events, 0 or more' })
    .int('must be a whole number of events, 0 or more')
    .min(0, 'must be a whole number of events, 0 or more')
    .default(1000),
  SCHEMA_FILE: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
});

const SECRET_VARIABLES = new Set(['AUTH_JWT_SECRET', ...SECRET_STORAGE_VARIABLES]);

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
  /** Events the read model may trail the log by before /health/ready reports 503 (READINESS_MAX_LAG). */
  readonly readinessMaxLag: number;
  /** Token verification, GraphQL limits, body size, rate limits (SECURITY.md). */
  readonly security: SecurityConfig;
}

export type { EventStoreConfig, ReadModelConfig } from '#storage';

/** A configuration problem: the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export { jwtSecretFile } from '#storage';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = readEnvironment(envSchema, env, SECRET_VARIABLES, (message) => new ConfigError(message));
  const security = securityConfigOrThrow(env);
  const { dataDir, eventStore, readModel } = storageConfigOrThrow(e);
  const { jwtSecret, jwtSecretSource } = inDataDir(dataDir, () => {
    mkdirSync(dataDir, { recursive: true });
    if (e.AUTH_JWT_SECRET) return { jwtSecret: e.AUTH_JWT_SECRET, jwtSecretSource: 'env' as const };
    const { secret, created } = jwtSecretOrThrow(dataDir);
    return { jwtSecret: secret, jwtSecretSource: created ? ('file-created' as const) : ('file' as const) };
  });
  const production = e.NODE_ENV === 'production';
  const eventsDbPath = join(dataDir, 'events.db');
  const readModelDbPath = join(dataDir, 'read-model.db');
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
    readinessMaxLag: e.READINESS_MAX_LAG,
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

function jwtSecretOrThrow(dataDir: string): { secret: string; created: boolean } {
  try {
    return loadOrCreateJwtSecret(dataDir);
  } catch (error) {
    if (error instanceof StorageConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function storageConfigOrThrow(e: Parameters<typeof storageConfigFrom>[0]) {
  try {
    return storageConfigFrom(e);
  } catch (error) {
    if (error instanceof StorageConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** A DATA_DIR that cannot be created or written is a configuration error too, not a stack trace. */
function inDataDir<T>(dataDir: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      `DATA_DIR: cannot use ${dataDir} (${typeof code === 'string' ? code : String(error)})`,
    );
  }
}
