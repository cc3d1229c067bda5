import {
  TEST_DATABASE_URL,
  TestApp,
  type Api,
  type GraphQLErrorShape,
  type Result,
} from './support/harness.js';
import { OFFICE, REGISTER_UNIT, sleep } from './support/fixtures.js';
import { freePort, TcpProxy } from './support/tcp-proxy.js';

jest.setTimeout(90_000);

interface Health {
  status: string;
  info?: Record<string, { status: string; [detail: string]: unknown }>;
  error?: Record<string, { status: string; message?: string; [detail: string]: unknown }>;
}

async function health(app: TestApp, path: 'live' | 'ready'): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${app.running.url}/health/${path}`);
  return { status: response.status, body: (await response.json()) as Health };
}

/** PostgreSQL for both stores, reached on `port` (which may refuse connections). */
function postgresOn(port: number, schema: string): NodeJS.ProcessEnv {
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${port}`;
  return {
    EVENT_STORE: 'postgres',
    READ_MODEL: 'postgres',
    DATABASE_URL: url.toString(),
    DATABASE_SCHEMA: schema,
  };
}

const schemaFor = (name: string) => `e2e_${name}_${process.pid}_${Date.now().toString(36)}`;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs `call` and says how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await call();
  return { value, ms: Date.now() - started };
}

/** Refused with SERVICE_UNAVAILABLE in less than `ms`: the error, for a closer look. */
async function refusedWithin(
  ms: number,
  call: () => Promise<Result<unknown>>,
): Promise<GraphQLErrorShape | undefined> {
  const answer = await timed(call);
  expect(answer.ms).toBeLessThan(ms);
  const error = answer.value.errors?.[0];
  expect(error?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  return error;
}

describe('started while PostgreSQL refuses connections', () => {
  let app: TestApp;
  let office: Api;

  beforeAll(async () => {
    const port = await freePort(); // nothing listens there
    const started = Date.now();
    app = await TestApp.start({ env: postgresOn(port, schemaFor('down')) });
    expect(Date.now() - started).toBeLessThan(15_000);
    office = await app.client(OFFICE);
  });

  afterAll(async () => {
    const { ms } = await timed(() => app?.stop());
    expect(ms).toBeLessThan(10_000);
  });

  it('is live but not ready, and /health/ready names what is down', async () => {
    const live = await health(app, 'live');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });

    const ready = await health(app, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('error');
    expect(ready.body.error).toMatchObject({
      eventStore: { status: 'down', message: expect.stringMatching(/unavailable/) },
      readModel: { status: 'down' },
      projector: { status: 'down' },
    });
  });

  it('answers queries and mutations with SERVICE_UNAVAILABLE at once, telling the client nothing of the server', async () => {
    await refusedWithin(2000, () => office.call('{ units { id } }'));
    const error = await refusedWithin(2000, () =>
      office.call(REGISTER_UNIT, { input: { id: 'management', name: '管理学院', contacts: [] } }),
    );
    expect(error?.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/i);
  });
});

describe('started before its PostgreSQL is reachable', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let office: Api;

  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL);
    proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    app = await TestApp.start({ env: postgresOn(proxy.port, schemaFor('late')) });
    office = await app.client(OFFICE);
  });

  afterAll(async () => {
    await proxy?.start().catch(() => undefined); // so the schema can be dropped through the app's URL
    await app?.stop();
    await proxy?.stop();
  });

  it('becomes ready on its own once the database is there, then serves with read-your-writes', async () => {
    expect((await health(app, 'ready')).status).toBe(503);
    expect((await office.call('{ units { id } }')).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await proxy.start();
    const ready = await until(
      'ready',
      async () => {
        const result = await health(app, 'ready');
        return result.status === 200 ? result : undefined;
      },
      30_000,
    );
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: {
        eventStore: { status: 'up' },
        readModel: { status: 'up' },
        projector: { status: 'up', lag: 0 },
      },
    });

    await office.ok(REGISTER_UNIT, { input: { id: 'management', name: '管理学院', contacts: [] } });
    const { units } = await office.ok<{ units: { id: string }[] }>('{ units { id } }');
    expect(units).toEqual([{ id: 'management' }]);
  });

  it('fails fast while the database is gone again, and recovers when it is back', async () => {
    await proxy.stop();
    await refusedWithin(3000, () => office.call('{ units { id } }'));
    await refusedWithin(3000, () =>
      office.call(REGISTER_UNIT, { input: { id: 'automotive', name: '汽车技术学院', contacts: [] } }),
    );
    expect((await health(app, 'ready')).status).toBe(503);

    await proxy.start();
    await office.ok(REGISTER_UNIT, { input: { id: 'automotive', name: '汽车技术学院', contacts: [] } });
    const units = await until(
      'the projector to catch up again',
      async () => {
        const data = await office.ok<{ units: { id: string }[] }>('{ units { id } }');
        return data.units.length === 2 ? data.units : undefined;
      },
      30_000,
    );
    expect(units.map((unit) => unit.id).sort()).toEqual(['automotive', 'management']);
    await until(
      'ready again',
      async () => ((await health(app, 'ready')).status === 200 ? true : undefined),
      30_000,
    );
  });
});

describe('with REDIS_URL set (the reminder jobs)', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const apps: TestApp[] = [];
  const saved = process.env.REDIS_URL;

  /** The API as an API-only process next to workers that use this Redis. */
  async function startWith(redisUrl: string): Promise<TestApp> {
    process.env.REDIS_URL = redisUrl;
    try {
      const app = await TestApp.start({ runsProjector: false });
      apps.push(app);
      return app;
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  }

  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  it('reports Redis up on /health/ready', async () => {
    const app = await startWith(REDIS_URL);
    const ready = await health(app, 'ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', info: { redis: { status: 'up' } } } });
  });

  it('reports Redis that is down as degraded, still ready: GraphQL works without it', async () => {
    const app = await startWith(`redis://127.0.0.1:${await freePort()}`);
    const ready = await health(app, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.info).toMatchObject({
      eventStore: { status: 'up' },
      redis: { status: 'degraded', message: expect.stringMatching(/reminders wait/) },
    });
  });
});
