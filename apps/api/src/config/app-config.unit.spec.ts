import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('API configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'chessboard-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults: port 3000, SQLite files in DATA_DIR, SDL printed to ./schema.graphql', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      eventStore: { kind: 'sqlite', path: join(dataDir, 'events.db') },
      readModel: { kind: 'sqlite', path: join(dataDir, 'read-model.db') },
      eventsDbPath: join(dataDir, 'events.db'),
      readModelDbPath: join(dataDir, 'read-model.db'),
      schemaFile: join(process.cwd(), 'schema.graphql'),
    });
  });

  it('without AUTH_JWT_SECRET, generates one into DATA_DIR/jwt-secret (mode 600) and reuses it', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecretSource).toBe('file-created');
    const file = join(dataDir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second).toMatchObject({ jwtSecret: first.jwtSecret, jwtSecretSource: 'file' });
  });

  it('AUTH_JWT_SECRET wins over the file', () => {
    const secret = 's'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret })).toMatchObject({
      jwtSecret: secret,
      jwtSecretSource: 'env',
    });
  });

  it('NODE_ENV=production prints no SDL unless SCHEMA_FILE asks for it', () => {
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }).schemaFile).toBeNull();
    const schemaFile = join(dataDir, 'sdl.graphql');
    expect(
      loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', SCHEMA_FILE: schemaFile }).schemaFile,
    ).toBe(schemaFile);
  });

  it('EVENT_STORE and READ_MODEL postgres share DATABASE_URL and DATABASE_SCHEMA', () => {
    const env = {
      DATA_DIR: dataDir,
      EVENT_STORE: 'postgres',
      READ_MODEL: 'postgres',
      DATABASE_URL: 'postgres://chessboard@db:5432/chessboard',
      DATABASE_SCHEMA: 'school',
    };
    const postgres = { kind: 'postgres', connectionString: env.DATABASE_URL, schema: 'school' };
    expect(loadConfig(env)).toMatchObject({ eventStore: postgres, readModel: postgres });
  });

  it('a server store without its URL names the missing variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'postgres' })).toThrow(/^DATABASE_URL: /);
    expect(() => loadConfig({ DATA_DIR: dataDir, READ_MODEL: 'postgres' })).toThrow(/^DATABASE_URL: /);
    expect(() => loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'kurrentdb' })).toThrow(/^KURRENTDB_URL: /);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['EVENT_STORE', 'mongodb'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_SCHEMA', 'Robert); DROP TABLE events;--'],
    ['READ_MODEL', 'excel'],
    ['AUTH_JWT_SECRET', 'too-short'],
  ])('a bad %s is a one-line error naming it', (variable, value) => {
    const load = () => loadConfig({ DATA_DIR: dataDir, [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^${variable}: `));
  });

  it('the error never repeats a secret', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'hunter2' })).toThrow(
      /^AUTH_JWT_SECRET: [^\n]*$/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
