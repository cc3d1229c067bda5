import { isStoreOutage } from '#event-store';
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { deliverReminder, DeliveryFailedError, type DeliveryOutcome } from './deliver-reminder.js';
import type { ReminderJobData } from './reminder-job.js';
import { createReminderRuntime, type RemindersInput } from './reminder-runtime.js';
import { sweepReminders, type ReminderJob, type SweepResult } from './sweep.js';

export const REMINDER_QUEUE = 'chessboard-reminders';
export const SWEEP_SCHEDULER_ID = 'reminder-sweep';

/** A delivery job: the reminder plus the recipients earlier attempts already reached. */
export interface DeliverJobData extends ReminderJobData {
  readonly delivered?: readonly string[];
}

type SweepJobData = Record<string, never>;
type ReminderQueueData = DeliverJobData | SweepJobData;
// Job names are 'deliver' and 'sweep'; BullMQ also types the scheduler id with the name type, hence string.
type ReminderJobName = string;
type ReminderQueueJob = Job<ReminderQueueData, unknown, ReminderJobName>;

export interface QueueRemindersOptions {
  /** Redis key prefix (default REMINDER_QUEUE_PREFIX); tests use one per file so they never collide. */
  readonly prefix?: string;
  /** false: only enqueue/schedule (an API that leaves delivery to separate workers). Default true. */
  readonly runWorker?: boolean;
  /**
   * A reminder whose job failed for good is queued afresh by the first sweep after this long,
   * if it is still due (a webhook down for a day is tried again, not given up). Default 24 h.
   */
  readonly retryFailedAfterMs?: number;
  /** Worker tuning, for tests (e.g. short lockDuration/stalledInterval to recover killed workers fast). */
  readonly worker?: Pick<
    WorkerOptions,
    'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'drainDelay'
  >;
}

export interface QueueReminders {
  readonly queue: Queue<ReminderQueueData, unknown, ReminderJobName>;
  readonly worker: Worker<ReminderQueueData, unknown, ReminderJobName> | null;
  /** Runs one sweep in this process (the scheduler does it every REMINDER_SWEEP_INTERVAL). */
  sweepNow(): Promise<SweepResult>;
  /** Graceful: stop taking jobs, let the active ones finish (or release them to another worker), close connections. */
  stop(): Promise<void>;
}

/** Keep completed jobs a week (their ids make repeated sweeps no-ops) and failed ones a month, for operators. */
const KEEP_COMPLETED = { age: 7 * 86_400, count: 50_000 };
const RETRY_FAILED_AFTER_MS = 86_400_000;
const KEEP_FAILED = { age: 30 * 86_400, count: 50_000 };

/**
 * Server mode (REDIS_URL set). One queue, two job names:
 * - `sweep`, produced by the job scheduler `reminder-sweep` every REMINDER_SWEEP_INTERVAL.
 *   A Redis lock makes sure only one sweep runs at a time however many workers there are.
 *   The sweep adds one `deliver` job per due reminder with its deterministic id, so a
 *   reminder already queued or done (kept a week) is not added again; one that failed for
 *   good is added again by the first sweep a day later (retryFailedAfterMs) if still due.
 * - `deliver`: deliverReminder, retried REMINDER_ATTEMPTS times with exponential backoff;
 *   permanent failures skip the remaining tries; the last failure stays in the failed set
 *   and is logged at error level.
 * Every process re-upserts the scheduler each interval, so a Redis that lost its data (a
 * restart without persistence) gets its schedule back; the sweep then re-derives every
 * reminder still due from state.
 */
