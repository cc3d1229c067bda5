import { Redis } from 'ioredis';
import { loadReminderConfig } from './config/reminder-config.js';
import { verifyWebhook } from './notifiers/webhook.notifier.js';
import { memoryLogger } from '../testing/memory-logger.js';
import { hoursFromNow, openReminderFixture, type ReminderFixture } from '../testing/reminder-fixture.js';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.js';
import { uniquePrefix, waitUntil } from '../testing/wait.js';
import { startWebhookSink, type WebhookSink } from '../testing/webhook-sink.js';
import { startQueueReminders, type QueueReminders, type QueueRemindersOptions } from './queue-reminders.js';
import { reminderJobId } from './reminder-job.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'queue-test-webhook-secret';

describe('reminders on BullMQ (real Redis, real SQLite, real HTTP and SMTP servers)', () => {
  let fx: ReminderFixture;
  let hooks: WebhookSink;
  let smtp: SmtpSink;
  let running: QueueReminders[] = [];
  let prefixes: string[] = [];
  const logger = memoryLogger();

  const start = async (
    env: Record<string, string> = {},
    options: QueueRemindersOptions & { prefix: string },
  ): Promise<QueueReminders> => {
    const config = loadReminderConfig({
      REDIS_URL,
      // The tests sweep explicitly (sweepNow); the scheduler's first run happens at start.
      REMINDER_SWEEP_INTERVAL: '1h',
      REMINDER_BACKOFF: '40ms',
      REMINDER_ATTEMPTS: '5',
      WEBHOOK_SECRET: SECRET,
      REMINDER_DELIVERY_TIMEOUT: '2s',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Chessboard <cb@example.edu.cn>',
      ...env,
    });
    const reminders = await startQueueReminders(
      { store: fx.store, readModel: fx.readModel, logger, config },
      options,
    );
    running.push(reminders);
    return reminders;
  };
  const newPrefix = (): string => {
    const prefix = uniquePrefix('queue');
    prefixes.push(prefix);
    return prefix;
  };
  const deliverJobs = async (r: QueueReminders) =>
    (await r.queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'])).filter(
      (j) => j.name === 'deliver',
    );

  beforeAll(async () => {
    hooks = await startWebhookSink();
    smtp = await startSmtpSink();
  });
  beforeEach(async () => {
    fx = await openReminderFixture();
    hooks.received.length = 0;
    hooks.respond(() => 200);
    smtp.mails.length = 0;
    logger.entries.length = 0;
  });
  afterEach(async () => {
    for (const r of running) await r.stop();
    running = [];
    const redis = new Redis(REDIS_URL);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    prefixes = [];
    await fx.close();
  });
  afterAll(async () => {
    await hooks.close();
    await smtp.close();
  });

  it('enqueues exactly one job per due reminder, however many sweeps run at once', async () => {
    await fx.registerUnit('mgmt', [`${hooks.url}/mgmt`]);
    const soon = await fx.assignTask('mgmt', hoursFromNow(12));
    const later = await fx.assignTask('mgmt', hoursFromNow(24 * 5));
    await fx.assignTask('mgmt', hoursFromNow(24 * 30));
    await fx.project();
    const prefix = newPrefix();
    const a = await start({}, { prefix, runWorker: false });
    const b = await start({}, { prefix, runWorker: false });

    const results = await Promise.all([a.sweepNow(), b.sweepNow(), a.sweepNow()]);
    await a.sweepNow();
    await b.sweepNow();

    const jobs = await deliverJobs(a);
    expect(jobs.map((j) => j.id).sort()).toEqual(
      [
        reminderJobId({
          taskId: soon,
          kind: 'DUE_SOON',
          deadline: jobs.find((j) => j.data.taskId === soon)!.data.deadline,
          sequence: 0,
        }),
        reminderJobId({
          taskId: later,
          kind: 'UPCOMING',
          deadline: jobs.find((j) => j.data.taskId === later)!.data.deadline,
          sequence: 0,
        }),
      ].sort(),
    );
    expect(jobs.every((j) => !j.id!.includes(':'))).toBe(true);
    // The lock let at most one of the concurrent sweeps through; together they added the two jobs once.
    expect(results.reduce((n, r) => n + r.enqueued, 0)).toBeLessThanOrEqual(2);
  });

  it('delivers to every contact of the unit, signed, and records one ReminderSent as the worker', async () => {
    await fx.registerUnit(
      'auto',
      ['auto@example.edu.cn', `${hooks.url}/auto?key=robot-secret`],
      '汽车技术学院',
    );
    const taskId = await fx.assignTask('auto', hoursFromNow(12), '毕节职业技术学院 7 名教师培训');
    await fx.project();
    const r = await start({}, { prefix: newPrefix() });
    await r.sweepNow();

    const sent = await fx.waitForReminders(taskId);
    expect(sent).toEqual([
      expect.objectContaining({
        taskId,
        kind: 'DUE_SOON',
        sequence: 0,
        channel: 'email',
        recipient: 'auto@example.edu.cn',
      }),
    ]);
    const [request] = await hooks.waitFor(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('【催办】临近截止：毕节职业技术学院 7 名教师培训');
    expect(mail.text).toContain('责任单位：汽车技术学院');
    expect(
      verifyWebhook(
        SECRET,
        {
          signature: request.headers['x-chessboard-signature'] as string,
          timestamp: request.headers['x-chessboard-timestamp'] as string,
        },
        request.rawBody,
      ),
    ).toBe(true);
    const events = await fx.store.readStream(`task-${taskId}`);
    const recorded = events.find((e) => e.type === 'ReminderSent')!;
    expect(recorded.metadata.actor).toMatchObject({ id: 'reminder-worker', role: 'worker' });
    expect(recorded.metadata.idempotencyKey).toBe(
      reminderJobId({ taskId, kind: 'DUE_SOON', deadline: sent[0].deadline, sequence: 0 }),
    );

    await r.sweepNow();
    await fx.project();
    await r.sweepNow();
    await new Promise((res) => setTimeout(res, 300));
    expect(hooks.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('retries a webhook that answers 500 three times with backoff, delivers on the 4th try, records once', async () => {
    const taskId = await fx.taskDueSoon('mgmt', [`${hooks.url}/flaky`]);
    hooks.respond((n) => (n < 3 ? 500 : 200));
    const r = await start({}, { prefix: newPrefix() });
    await r.sweepNow();

    await fx.waitForReminders(taskId);
    expect(hooks.received).toHaveLength(4);
    const [job] = await deliverJobs(r);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(4);
    expect(await fx.remindersSent(taskId)).toHaveLength(1);
  });

  it('does not resend to a recipient that already got it when another recipient failed', async () => {
    const taskId = await fx.taskDueSoon('mgmt', ['head@example.edu.cn', `${hooks.url}/down-then-up`]);
    hooks.respond((n) => (n < 2 ? 503 : 200));
    const r = await start({}, { prefix: newPrefix() });
    await r.sweepNow();

    await fx.waitForReminders(taskId);
    expect(hooks.received).toHaveLength(3);
    expect(smtp.mails).toHaveLength(1);
  });

  it('leaves a reminder that keeps failing in the failed set, logged, and records nothing', async () => {
    const taskId = await fx.taskDueSoon('mgmt', [`${hooks.url}/down`]);
    hooks.respond(() => 500);
    const r = await start({ REMINDER_ATTEMPTS: '3' }, { prefix: newPrefix() });
    await r.sweepNow();

    const failed = await waitUntil('a failed job', async () => {
      const jobs = await r.queue.getFailed();
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(failed.map((j) => j.data)).toEqual([expect.objectContaining({ taskId, kind: 'DUE_SOON' })]);
    expect(failed[0].attemptsMade).toBe(3);
    expect(failed[0].failedReason).toContain('500');
    expect(hooks.received).toHaveLength(3);
    expect(await fx.remindersSent(taskId)).toEqual([]);
    await waitUntil('the error log', () =>
      logger.entries.some((e) => e.level === 'error' && e.msg?.includes('stays in the failed set')),
    );
    // Sweeping again does not resurrect it: the id is taken by the failed job operators can see…
    await r.sweepNow();
    expect((await deliverJobs(r)).length).toBe(1);
    // …until it has failed long enough ago (a day by default): then the next sweep tries again.
    hooks.respond(() => 200);
    const later = await start({}, { prefix: r.queue.opts.prefix!, runWorker: false, retryFailedAfterMs: 0 });
    expect(await later.sweepNow()).toMatchObject({ enqueued: 1 });
    await fx.waitForReminders(taskId);
    expect(hooks.received).toHaveLength(4);
  });

  it('does not retry a permanent failure (404): straight to the failed set', async () => {
    await fx.taskDueSoon('mgmt', [`${hooks.url}/gone`]);
    hooks.respond(() => 404);
    const r = await start({}, { prefix: newPrefix() });
    await r.sweepNow();
    const [job] = await waitUntil('a failed job', async () => {
      const jobs = await r.queue.getFailed();
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(job.attemptsMade).toBe(1);
    expect(hooks.received).toHaveLength(1);
  });

  it('drops a reminder whose deadline moved after it was enqueued, and starts the new schedule', async () => {
    const taskId = await fx.taskDueSoon('mgmt', [`${hooks.url}/moved`]);
    const prefix = newPrefix();
    const producer = await start({}, { prefix, runWorker: false });
    await producer.sweepNow();
    const [stale] = await deliverJobs(producer);
    expect(stale.data).toMatchObject({ taskId, kind: 'DUE_SOON' });

    const newDeadline = hoursFromNow(24 * 3);
    await fx.task(taskId, {
      type: 'ChangeDeadline',
      data: { taskId, deadline: newDeadline, reason: '对方学校推迟开学' },
    });
    await fx.project();
    const worker = await start({}, { prefix });
    const done = await waitUntil(
      'the stale job done',
      async () => (await worker.queue.getJob(stale.id!))?.returnvalue,
    );
    expect(done).toEqual({ status: 'dropped', reason: 'deadline-moved' });

    await worker.sweepNow();
    const sent = await fx.waitForReminders(taskId);
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'UPCOMING', deadline: new Date(newDeadline).toISOString() }),
    ]);
    expect(hooks.received).toHaveLength(1);
  });

  it('sends nothing for completed or cancelled tasks, even when a job was already queued', async () => {
    await fx.registerUnit('mgmt', [`${hooks.url}/closed`]);
    const done = await fx.assignTask('mgmt', hoursFromNow(12));
    const dropped = await fx.assignTask('mgmt', hoursFromNow(12));
    const cancelledBefore = await fx.assignTask('mgmt', hoursFromNow(12));
    await fx.task(cancelledBefore, {
      type: 'CancelTask',
      data: { taskId: cancelledBefore, reason: '计划调整' },
    });
    await fx.project();
    const prefix = newPrefix();
    const producer = await start({}, { prefix, runWorker: false });
    await producer.sweepNow();
    expect((await deliverJobs(producer)).map((j) => j.data.taskId).sort()).toEqual([done, dropped].sort());

    await fx.task(done, { type: 'CompleteTask', data: { taskId: done, summary: '已完成 92 人培训' } });
    await fx.task(dropped, { type: 'CancelTask', data: { taskId: dropped, reason: '对方取消' } });
    await fx.project();
    const worker = await start({}, { prefix });
    await waitUntil('both jobs done', async () => {
      const jobs = await deliverJobs(worker);
      return (await Promise.all(jobs.map((j) => j.getState()))).every((s) => s === 'completed');
    });
    expect((await deliverJobs(worker)).map((j) => j.returnvalue)).toEqual([
      { status: 'dropped', reason: 'closed' },
      { status: 'dropped', reason: 'closed' },
    ]);
    await worker.sweepNow();
    expect((await deliverJobs(worker)).length).toBe(2);
    expect(hooks.received).toHaveLength(0);
  });

  it('with two workers running, delivers each reminder once', async () => {
    await fx.registerUnit('mgmt', [`${hooks.url}/two-workers`]);
    const tasks = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((h) => fx.assignTask('mgmt', hoursFromNow(12 + h))),
    );
    await fx.project();
    const prefix = newPrefix();
    const one = await start({}, { prefix });
    const two = await start({}, { prefix });
    await Promise.all([one.sweepNow(), two.sweepNow()]);

    await waitUntil('all six recorded', async () => {
      const counts = await Promise.all(tasks.map(async (t) => (await fx.remindersSent(t)).length));
      return counts.every((c) => c === 1);
    });
    await Promise.all([one.sweepNow(), two.sweepNow()]);
    await new Promise((res) => setTimeout(res, 300));
    expect(hooks.received).toHaveLength(6);
    for (const t of tasks) expect(await fx.remindersSent(t)).toHaveLength(1);
  });

  it('also reminds the office of OVERDUE tasks, and follows the task to its current unit', async () => {
    await fx.registerUnit('old', [`${hooks.url}/old-unit`]);
    await fx.registerUnit('new', [`${hooks.url}/new-unit`]);
    const taskId = await fx.assignTask('old', hoursFromNow(-24 * 4));
    await fx.task(taskId, {
      type: 'ReassignTask',
      data: { taskId, unitId: 'new', reason: '改由新单位负责' },
    });
    await fx.project();
    const r = await start({ OFFICE_CONTACTS: 'office@example.edu.cn' }, { prefix: newPrefix() });
    await r.sweepNow();

    const [sent] = await fx.waitForReminders(taskId);
    expect(sent).toMatchObject({ kind: 'OVERDUE', channel: 'webhook', recipient: `${hooks.url}/new-unit` });
    expect(hooks.received.map((h) => h.path)).toEqual(['/new-unit']);
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toMatchObject({ text: 'office@example.edu.cn' });
    expect(mail.text).toMatch(/已逾期 4 天/);
  });

  it('starts without waiting for a Redis that is down, and stops cleanly', async () => {
    const config = loadReminderConfig({ REDIS_URL: 'redis://127.0.0.1:1', REMINDER_SWEEP_INTERVAL: '200ms' });
    const started = Date.now();
    const reminders = await startQueueReminders(
      { store: fx.store, readModel: fx.readModel, logger, config },
      { prefix: newPrefix() },
    );
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((res) => setTimeout(res, 500));
    await reminders.stop();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
