import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type RawBuilder, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { ReadModelDatabase } from './schema.js';

export type ReadModelConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** Schema holding the tables (created when missing); default `public`. */
      readonly schema?: string;
      /** Pool size; default 10. */
      readonly maxConnections?: number;
      /**
       * How long a query waits for a connection (a pool slot, or a new connection to the
       * server) before it fails; default 10000 ms. Bounded, so a server that does not answer
       * surfaces as an error instead of a request that hangs for the OS's TCP timeout.
       */
      readonly connectionTimeoutMs?: number;
    };

export type DialectKind = ReadModelConfig['kind'];

/** A Kysely instance, bound to one connection inside a transaction. */
export type Db = Kysely<ReadModelDatabase>;

/** An open database plus what the dialect-neutral code needs to know about it. */
export interface Connection {
  readonly db: Db;
  readonly dialect: DialectKind;
  /** PostgreSQL: the schema holding the tables; SQLite: null. */
  readonly schema: string | null;
  /** Runs `fn` in a write transaction that holds the database's write lock from its first statement. */
  writeTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const BUSY_TIMEOUT_MS = 5000;

export async function connect(config: ReadModelConfig): Promise<Connection> {
  return config.kind === 'sqlite' ? connectSqlite(config.path) : connectPostgres(config);
}

/** `cast(position as text)`: 64-bit positions read back identically from both drivers. */
export function positionText(column: string): RawBuilder<string> {
  return sql<string>`cast(${sql.ref(column)} as text)`;
}

function connectSqlite(path: string): Connection {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('synchronous = NORMAL');
  const db: Db = new Kysely<ReadModelDatabase>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  const fileLock = sqliteFileLock(path);
  return {
    db,
    dialect: 'sqlite',
    schema: null,
    // BEGIN IMMEDIATE takes the write lock up front, so two writers (in any process)
    // serialise instead of both reading the checkpoint and then racing to commit.
    writeTransaction: (fn) => fileLock.run(() => inTransaction(db, sql`begin immediate`, fn)),
    close: () => db.destroy(),
  };
}

function connectPostgres(config: Extract<ReadModelConfig, { kind: 'postgres' }>): Connection {
  const schema = config.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.maxConnections ?? 10,
    connectionTimeoutMillis: config.connectionTimeoutMs ?? 10_000,
    // Unqualified table names resolve in the read model's schema on every pooled connection.
    options: `-c search_path=${schema}`,
  });
  // An idle connection dropped by the server (a restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db: Db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    schema,
    writeTransaction: (fn) => inTransaction(db, sql`begin`, fn),
    close: () => db.destroy(),
  };
}

async function inTransaction<T>(db: Db, begin: RawBuilder<unknown>, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await begin.execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew; parsing and planning the projection's
 * multi-row inserts cost more than running them. The driver only calls `prepare` and
 * `close`, so it gets the database with `prepare` answered from a small LRU of prepared
 * statements (SQLite re-prepares a statement by itself when the schema changes).
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const cached = cache.get(source);
    // A statement still iterating (a streamed query) cannot run again until it finishes.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = database.prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return { prepare, close: () => database.close() };
}

/**
 * better-sqlite3 is synchronous: a connection waiting on busy_timeout blocks the event
 * loop, so two connections to one file in the SAME process would stall each other until
 * the timeout. Writers in one process therefore queue here first; busy_timeout only
 * arbitrates between processes.
 */
class AsyncLock {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const fileLocks = new Map<string, AsyncLock>();

function sqliteFileLock(path: string): AsyncLock {
  const key = path === ':memory:' ? `:memory:${fileLocks.size}` : resolve(path);
  let lock = fileLocks.get(key);
  if (!lock) {
    lock = new AsyncLock();
    fileLocks.set(key, lock);
  }
  return lock;
}
