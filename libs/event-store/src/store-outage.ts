/**
 * "Is the store down?", answered once for the event stores, the read model, the GraphQL
 * error mapper and the worker's Redis connection: a store outage means nothing was written
 * and the same request may succeed shortly; anything else is about the request itself.
 *
 * - `connection`: the socket or the client's connection is gone (Node's socket errors, by
 *   code or named in the message as ioredis does; the pg and ioredis "closed" messages).
 * - `server`: PostgreSQL says it cannot serve now: SQLSTATE classes 08 (connection), 53
 *   (insufficient resources), 57P (shutdown, cannot connect now), 58 (system error), 3D000
 *   (the database is gone), 28000/28P01 (the login is refused), 25006 (a read-only standby).
 * - `sqlite-busy`: the SQLite file is busy, locked, unopenable, full or read-only.
 * - `sqlite-file`: the SQLite file itself is unusable (damaged, out of memory, refused, its
 *   directory cannot be created, the handle is closed). Only the SQLite event store, which
 *   owns its file, counts this as an outage; elsewhere such an error is a bug to log.
 *
 * Duck-typed, never `instanceof`: socket errors come from Node's own realm and
 * better-sqlite3's SqliteError from whichever module registry loaded it first (under jest
 * neither is the caller's).
 */
export type StoreOutage = 'connection' | 'server' | 'sqlite-busy' | 'sqlite-file';

const SOCKET_CODES = 'ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN';
const SOCKET_CODE = new RegExp(`^(${SOCKET_CODES})$`);
const CONNECTION_MESSAGE = new RegExp(
  `\\b(${SOCKET_CODES})\\b|Connection terminated|timeout exceeded when trying to connect|` +
    'Client has encountered a connection error|Cannot use a pool after calling end|Client was closed|' +
    'not queryable|Connection is closed',
  'i',
);
const POSTGRES_UNAVAILABLE = /^(08|53|57P|58)\w{2,3}$|^(3D000|28000|28P01|25006)$/;
const POSTGRES_UNAVAILABLE_MESSAGE = /is not currently accepting connections/i;
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/;
const SQLITE_FILE = /^SQLITE_(CORRUPT|NOTADB|PROTOCOL|NOMEM|PERM|AUTH)/;
const SQLITE_CLOSED_MESSAGE = /connection is not open/i;
/** File-system failures while creating the directory of a SQLite file or opening it. */
const FILE_SYSTEM_CODE = /^(ENOENT|EACCES|EPERM|EROFS|ENOSPC|ENOTDIR|EEXIST|EISDIR)$/;

/** Which kind of store outage `error` is, or null when it is not one. */
export function storeOutage(error: unknown): StoreOutage | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (SQLITE_BUSY.test(code)) return 'sqlite-busy';
  if (SQLITE_FILE.test(code) || FILE_SYSTEM_CODE.test(code) || SQLITE_CLOSED_MESSAGE.test(message))
    return 'sqlite-file';
  if (SOCKET_CODE.test(code) || CONNECTION_MESSAGE.test(message)) return 'connection';
  if (POSTGRES_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE_MESSAGE.test(message)) return 'server';
  return null;
}

/** A shared store (a database server, a read model, Redis) cannot answer now: try again shortly. */
export function isStoreOutage(error: unknown): boolean {
  const outage = storeOutage(error);
  return outage !== null && outage !== 'sqlite-file';
}
