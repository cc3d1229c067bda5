import { isStoreOutage, storeOutage } from './store-outage.js';

/** Errors as drivers throw them: plain objects with a code and a message, not always `Error`s. */
const failure = (code: string | undefined, message = 'boom') => Object.assign(new Error(message), { code });

describe('store outage', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
    'EAI_AGAIN',
  ])('a socket error %s is a lost connection', (code) => {
    expect(storeOutage(failure(code))).toBe('connection');
    expect(isStoreOutage(failure(code))).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'Cannot use a pool after calling end on the pool',
    'Client was closed and is not queryable',
    'Connection is closed.',
    'connect ECONNREFUSED 127.0.0.1:6379',
  ])('a client that says "%s" has lost its connection', (message) => {
    expect(storeOutage(failure(undefined, message))).toBe('connection');
  });

  it.each([
    '08006',
    '08001',
    '53300',
    '57P01',
    '57P03',
    '57P04',
    '58030',
    '3D000',
    '28000',
    '28P01',
    '25006',
  ])('PostgreSQL SQLSTATE %s: the server cannot serve now', (code) => {
    expect(storeOutage(failure(code))).toBe('server');
    expect(isStoreOutage(failure(code))).toBe(true);
  });

  it('"the database system is starting up" (not accepting connections) is the server too', () => {
    expect(
      storeOutage(failure(undefined, 'the database system is not currently accepting connections')),
    ).toBe('server');
  });

  it.each([
    'SQLITE_BUSY',
    'SQLITE_LOCKED',
    'SQLITE_CANTOPEN',
    'SQLITE_IOERR_WRITE',
    'SQLITE_FULL',
    'SQLITE_READONLY',
  ])('SQLite %s: the file is busy or unusable for now, for every caller', (code) => {
    expect(storeOutage(failure(code))).toBe('sqlite-busy');
    expect(isStoreOutage(failure(code))).toBe(true);
  });

  it.each([
    'SQLITE_CORRUPT',
    'SQLITE_NOTADB',
    'SQLITE_NOMEM',
    'SQLITE_PERM',
    'ENOENT',
    'EACCES',
    'EROFS',
    'EISDIR',
  ])('%s: the SQLite file itself is unusable, an outage only for the store that owns it', (code) => {
    expect(storeOutage(failure(code))).toBe('sqlite-file');
    expect(isStoreOutage(failure(code))).toBe(false);
  });

  it('a closed SQLite handle is the file kind', () => {
    expect(storeOutage(new TypeError('The database connection is not open'))).toBe('sqlite-file');
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

  it('reads errors from another realm by shape', () => {
    expect(isStoreOutage({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toBe(true);
  });
});
