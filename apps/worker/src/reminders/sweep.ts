import { dueReminder, type ReminderSchedule, type TaskState } from '#domain';
import type { ReminderLogger } from '../notifiers/notifier.js';
import { reminderJobId, type ReminderJobData } from './reminder-job.js';

export interface ReminderJob {
  /** Deterministic: the same reminder always gets the same id (see reminderJobId). */
  readonly id: string;
  readonly data: ReminderJobData;
}

/** Where the sweep finds open tasks (the read model in production). */
export interface OpenTaskSource {
  /** Every task that is neither COMPLETED nor CANCELLED, as folded by evolveTask. */
  openTasks(): AsyncIterable<TaskState>;
}

/** Hands reminder jobs to whatever delivers them; returns how many were new (duplicates are ignored). */
export type EnqueueReminders = (jobs: readonly ReminderJob[]) => Promise<number>;

/**
 * The pure heart of the sweep: for each task, the one reminder the policy says is due now
 * (the latest kind when several fell due together), with its deterministic id.
 */
export function dueReminderJobs(
  tasks: Iterable<TaskState>,
  now: string,
  schedule: ReminderSchedule,
): ReminderJob[] {
  const jobs: ReminderJob[] = [];
  for (const state of tasks) {
    const due = dueReminder(state, now, schedule);
    if (!due) continue;
    const data: ReminderJobData = {
      taskId: state.taskId,
      kind: due.kind,
      deadline: due.deadline,
      sequence: due.sequence,
      dueAt: due.dueAt,
    };
    jobs.push({ id: reminderJobId(data), data });
  }
  return jobs;
}

export interface SweepResult {
  readonly scanned: number;
  readonly due: number;
  readonly enqueued: number;
}

const BATCH = 200;

/**
 * One sweep: derive every due reminder from current state and enqueue it. Safe to run
 * any number of times, concurrently too: ids are deterministic, the queue ignores a
 * duplicate id, and delivery re-checks the event store before it sends anything.
 * Nothing is remembered between sweeps, so a restart (of Redis or the worker) loses nothing.
 */
export async function sweepReminders(
  source: OpenTaskSource,
  enqueue: EnqueueReminders,
  options: { now: string; schedule: ReminderSchedule; logger?: ReminderLogger },
): Promise<SweepResult> {
  let scanned = 0;
  let due = 0;
  let enqueued = 0;
  let batch: TaskState[] = [];
  const flush = async (): Promise<void> => {
    const jobs = dueReminderJobs(batch, options.now, options.schedule);
    batch = [];
    due += jobs.length;
    if (jobs.length > 0) enqueued += await enqueue(jobs);
  };
  for await (const state of source.openTasks()) {
    scanned++;
    batch.push(state);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (due > 0) options.logger?.info({ sweep: { scanned, due, enqueued } }, 'reminder sweep');
  return { scanned, due, enqueued };
}
