import type { Role } from '#domain';
import { ClientError, GraphQLClient } from 'graphql-request';
import { createClient, type Client } from 'graphql-ws';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createApp, type RunningApp } from '../../apps/api/src/app.js';
import { signToken } from '../../apps/api/src/auth/jwt.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { AUDITOR, MANAGEMENT_MANAGER, OFFICE } from './fixtures.js';

export interface GraphQLErrorShape {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

export interface Result<T> {
  readonly data: T | null | undefined;
  readonly errors: readonly GraphQLErrorShape[] | undefined;
  readonly status: number;
}

export interface Caller {
  readonly id: string;
  readonly role: Role;
  readonly unit?: string;
  readonly name?: string;
  readonly ttl?: string;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Which storage the suite runs on: `E2E_STORAGE=postgres` (set by the `e2e-postgres` jest
 * project, test/support/postgres-storage.setup.cjs) puts the event store and the read model
 * in PostgreSQL; otherwise they are the SQLite files in DATA_DIR, as with `npm start`.
 */
export const E2E_STORAGE: 'sqlite' | 'postgres' =
  process.env.E2E_STORAGE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The storage variables for a DATA_DIR. On PostgreSQL the schema is derived from the
 * directory, so an app restarted on the same DATA_DIR finds its events again, as on SQLite.
 */
export function storageEnv(dataDir: string): NodeJS.ProcessEnv {
  if (E2E_STORAGE === 'sqlite') return {};
  return {
    EVENT_STORE: 'postgres',
    READ_MODEL: 'postgres',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `e2e_${createHash('sha256').update(dataDir).digest('hex').slice(0, 20)}`,
  };
}

/** Drops a PostgreSQL schema of the test database (no-op for other storage). */
export async function dropSchema(config: Pick<AppConfig, 'eventStore' | 'readModel'>): Promise<void> {
  const schemas = new Set<string>();
  for (const store of [config.eventStore, config.readModel]) {
    if (store.kind === 'postgres' && store.schema !== 'public') schemas.add(store.schema);
  }
  await dropSchemas(TEST_DATABASE_URL, schemas);
}

/** Drops the named schemas (and all they hold) of the database at `url`. */
export async function dropSchemas(url: string, schemas: Iterable<string>): Promise<void> {
  const names = [...schemas];
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of names) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Whether a PostgreSQL answers at `url` within two seconds (specs that need one skip without it). */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The real app on a random port, with a throwaway DATA_DIR (and schema), and clients for it. */
export class TestApp {
  private constructor(
    readonly running: RunningApp,
    readonly config: AppConfig,
  ) {}

  /** `env` overrides the storage chosen by E2E_STORAGE (e.g. a PostgreSQL that is down). */
  static async start(
    options: {
      dataDir?: string;
      schemaFile?: string | null;
      runsProjector?: boolean;
      env?: NodeJS.ProcessEnv;
    } = {},
  ): Promise<TestApp> {
    const dataDir = options.dataDir ?? TestApp.tempDir();
    const config = {
      ...loadConfig({ ...storageEnv(dataDir), ...options.env, DATA_DIR: dataDir, PORT: '0' }),
      schemaFile: options.schemaFile ?? null,
    };
    const running = await createApp(config, { logger: ['error'], runsProjector: options.runsProjector });
    return new TestApp(running, config);
  }

  static tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'chessboard-e2e-'));
  }

  get dataDir(): string {
    return this.config.dataDir;
  }

  token(caller: Caller): Promise<string> {
    return signToken(
      { sub: caller.id, role: caller.role, unit: caller.unit, name: caller.name, ttl: caller.ttl ?? '1h' },
      this.config.jwtSecret,
    );
  }

  /** A client that sends `Authorization: Bearer <token>` (or whatever header is given). */
  async client(caller: Caller | { authorization: string | null }): Promise<Api> {
    const authorization =
      'authorization' in caller ? caller.authorization : `Bearer ${await this.token(caller)}`;
    return new Api(this.running.graphqlUrl, authorization);
  }

  /** Clients for the callers most specs act as: the office, the management unit's manager, the auditor. */
  async clients(): Promise<{ office: Api; manager: Api; auditor: Api }> {
    return {
      office: await this.client(OFFICE),
      manager: await this.client(MANAGEMENT_MANAGER),
      auditor: await this.client(AUDITOR),
    };
  }

  async subscriber(caller: Caller): Promise<Client> {
    const token = await this.token(caller);
    return createClient({
      url: this.running.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
  }

  /** `keepData`: leave DATA_DIR (and a PostgreSQL schema) for a restart on it. */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.running.close();
    if (options.keepData) return;
    rmSync(this.dataDir, { recursive: true, force: true });
    await dropSchema(this.config);
  }
}

export class Api {
  private readonly client: GraphQLClient;

  constructor(
    readonly url: string,
    authorization: string | null,
  ) {
    this.client = new GraphQLClient(url, { headers: authorization ? { authorization } : {} });
  }

  /** Runs an operation; GraphQL errors come back in `errors` instead of being thrown. */
  async call<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Result<T>> {
    try {
      const response = await this.client.rawRequest<T>(query, variables);
      return {
        data: response.data,
        errors: response.errors as GraphQLErrorShape[] | undefined,
        status: response.status,
      };
    } catch (error) {
      if (error instanceof ClientError) {
        return {
          data: error.response.data as T | undefined,
          errors: error.response.errors as GraphQLErrorShape[] | undefined,
          status: error.response.status,
        };
      }
      throw error;
    }
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.call<T>(query, variables);
    if (result.errors?.length) {
      throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    }
    return result.data as T;
  }

  /** Runs an operation that must fail and returns its first error. */
  async fails(query: string, variables?: Record<string, unknown>): Promise<GraphQLErrorShape> {
    const result = await this.call(query, variables);
    if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0];
  }
}
