import pg from 'pg';
import { freePort, TcpProxy } from '../../../test/support/tcp-proxy.js';
import { StorageConnector } from './storage-connector.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function postgresAt(port: number, schema: string) {
  const url = new URL(DATABASE_URL);
  url.host = `127.0.0.1:${port}`;
  const store = { kind: 'postgres' as const, connectionString: url.toString(), schema };
  return { eventStore: store, readModel: store };
}

function recordingLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (_details: object, message: string): void =>
      void lines.push(`${level} ${message}`);
  return { lines, info: record('log'), warn: record('warn'), error: record('error') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('StorageConnector', () => {
  jest.setTimeout(60_000);
  const schema = `connector_${process.pid}_${Date.now().toString(36)}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('keeps retrying a database that refuses connections with one log line, and closes at once', async () => {
    const logger = recordingLogger();
    const connector = new StorageConnector(postgresAt(await freePort(), schema), logger, {
      initialDelayMs: 5,
      maxDelayMs: 20,
    }).start();
    expect(await connector.firstAttempt(10_000)).toBe(false);
    await sleep(500);

    expect(connector.attempts).toBeGreaterThan(5);
    expect(connector.store).toBeNull();
    expect(connector.problem).toMatch(
      /^event store \(PostgreSQL 127\.0\.0\.1:\d+ schema connector_\w+\) unavailable/,
    );
    expect(connector.problem).toMatch(/read model .* unavailable/);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn event store .*; retrying with backoff/);

    const started = Date.now();
    await connector.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(connector.problem).toBe('closed');
  });

  it('repeats an unchanged failure at most once per quiet period', async () => {
    const logger = recordingLogger();
    const connector = new StorageConnector(postgresAt(await freePort(), schema), logger, {
      initialDelayMs: 5,
      maxDelayMs: 20,
      quietMs: 200,
    }).start();
    await sleep(700);
    await connector.close();
    expect(logger.lines.length).toBeGreaterThanOrEqual(2);
    expect(logger.lines.length).toBeLessThanOrEqual(5);
    expect(logger.lines[1]).toMatch(/^warn still unavailable after \d+ attempts/);
  });

  it('connects on its own once the database appears, and says after how long', async () => {
    const target = new URL(DATABASE_URL);
    const proxy = new TcpProxy(await freePort(), {
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    const logger = recordingLogger();
    const connector = new StorageConnector(postgresAt(proxy.port, schema), logger, {
      initialDelayMs: 20,
      maxDelayMs: 100,
    }).start();
    let connected = false;
    void connector.whenConnected().then(() => (connected = true));
    expect(await connector.firstAttempt(10_000)).toBe(false);
    expect(connected).toBe(false);

    await proxy.start();
    await connector.whenConnected();
    expect(connector.connected).toBe(true);
    expect(connector.problem).toBeNull();
    expect(await connector.store!.headPosition()).toBe(0n);
    expect(await connector.readModel!.checkpoint()).toBe(0n);
    expect(logger.lines.at(-1)).toMatch(/^log storage connected after \d+ attempts/);

    await connector.close();
    expect(connector.store).toBeNull();
    await proxy.stop();
  });
});
