import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readEnvironment } from './environment.js';

/**
 * Where the events and the read model live, read from the same variables by every process
 * that opens them (the API, `npm run start:worker`, the CLI): EVENT_STORE, READ_MODEL,
 * DATABASE_URL, DATABASE_SCHEMA, KURRENTDB_URL and DATA_DIR (for the SQLite files).
 */
export const storageEnvShape = {
  DATA_DIR: z.string().min(1).default('./data'),
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
};

const storageEnvSchema = z.object(storageEnvShape);

/** Connection strings may hold a password: their values are never echoed in an error. */
export const SECRET_STORAGE_VARIABLES: ReadonlySet<string> = new Set(['DATABASE_URL', 'KURRENTDB_URL']);

/** Where events go: a SQLite file in DATA_DIR (default), PostgreSQL or KurrentDB. */
export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string };

/** Where the projections live: a SQLite file in DATA_DIR (default) or PostgreSQL. */
export type ReadModelConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

export interface StorageConfig {
  readonly dataDir: string;
  readonly eventStore: EventStoreConfig;
  readonly readModel: ReadModelConfig;
}

/** A storage variable is wrong or missing: the message is one line that starts with its name. */
export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

/** Validates the storage variables (empty counts as unset) and says where each store lives. */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const variables = readEnvironment(
    storageEnvSchema,
    env,
    SECRET_STORAGE_VARIABLES,
    (message) => new StorageConfigError(message),
  );
  return storageConfigFrom(variables);
}

/** The stores named by already validated variables (app-config.ts validates them with the rest). */
export function storageConfigFrom(e: z.infer<typeof storageEnvSchema>): StorageConfig {
  const dataDir = resolve(e.DATA_DIR);
  const databaseUrl = (forWhat: string): string => {
    if (!e.DATABASE_URL) throw new StorageConfigError(`DATABASE_URL: is required when ${forWhat}=postgres`);
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
    if (!e.KURRENTDB_URL)
      throw new StorageConfigError('KURRENTDB_URL: is required when EVENT_STORE=kurrentdb');
    eventStore = { kind: 'kurrentdb', connectionString: e.KURRENTDB_URL };
  } else {
    eventStore = { kind: 'sqlite', path: join(dataDir, 'events.db') };
  }
  const readModel: ReadModelConfig =
    e.READ_MODEL === 'postgres'
      ? { kind: 'postgres', connectionString: databaseUrl('READ_MODEL'), schema: e.DATABASE_SCHEMA }
      : { kind: 'sqlite', path: join(dataDir, 'read-model.db') };
  return { dataDir, eventStore, readModel };
}

/** Where a store lives, for log lines: never the connection string, which may hold a password. */
export function describeStore(config: EventStoreConfig | ReadModelConfig): string {
  switch (config.kind) {
    case 'sqlite':
      return `SQLite ${config.path}`;
    case 'postgres':
      return `PostgreSQL ${hostOf(config.connectionString)} schema ${config.schema}`;
    case 'kurrentdb':
      return `KurrentDB ${hostOf(config.connectionString)}`;
  }
}

/** The host list of a URL (KurrentDB's may name several), without the user and password. */
function hostOf(connectionString: string): string {
  return /^[a-z+]+:\/\/(?:[^@/?]*@)?([^/?]*)/i.exec(connectionString)?.[1] || '(no host)';
}
