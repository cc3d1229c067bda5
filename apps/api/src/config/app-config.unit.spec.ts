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
      eventStore: 'sqlite',
      readModel: 'sqlite',
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

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['EVENT_STORE', 'mongodb'],
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
