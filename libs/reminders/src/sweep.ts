import { dueReminderFor, type DueReminder, type ReminderProgress, type ReminderSchedule } from '#domain';
import type { Logger } from '#domain';
import { reminderJobId, type ReminderJobData } from './reminder-job.js';

export interface ReminderJob {
  /** Deterministic: the same reminder always gets the same id (see reminderJobId). */
  readonly id: string;
  readonly data: ReminderJobData;
}

/** An open task as the sweep sees it: its id and its place on the reminder ladder of its deadline. */
export interface OpenTask extends ReminderProgress {
  readonly taskId: string;
}

/** Where the sweep finds open tasks (the read model in production). */
export interface OpenTaskSource {
  /**
   * Every task that is neither COMPLETED nor CANCELLED and may have a reminder due at `now`
   * (at least those the policy finds due; a source may leave out the others, see the domain's
   * latestDeadlineDue), a page at a time: a board of 100,000 open tasks is read in one sweep.
   */
  openTaskPages(now: string, schedule: ReminderSchedule): AsyncIterable<readonly OpenTask[]>;
}

/** Hands reminder jobs to whatever delivers them; returns how many were new (duplicates are ignored). */
export type EnqueueReminders = (jobs: readonly ReminderJob[]) => Promise<number>;

/**
 * The pure heart of the sweep: for each task, the one reminder the policy says is due now
 * (the latest kind when several fell due together), with its deterministic id.
 */
export function dueReminderJobs(
  tasks: Iterable<OpenTask>,
  now: string,
  schedule: ReminderSchedule,
): ReminderJob[] {
  return jobsFor(tasks, policyAt(now, schedule));
}

type Policy = (task: OpenTask) => DueReminder | null;

/**
 * The policy at one instant, remembered per (deadline, last sent step): the answer depends on
 * nothing else, and many tasks share a deadline (a programme's tasks are often due the same day).
 */
function policyAt(now: string, schedule: ReminderSchedule): Policy {
  const memo = new Map<string, DueReminder | null>();
  return (task) => {
    const key = `${task.lastSentStep} ${task.deadline}`;
    let due = memo.get(key);
    if (due === undefined) {
      due = dueReminderFor(task, now, schedule);
      memo.set(key, due);
    }
    return due;
  };
}

function jobsFor(tasks: Iterable<OpenTask>, policy: Policy): ReminderJob[] {
  const jobs: ReminderJob[] = [];
  for (const task of tasks) {
    const due = policy(task);
    if (!due) continue;
    const data: ReminderJobData = {
      taskId: task.taskId,
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
  /** Open tasks read: those the source found may have a reminder due (not every open task). */
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
  options: { now: string; schedule: ReminderSchedule; logger?: Logger },
): Promise<SweepResult> {
  let scanned = 0;
  let due = 0;
  let enqueued = 0;
  const policy = policyAt(options.now, options.schedule);
  let jobs: ReminderJob[] = [];
  /** Enqueues full batches (with `all`, the rest too) and keeps what is left. */
  const flush = async (all: boolean): Promise<void> => {
    let i = 0;
    for (; jobs.length - i >= BATCH || (all && i < jobs.length); i += BATCH) {
      enqueued += await enqueue(jobs.slice(i, i + BATCH));
    }
    jobs = jobs.slice(i);
  };
  for await (const page of source.openTaskPages(options.now, options.schedule)) {
    scanned += page.length;
    const found = jobsFor(page, policy);
    due += found.length;
    jobs.push(...found);
    await flush(false);
  }
  await flush(true);
  if (due > 0) options.logger?.info({ sweep: { scanned, due, enqueued } }, 'reminder sweep');
  return { scanned, due, enqueued };
}