export async function startQueueReminders(
  input: RemindersInput,
  options: QueueRemindersOptions = {},
): Promise<QueueReminders> {
  const { logger } = input;
  const runtime = createReminderRuntime(input);
  const { config } = runtime;
  if (!config.redisUrl) throw new Error('startQueueReminders needs REDIS_URL');
  const prefix = options.prefix ?? config.queuePrefix;
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue<ReminderQueueData, unknown, ReminderJobName>(REMINDER_QUEUE, {
    connection,
    prefix,
  });
  // ioredis retries a lost connection every few hundred ms: one warning per outage is enough.
  let redisDown = false;
  const redisError = (source: string) => (err: Error) => {
    if (!isStoreOutage(err)) {
      logger.warn({ err: err.message, source }, 'reminders: BullMQ error');
      return;
    }
    if (redisDown) return;
    redisDown = true;
    logger.warn(
      { err: err.message, source },
      'reminders: Redis unreachable; retrying (logged once per outage)',
    );
  };
  queue.on('error', redisError('queue'));
  const lockRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
  lockRedis.on('error', redisError('sweep lock'));
  lockRedis.on('ready', () => {
    if (redisDown) logger.info({}, 'reminders: Redis is back');
    redisDown = false;
  });
  const lockKey = `${prefix}:${REMINDER_QUEUE}:sweep-lock`;

  const enqueue = async (jobs: readonly ReminderJob[]): Promise<number> => {
    const states = await Promise.all(jobs.map((j) => queue.getJobState(j.id)));
    const retryAfter = options.retryFailedAfterMs ?? RETRY_FAILED_AFTER_MS;
    for (const [i, state] of states.entries()) {
      if (state !== 'failed') continue;
      const failed = await queue.getJob(jobs[i].id);
      if (failed && Date.now() - (failed.finishedOn ?? 0) >= retryAfter) {
        logger.info(
          { reminder: { id: failed.id } },
          'reminder failed a while ago and is still due: trying again',
        );
        await failed.remove();
        states[i] = 'unknown';
      }
    }
    await queue.addBulk(
      jobs.map((job) => ({
        name: 'deliver' as const,
        data: job.data,
        opts: {
          jobId: job.id,
          attempts: config.attempts,
          backoff: { type: 'exponential', delay: config.backoffMs },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      })),
    );
    return states.filter((s) => s === 'unknown').length;
  };

  const sweepNow = async (): Promise<SweepResult> => {
    const token = randomUUID();
    // The lock outlives a sweep that hangs, but not by much: a crashed holder frees it soon.
    const ttl = Math.max(config.sweepIntervalMs * 5, 60_000);
    const acquired = await lockRedis.set(lockKey, token, 'PX', ttl, 'NX');
    if (acquired !== 'OK') {
      logger.info({}, 'reminder sweep skipped: another worker is sweeping');
      return { scanned: 0, due: 0, enqueued: 0 };
    }
    try {
      return await sweepReminders(runtime.tasks, enqueue, {
        now: runtime.clock().toISOString(),
        schedule: runtime.schedule,
        logger,
      });
    } finally {
      await lockRedis
        .eval(
          `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`,
          1,
          lockKey,
          token,
        )
        .catch(() => undefined);
    }
  };

  const upsertScheduler = async (): Promise<void> => {
    await queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: config.sweepIntervalMs },
      { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  };
  // Not awaited: with Redis down at boot the API must still start (the keeper retries).
  const keepScheduled = (): void => {
    upsertScheduler().catch((err: Error) =>
      logger.warn({ err: err.message }, 'reminder scheduler upsert failed'),
    );
  };
  keepScheduled();
  const keeper = setInterval(keepScheduled, config.sweepIntervalMs);
  keeper.unref();

  const processJob = async (job: ReminderQueueJob): Promise<SweepResult | DeliveryOutcome> => {
    if (job.name === 'sweep') return sweepNow();
    const data = job.data as DeliverJobData;
    const delivered = new Set(data.delivered ?? []);
    try {
      return await deliverReminder(runtime.delivery, {
        id: job.id ?? '',
        data,
        finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        ledger: {
          has: (key) => delivered.has(key),
          add: async (key) => {
            delivered.add(key);
            await job.updateData({ ...data, delivered: [...delivered] });
          },
        },
      });
    } catch (error) {
      if (error instanceof DeliveryFailedError && error.permanent)
        throw new UnrecoverableError(error.message);
      throw error;
    }
  };

  let worker: Worker<ReminderQueueData, unknown, ReminderJobName> | null = null;
  if (options.runWorker !== false) {
    worker = new Worker<ReminderQueueData, unknown, ReminderJobName>(REMINDER_QUEUE, processJob, {
      connection,
      prefix,
      concurrency: config.concurrency,
      lockDuration: config.lockDurationMs,
      stalledInterval: config.lockDurationMs,
      ...options.worker,
    });
    worker.on('error', redisError('worker'));
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const entry = {
        reminder: { id: job.id, name: job.name, attemptsMade: job.attemptsMade },
        err: err.message,
      };
      if (final) logger.error(entry, 'reminder job failed for good; it stays in the failed set');
      else logger.warn(entry, 'reminder job failed; retrying with backoff');
    });
  }
  logger.info(
    { queue: REMINDER_QUEUE, prefix, everyMs: config.sweepIntervalMs },
    'reminders: BullMQ mode started',
  );

  return {
    queue,
    worker,
    sweepNow,
    stop: async () => {
      clearInterval(keeper);
      // With Redis unreachable a graceful close waits for it forever, and active jobs could not
      // be acknowledged anyway: force it; their locks expire and another worker takes them over.
      await worker?.close(lockRedis.status !== 'ready');
      await queue.close();
      lockRedis.disconnect();
      runtime.close();
    },
  };
}
