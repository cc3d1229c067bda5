import { isStoreOutage, storeOutage, type StoreOutage } from './store-outage.js';

/** Errors as drivers throw them: a code and a message, not always from the caller's realm. */
const failure = (code: string | undefined, message = 'boom') => Object.assign(new Error(message), { code });

const SOCKET_CODES = 'ECONNREFUSED ECONNRESET ETIMEDOUT ENOTFOUND EHOSTUNREACH ENETUNREACH EPIPE EAI_AGAIN';
const CLIENT_MESSAGES = [
  'Connection terminated unexpectedly',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Client was closed and is not queryable',
  'Connection is closed.',
  'connect ECONNREFUSED 127.0.0.1:6379',
];
const SQLSTATES = '08006 08001 53300 57P01 57P03 57P04 58030 3D000 28000 28P01 25006';
const SQLITE_BUSY =
  'SQLITE_BUSY SQLITE_LOCKED SQLITE_CANTOPEN SQLITE_IOERR_WRITE SQLITE_FULL SQLITE_READONLY';
const SQLITE_FILE = 'SQLITE_CORRUPT SQLITE_NOTADB SQLITE_NOMEM SQLITE_PERM ENOENT EACCES EROFS EISDIR';

const byCode = (codes: string, kind: StoreOutage) =>
  codes.split(' ').map((code): [string, unknown, StoreOutage] => [code, failure(code), kind]);

describe('store outage', () => {
  it.each<[string, unknown, StoreOutage]>([
    ...byCode(SOCKET_CODES, 'connection'),
    ...CLIENT_MESSAGES.map((m): [string, unknown, StoreOutage] => [m, failure(undefined, m), 'connection']),
    ...byCode(SQLSTATES, 'server'),
    [
      'not accepting connections',
      failure(undefined, 'the database system is not currently accepting connections'),
      'server',
    ],
    ...byCode(SQLITE_BUSY, 'sqlite-busy'),
    ...byCode(SQLITE_FILE, 'sqlite-file'),
    ['a closed SQLite handle', new TypeError('The database connection is not open'), 'sqlite-file'],
    ['an error from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'connection'],
  ])('%s is a %s outage', (_name, error, kind) => {
    expect(storeOutage(error)).toBe(kind);
    // The SQLite file kind is an outage only for the store that owns the file.
    expect(isStoreOutage(error)).toBe(kind !== 'sqlite-file');
  });

  it.each([
    ['a constraint violation', failure('23505', 'duplicate key value')],
    ['a syntax error', failure('42601')],
    ['a SQLite constraint', failure('SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain error', new Error('something else')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('%s is not an outage', (_name, error) => {
    expect(storeOutage(error)).toBeNull();
    expect(isStoreOutage(error)).toBe(false);
  });
});
