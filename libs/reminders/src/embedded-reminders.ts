import { deliverReminder, DeliveryFailedError } from './deliver-reminder.js';
import type { ReminderJobData } from './reminder-job.js';
import { backoffDelay, createReminderRuntime, type RemindersInput } from './reminder-runtime.js';
import { sweepReminders, type ReminderJob } from './sweep.js';

interface Pending {
  readonly id: string;
  readonly data: ReminderJobData;
  /** Attempts made so far. */
  attempts: number;
  /** Epoch ms before which the next attempt must not run (backoff). */
  notBefore: number;
  readonly delivered: Set<string>;
}

export interface FailedReminder {
  readonly id: string;
  readonly data: ReminderJobData;
  readonly attempts: number;
  readonly reason: string;
  /** Epoch ms of the last attempt. */
  readonly failedAt: number;
}

export interface EmbeddedReminders {
  /** Runs one cycle now (sweep if it is due, then due deliveries); concurrent calls share one run. */
  tick(): Promise<void>;
  /** Reminders that exhausted their attempts since this process started (also logged at error level). */
  failed(): readonly FailedReminder[];
  /** Stops the timer and waits for the cycle in progress. */
  stop(): Promise<void>;
}

/**
 * Embedded mode (no REDIS_URL): the same sweep and delivery as the BullMQ worker, on a
 * timer inside the API process. One cycle at a time, delivering up to REMINDER_CONCURRENCY
 * reminders at once (as one BullMQ worker would); retries with the same exponential
 * backoff; a reminder that exhausts REMINDER_ATTEMPTS is logged and parked for a day (or
 * until the process restarts); then the sweep derives it again if it is still due. Queue state lives in memory only:
 * nothing is lost by a restart, because the sweep re-derives from state and delivery
 * re-checks the event store.
 */
export function startEmbeddedReminders(
  input: RemindersInput & {
    autoStart?: boolean;
    /** A reminder that failed for good is tried again by the first sweep this long after (default 24 h). */
    retryFailedAfterMs?: number;
  },
): EmbeddedReminders {
  const { logger } = input;
  const runtime = createReminderRuntime(input);
  const { config } = runtime;
  const pending = new Map<string, Pending>();
  const failed = new Map<string, FailedReminder>();
  const now = (): number => runtime.clock().getTime();
  let nextSweepAt = 0;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const enqueue = async (jobs: readonly ReminderJob[]): Promise<number> => {
    let added = 0;
    for (const job of jobs) {
      const parked = failed.get(job.id);
      if (parked && now() - parked.failedAt < (input.retryFailedAfterMs ?? 86_400_000)) continue;
      failed.delete(job.id);
      if (pending.has(job.id)) continue;
      pending.set(job.id, { id: job.id, data: job.data, attempts: 0, notBefore: 0, delivered: new Set() });
      added++;
    }
    return added;
  };

  const attempt = async (job: Pending): Promise<void> => {
    const finalAttempt = job.attempts + 1 >= config.attempts;
    try {
      await deliverReminder(runtime.delivery, {
        id: job.id,
        data: job.data,
        finalAttempt,
        ledger: {
          has: (key) => job.delivered.has(key),
          add: async (key) => void job.delivered.add(key),
        },
      });
      pending.delete(job.id);
    } catch (error) {
      job.attempts++;
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryFailedError && error.permanent;
      if (permanent || finalAttempt) {
        pending.delete(job.id);
        failed.set(job.id, { id: job.id, data: job.data, attempts: job.attempts, reason, failedAt: now() });
        logger.error(
          { reminder: { id: job.id, attempts: job.attempts }, err: reason },
          'reminder failed for good',
        );
      } else {
        job.notBefore = now() + backoffDelay(config.backoffMs, job.attempts);
        logger.warn(
          { reminder: { id: job.id, attempts: job.attempts }, err: reason },
          'reminder will be retried',
        );
      }
    }
  };

  const cycle = async (): Promise<void> => {
    if (now() >= nextSweepAt) {
      nextSweepAt = now() + config.sweepIntervalMs;
      try {
        await sweepReminders(runtime.tasks, enqueue, {
          now: runtime.clock().toISOString(),
          schedule: runtime.schedule,
          logger,
        });
      } catch (error) {
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'reminder sweep failed',
        );
      }
    }
    await deliverDue();
  };

  /**
   * Up to REMINDER_CONCURRENCY deliveries at once, but the reminders of one task one after
   * another (a retried older one and a newer one must not race to append to its stream).
   */
  const deliverDue = async (): Promise<void> => {
    const byTask = new Map<string, Pending[]>();
    for (const job of pending.values()) {
      if (job.notBefore > now()) continue;
      const jobs = byTask.get(job.data.taskId);
      if (jobs) jobs.push(job);
      else byTask.set(job.data.taskId, [job]);
    }
    const tasks = [...byTask.values()];
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let jobs = tasks[next++]; jobs && !stopped; jobs = tasks[next++]) {
        for (const job of jobs) {
          if (stopped) return;
          if (job.notBefore <= now()) await attempt(job);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, tasks.length) }, lane));
  };

  const tick = (): Promise<void> => {
    running ??= cycle().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = (): void => {
    void tick().then(() => {
      if (stopped) return;
      const wake = Math.min(nextSweepAt, ...[...pending.values()].map((j) => j.notBefore));
      timer = setTimeout(loop, Math.max(0, Math.min(wake - now(), config.sweepIntervalMs)));
      timer.unref();
    });
  };

  if (config.enabled && input.autoStart !== false) {
    logger.info({ everyMs: config.sweepIntervalMs }, 'reminders: embedded sweep started');
    loop();
  }

  return {
    tick,
    failed: () => [...failed.values()],
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      runtime.close();
    },
  };
}
