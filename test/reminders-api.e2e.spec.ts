import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type RunningApp } from '../apps/api/src/app.js';
import { signToken } from '../apps/api/src/auth/jwt.js';
import { loadConfig, type AppConfig } from '../apps/api/src/config/app-config.js';
import { loadReminderConfig, verifyWebhook } from '#reminders';
import { spawnRedis, type Child } from './support/processes.js';
import { freePort } from './support/tcp-proxy.js';
import { sleep, uniquePrefix, waitUntil } from '../libs/reminders/testing/wait.js';
import { startWebhookSink, type WebhookSink } from '../libs/reminders/testing/webhook-sink.js';
import { ASSIGN, OFFICE, REGISTER_PROGRAM, REGISTER_UNIT, TIBET, trainingTask } from './support/fixtures.js';
import { Api } from './support/harness.js';

jest.setTimeout(60_000);

const SECRET = 'all-in-one-webhook-secret';
const REMINDERS = `query($id: ID!) { task(id: $id) {
  reminders { kind deadline sentAt channel recipient }
  history { type actor { id role } }
} }`;

interface TaskReminders {
  task: {
    reminders: { kind: string; deadline: string; sentAt: string; channel: string; recipient: string }[];
    history: { type: string; actor: { id: string; role: string } }[];
  };
}

/** The all-in-one process of `npm start` (createApp with reminders), with a short sweep interval. */
async function startAllInOne(
  config: AppConfig,
  env: Record<string, string> = {},
): Promise<{ app: RunningApp; office: Api }> {
  const reminders = loadReminderConfig({ REMINDER_SWEEP_INTERVAL: '500ms', WEBHOOK_SECRET: SECRET, ...env });
  const app = await createApp(config, { reminders, logger: ['error'] });
  const token = await signToken(
    { sub: OFFICE.id, role: OFFICE.role, name: OFFICE.name, ttl: '1h' },
    config.jwtSecret,
  );
  return { app, office: new Api(app.graphqlUrl, `Bearer ${token}`) };
}

describe('npm start (embedded reminders): a task due in 12 hours', () => {
  let dataDir: string;
  let hooks: WebhookSink;
  let config: AppConfig;
  let app: RunningApp | null = null;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chessboard-reminders-api-'));
    config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), schemaFile: null };
    hooks = await startWebhookSink();
  });
  afterAll(async () => {
    await app?.close();
    await hooks.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses contacts nobody can deliver to, and gets one DUE_SOON delivery to its unit webhook within the sweep interval, in Task.reminders and history, and none again after a restart', async () => {
    let office: Api;
    ({ app, office } = await startAllInOne(config));
    await office.ok(REGISTER_UNIT, {
      input: { id: 'automotive', name: '汽车技术学院', contacts: [`${hooks.url}/robot/automotive`] },
    });
    for (const contact of ['head@example', 'ftp://hooks.example.edu.cn/x', 'javascript:alert(1)']) {
      const error = await office.fails(REGISTER_UNIT, {
        input: { id: 'textile', name: '轻纺食品系', contacts: [contact] },
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    }
    await office.ok(REGISTER_PROGRAM, { input: TIBET });
    const deadline = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const assigned = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: { ...trainingTask(deadline), unitId: 'automotive' },
    });
    const taskId = assigned.assignTask.task.id;

    const [request] = await hooks.waitFor(1, 5000);
    expect(request.path).toBe('/robot/automotive');
    expect(request.json).toMatchObject({
      kind: 'DUE_SOON',
      task: { id: taskId },
      unit: { name: '汽车技术学院' },
    });
    const signature = request.headers['x-chessboard-signature'] as string;
    const timestamp = request.headers['x-chessboard-timestamp'] as string;
    expect(verifyWebhook(SECRET, { signature, timestamp }, request.rawBody)).toBe(true);

    const { task } = await waitUntil('Task.reminders', async () => {
      const data = await office.ok<TaskReminders>(REMINDERS, { id: taskId });
      return data.task.reminders.length > 0 ? data : undefined;
    });
    expect(task.reminders).toEqual([
      {
        kind: 'DUE_SOON',
        deadline: new Date(deadline).toISOString(),
        sentAt: expect.any(String),
        channel: 'webhook',
        recipient: `${hooks.url}/robot/automotive`,
      },
    ]);
    expect(task.history.filter((e) => e.type === 'ReminderSent')).toEqual([
      { type: 'ReminderSent', actor: { id: 'reminder-worker', role: 'WORKER' } },
    ]);

    await app.close();
    ({ app } = await startAllInOne(config));
    await sleep(1500);
    await app.close();
    app = null;
    expect(hooks.received).toHaveLength(1);
  });
});

describe('npm start with REDIS_URL (BullMQ in the API process) while Redis is down', () => {
  let dataDir: string;
  let hooks: WebhookSink;
  let app: RunningApp | null = null;
  const redises: Child[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chessboard-reminders-redis-'));
    hooks = await startWebhookSink();
  });
  afterAll(async () => {
    await app?.close();
    for (const redis of redises) redis.kill();
    await Promise.all(redises.map((r) => r.exited));
    await hooks.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps accepting mutations, and sends the reminders that fell due once Redis is back', async () => {
    const port = await freePort();
    const start = async (): Promise<void> => {
      const redis = spawnRedis(port);
      redises.push(redis);
      await redis.waitForOutput('Ready to accept connections');
    };
    await start();
    const config = { ...loadConfig({ DATA_DIR: dataDir, PORT: '0' }), schemaFile: null };
    let office: Api;
    ({ app, office } = await startAllInOne(config, {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REMINDER_QUEUE_PREFIX: uniquePrefix('api'),
      REMINDER_LOCK_DURATION: '1s',
    }));
    await office.ok(REGISTER_UNIT, {
      input: { id: 'textile', name: '轻纺食品系', contacts: [`${hooks.url}/textile`] },
    });
    await office.ok(REGISTER_PROGRAM, { input: TIBET });

    redises[0].kill('SIGKILL');
    await redises[0].exited;
    const deadline = new Date(Date.now() + 12 * 3_600_000).toISOString();
    const assigned = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: { ...trainingTask(deadline), unitId: 'textile' },
    });
    const taskId = assigned.assignTask.task.id;
    await sleep(1000);
    expect(hooks.received).toHaveLength(0);

    await start();
    const [request] = await hooks.waitFor(1, 20_000);
    expect(request.json).toMatchObject({ kind: 'DUE_SOON', task: { id: taskId } });
    await waitUntil('Task.reminders', async () => {
      const data = await office.ok<TaskReminders>(REMINDERS, { id: taskId });
      return data.task.reminders.length === 1;
    });
    await sleep(1000);
    expect(hooks.received).toHaveLength(1);
  });
});
