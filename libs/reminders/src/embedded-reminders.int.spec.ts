import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadReminderConfig } from './config/reminder-config.js';
import { memoryLogger } from '../testing/memory-logger.js';
import { hoursFromNow, openReminderFixture, type ReminderFixture } from '../testing/reminder-fixture.js';
import { sleep, waitUntil } from '../testing/wait.js';
import { startWebhookSink, type WebhookSink } from '../testing/webhook-sink.js';
import { startEmbeddedReminders, type EmbeddedReminders } from './embedded-reminders.js';

describe('embedded reminders (no Redis: a timer in the API process)', () => {
  let fx: ReminderFixture;
  let hooks: WebhookSink;
  let running: EmbeddedReminders[] = [];
  const logger = memoryLogger();
  const start = (
    env: Record<string, string> = {},
    autoStart = true,
    retryFailedAfterMs?: number,
  ): EmbeddedReminders => {
    const config = loadReminderConfig({
      REMINDER_SWEEP_INTERVAL: '100ms',
      REMINDER_BACKOFF: '30ms',
      WEBHOOK_SECRET: 'embedded-test-webhook-secret',
      REMINDER_DELIVERY_TIMEOUT: '2s',
      ...env,
    });
    const reminders = startEmbeddedReminders({
      store: fx.store,
      readModel: fx.readModel,
      logger,
      config,
      autoStart,
      retryFailedAfterMs,
    });
    running.push(reminders);
    return reminders;
  };

  beforeAll(async () => {
    hooks = await startWebhookSink();
  });
  beforeEach(async () => {
    fx = await openReminderFixture();
    hooks.received.length = 0;
    hooks.respond(() => 200);
    logger.entries.length = 0;
  });
  afterEach(async () => {
    for (const r of running) await r.stop();
    running = [];
    await fx.close();
  });
  afterAll(() => hooks.close());

  it('delivers a DUE_SOON reminder within the sweep interval, once, and not again after a restart', async () => {
    const taskId = await fx.taskDueSoon('mgmt', [`${hooks.url}/mgmt`]);
    const first = start();

    const [sent] = await fx.waitForReminders(taskId, 1, 3000);
    expect(sent).toMatchObject({ kind: 'DUE_SOON', channel: 'webhook', recipient: `${hooks.url}/mgmt` });
    await fx.project();
    await sleep(300);
    await first.stop();

    start();
    await sleep(400);
    expect(hooks.received).toHaveLength(1);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('re-checks the event store, so a read model that lags behind does not cause a second delivery', async () => {
    const taskId = await fx.taskDueSoon('mgmt', [`${hooks.url}/lag`]);
    const reminders = start({}, false);
    await reminders.tick();
    // The read model never hears of the ReminderSent (no project()): the sweep finds it due again.
    await reminders.tick();
    await reminders.tick();
    expect(hooks.received).toHaveLength(1);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('retries with backoff until delivered, and parks a reminder that keeps failing', async () => {
    await fx.registerUnit('flaky', [`${hooks.url}/flaky`]);
    await fx.registerUnit('down', [`${hooks.url}/down`]);
    const flaky = await fx.assignTask('flaky', hoursFromNow(12));
    const down = await fx.assignTask('down', hoursFromNow(12));
    await fx.project();
    hooks.respond((n, path) => (path === '/down' || n < 3 ? 500 : 200));
    const reminders = start({ REMINDER_ATTEMPTS: '4' });

    await fx.waitForReminders(flaky, 1, 5000);
    const failed = await waitUntil(
      'the other parked',
      () => (reminders.failed().length > 0 ? reminders.failed() : null),
      5000,
    );
    expect(failed).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ taskId: down }), attempts: 4 }),
    ]);
    expect(hooks.received.filter((h) => h.path === '/flaky')).toHaveLength(4);
    await sleep(400);
    expect(hooks.received.filter((h) => h.path === '/down')).toHaveLength(4);
    expect(await fx.remindersSent(down)).toEqual([]);
    expect(logger.entries.some((e) => e.level === 'error' && e.msg === 'reminder failed for good')).toBe(
      true,
    );
  });

  it('tries a parked reminder again once it has failed long enough ago, if it is still due', async () => {
    const taskId = await fx.taskDueSoon('down', [`${hooks.url}/down-for-a-while`]);
    hooks.respond(() => 500);
    const reminders = start({ REMINDER_ATTEMPTS: '2' }, true, 300);
    await waitUntil('parked', () => reminders.failed().length === 1, 5000);
    hooks.respond(() => 200);
    await fx.waitForReminders(taskId, 1, 5000);
    expect(hooks.received).toHaveLength(3);
  });

  it('never runs two cycles at once: a tick during a cycle joins it', async () => {
    await fx.taskDueSoon('slow', [`${hooks.url}/slow`]);
    const reminders = start({}, false);
    const first = reminders.tick();
    expect(reminders.tick()).toBe(first);
    await Promise.all([first, reminders.tick()]);
    expect(hooks.received).toHaveLength(1);
    expect(logger.entries.filter((e) => e.msg === 'reminder sweep')).toHaveLength(1);
  });

  it('delivers up to REMINDER_CONCURRENCY reminders at once, each recorded once', async () => {
    let inFlight = 0;
    let most = 0;
    let received = 0;
    // A receiver that takes 300 ms per webhook, counting how many it holds at once.
    const slow = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          received++;
          res.writeHead(200).end('{}');
        }, 300),
      );
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = slow.address() as AddressInfo;
      await fx.registerUnit('busy', [`http://127.0.0.1:${port}/busy`]);
      const tasks: string[] = [];
      for (let i = 0; i < 7; i++) tasks.push(await fx.assignTask('busy', hoursFromNow(12)));
      await fx.project();
      await start({ REMINDER_CONCURRENCY: '3' }, false).tick();
      expect(received).toBe(7);
      expect(most).toBe(3);
      for (const taskId of tasks) expect(await fx.remindersSent(taskId)).toHaveLength(1);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('does nothing when REMINDERS_ENABLED=false', async () => {
    await fx.taskDueSoon('mgmt', [`${hooks.url}/off`]);
    start({ REMINDERS_ENABLED: 'false' });
    await sleep(300);
    expect(hooks.received).toHaveLength(0);
  });
});
