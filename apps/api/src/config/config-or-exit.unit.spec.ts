import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configOrExit } from './config-or-exit.js';

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs the server's startup check on `env`; returns what it printed and the exit code. */
function start(env: NodeJS.ProcessEnv, apiOnly = false): { lines: string[]; code: number | null } {
  const lines: string[] = [];
  try {
    configOrExit({
      apiOnly,
      env,
      printError: (line) => lines.push(line),
      exit: (code) => {
        throw new Exited(code);
      },
    });
    return { lines, code: null };
  } catch (error) {
    if (error instanceof Exited) return { lines, code: error.code };
    throw error;
  }
}

const SECRETS = new Set([
  'AUTH_JWT_SECRET',
  'DATABASE_URL',
  'KURRENTDB_URL',
  'WEBHOOK_SECRET',
  'SMTP_URL',
  'REDIS_URL',
]);

/**
 * Every variable `npm start` reads (the API's, the storage's, the security settings', the
 * log level, the shutdown timing and the all-in-one process's reminder settings) with a wrong value, and the
 * variables that become required by another one. The first word of the error is the
 * variable to fix.
 */
const CASES: [variable: string, env: NodeJS.ProcessEnv][] = [
  ['PORT', { PORT: 'http' }],
  ['PORT', { PORT: '70000' }],
  ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'too-short-secret' }],
  ['EVENT_STORE', { EVENT_STORE: 'mongodb' }],
  ['READ_MODEL', { READ_MODEL: 'excel' }],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://root:hunter2@db/chessboard' }],
  ['DATABASE_URL', { EVENT_STORE: 'postgres' }],
  ['DATABASE_URL', { READ_MODEL: 'postgres' }],
  ['DATABASE_SCHEMA', { DATABASE_SCHEMA: 'School; DROP TABLE events' }],
  ['KURRENTDB_URL', { KURRENTDB_URL: 'http://admin:hunter2@kurrentdb:2113' }],
  ['KURRENTDB_URL', { EVENT_STORE: 'kurrentdb' }],
  ['READINESS_MAX_LAG', { READINESS_MAX_LAG: 'lots' }],
  ['READINESS_MAX_LAG', { READINESS_MAX_LAG: '-1' }],
  ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ['SHUTDOWN_DELAY', { SHUTDOWN_DELAY: '5s' }],
  ['SHUTDOWN_TIMEOUT', { SHUTDOWN_TIMEOUT: '-1' }],
  ['AUTH_HS256', { AUTH_HS256: 'perhaps' }],
  ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'ftp://keys.example' }],
  ['AUTH_JWKS_ALGORITHMS', { AUTH_JWKS_ALGORITHMS: 'none' }],
  ['AUTH_JWKS_CACHE_TTL', { AUTH_JWKS_CACHE_TTL: 'forever' }],
  ['AUTH_JWKS_COOLDOWN', { AUTH_JWKS_COOLDOWN: '-1' }],
  ['AUTH_JWKS_TIMEOUT', { AUTH_JWKS_TIMEOUT: '0' }],
  ['AUTH_ISSUER', { AUTH_ISSUER: 'x'.repeat(501) }],
  ['AUTH_AUDIENCE', { AUTH_AUDIENCE: ' , ' }],
  ['AUTH_CLOCK_SKEW', { AUTH_CLOCK_SKEW: '3600' }],
  ['GRAPHQL_INTROSPECTION', { GRAPHQL_INTROSPECTION: 'sometimes' }],
  ['GRAPHQL_MAX_DEPTH', { GRAPHQL_MAX_DEPTH: '0' }],
  ['GRAPHQL_MAX_COST', { GRAPHQL_MAX_COST: 'cheap' }],
  ['GRAPHQL_MAX_ALIASES', { GRAPHQL_MAX_ALIASES: '-1' }],
  ['GRAPHQL_MAX_TOKENS', { GRAPHQL_MAX_TOKENS: '5' }],
  ['GRAPHQL_MAX_DIRECTIVES', { GRAPHQL_MAX_DIRECTIVES: 'many' }],
  ['HTTP_BODY_LIMIT', { HTTP_BODY_LIMIT: '1gb' }],
  ['RATE_LIMIT_WINDOW', { RATE_LIMIT_WINDOW: '0' }],
  ['RATE_LIMIT_REQUESTS', { RATE_LIMIT_REQUESTS: 'unlimited' }],
  ['RATE_LIMIT_MUTATIONS', { RATE_LIMIT_MUTATIONS: '-5' }],
  ['REDIS_URL', { REDIS_URL: 'http://:hunter2@redis:6379' }],
  ['REMINDER_QUEUE_PREFIX', { REMINDER_QUEUE_PREFIX: 'chess board' }],
  ['REMINDERS_ENABLED', { REMINDERS_ENABLED: 'maybe' }],
  ['REMINDER_SWEEP_INTERVAL', { REMINDER_SWEEP_INTERVAL: 'soon' }],
  ['REMINDER_SWEEP_MS', { REMINDER_SWEEP_MS: '-5' }],
  ['REMINDER_ATTEMPTS', { REMINDER_ATTEMPTS: '0' }],
  ['REMINDER_BACKOFF', { REMINDER_BACKOFF: 'a while' }],
  ['REMINDER_CONCURRENCY', { REMINDER_CONCURRENCY: '1000' }],
  ['REMINDER_LOCK_DURATION', { REMINDER_LOCK_DURATION: 'x' }],
  ['REMINDER_SCHEDULE', { REMINDER_SCHEDULE: 'UPCOMING=next week' }],
  ['REMINDER_TIMEZONE', { REMINDER_TIMEZONE: 'Mars/Olympus_Mons' }],
  ['REMINDER_LOCALE', { REMINDER_LOCALE: 'fr' }],
  ['PUBLIC_URL', { PUBLIC_URL: 'ftp://chessboard.example' }],
  ['SMTP_URL', { SMTP_URL: 'http://mail:hunter2@smtp.example' }],
  ['WEBHOOK_SECRET', { WEBHOOK_SECRET: 'hunter2' }],
  ['REMINDER_DELIVERY_TIMEOUT', { REMINDER_DELIVERY_TIMEOUT: 'never' }],
  ['OFFICE_CONTACTS', { OFFICE_CONTACTS: 'the office' }],
];

describe('startup configuration check (npm start, npm run start:api)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'chessboard-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a valid environment starts', () => {
    expect(start({ DATA_DIR: dataDir })).toEqual({ lines: [], code: null });
  });

  it.each(CASES)('a bad or missing %s: exit 1 and one line naming it', (variable, env) => {
    const { lines, code } = start({ DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toMatch(new RegExp(`^chessboard: invalid configuration: ${variable}: \\S`));
    if (SECRETS.has(variable)) expect(lines[0]).not.toContain('hunter2');
  });

  it('a DATA_DIR that cannot be created: exit 1 and one line naming it', () => {
    const file = join(dataDir, 'a-file');
    writeFileSync(file, '');
    const { lines, code } = start({ DATA_DIR: join(file, 'data') });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^chessboard: invalid configuration: DATA_DIR: cannot use .* \(ENOTDIR\)$/),
    ]);
  });

  it('--api-only does not read the reminder settings (the workers do)', () => {
    expect(start({ DATA_DIR: dataDir, REMINDER_LOCALE: 'fr' }, true)).toEqual({ lines: [], code: null });
  });
});
