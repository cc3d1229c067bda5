import { Redis } from 'ioredis';
import { loadReminderConfig } from '#reminders';
import { spawnRedis, spawnWorker, type Child } from './support/processes.js';
import { freePort } from './support/tcp-proxy.js';
import {
  hoursFromNow,
  openReminderFixture,
  type ReminderFixture,
} from '../libs/reminders/testing/reminder-fixture.js';
import { sleep, uniquePrefix, waitUntil } from '../libs/reminders/testing/wait.js';
import { startWebhookSink, type WebhookSink } from '../libs/reminders/testing/webhook-sink.js';

jest.setTimeout(90_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The worker process as `npm run start:worker` runs it, tuned to notice a dead worker in about a second. */
const workerEnv = (fx: ReminderFixture, redisUrl: string, prefix: string): Record<string, string> => ({
  DATA_DIR: fx.dir,
  REDIS_URL: redisUrl,
  REMINDER_QUEUE_PREFIX: prefix,
  REMINDER_SWEEP_INTERVAL: '300ms',
  REMINDER_BACKOFF: '100ms',
  REMINDER_LOCK_DURATION: '1s',
  WEBHOOK_SECRET: 'e2e-webhook-secret-value',
  REMINDER_DELIVERY_TIMEOUT: '60s',
});

describe('the reminder worker process (npm run start:worker)', () => {
  let fx: ReminderFixture;
  let hooks: WebhookSink;
  let children: Child[] = [];
  let prefix: string;
  const track = (child: Child): Child => {
    children.push(child);
    return child;
  };
  /** Waits (30 s at most) until the task's ReminderSent events appear in the store. */
  const firstRemindersSent = (taskId: string) =>
    waitUntil(
      'ReminderSent',
      async () => {
        const events = await fx.remindersSent(taskId);
        return events.length > 0 ? events : undefined;
      },
      30_000,
    );

  beforeEach(async () => {
    fx = await openReminderFixture();
    hooks = await startWebhookSink();
    prefix = uniquePrefix('e2e');
  });
  afterEach(async () => {
    for (const child of children) child.kill();
    await Promise.all(children.map((c) => c.exited));
    if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
      for (const child of children) console.log(child.output.join('').slice(-4000));
    }
    children = [];
    await hooks.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await fx.close();
  });

  it('killed (SIGKILL) mid-delivery and restarted: delivered at least once, recorded exactly once', async () => {
    await fx.registerUnit('automotive', [`${hooks.url}/automotive`], '汽车技术学院');
    const taskId = await fx.assignTask('automotive', hoursFromNow(12));
    // The first delivery hangs: the worker is inside deliver() when it is killed.
    hooks.respond((n) => (n === 0 ? 'hang' : 200));

    const first = track(spawnWorker(workerEnv(fx, REDIS_URL, prefix)));
    await hooks.waitFor(1, 20_000);
    first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(await fx.remindersSent(taskId)).toEqual([]);

    const second = track(spawnWorker(workerEnv(fx, REDIS_URL, prefix)));
    const sent = await firstRemindersSent(taskId);
    expect(sent).toEqual([expect.objectContaining({ kind: 'DUE_SOON', channel: 'webhook' })]);
    expect(hooks.received).toHaveLength(2);

    // More sweeps, a restart: nothing more is delivered or recorded.
    await sleep(1500);
    second.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const third = track(spawnWorker(workerEnv(fx, REDIS_URL, prefix)));
    await third.waitForOutput('worker started');
    await sleep(1500);
    expect(hooks.received).toHaveLength(2);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('Redis stopped for a while and started again (empty): reminders due in the gap are sent after it returns', async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    let redis = track(spawnRedis(port));
    await redis.waitForOutput('Ready to accept connections');
    await fx.registerUnit('textile', [`${hooks.url}/textile`], '轻纺食品系');
    const worker = track(spawnWorker(workerEnv(fx, redisUrl, prefix)));
    await worker.waitForOutput('worker started');

    redis.kill('SIGKILL');
    await redis.exited;
    // Writes do not need Redis: the task is assigned while it is down, its DUE_SOON falls due at once.
    const taskId = await fx.assignTask('textile', hoursFromNow(12), '新疆轻工职业技术学院服装专业课程建设');
    await sleep(1500);
    expect(hooks.received).toHaveLength(0);

    // No persistence: the job scheduler and every queued job are gone; the worker recreates the schedule.
    redis = track(spawnRedis(port));
    await redis.waitForOutput('Ready to accept connections');
    const sent = await firstRemindersSent(taskId);
    expect(sent).toEqual([expect.objectContaining({ kind: 'DUE_SOON' })]);
    await sleep(1000);
    expect(hooks.received).toHaveLength(1);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('refuses to start without REDIS_URL, naming it', async () => {
    const worker = track(spawnWorker({ DATA_DIR: fx.dir }));
    expect(await worker.exited).toBe(1);
    expect(worker.output.join('')).toContain('REDIS_URL is not set');
    expect(() => loadReminderConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });
});
