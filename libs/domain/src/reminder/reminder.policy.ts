import { isClosed, type TaskState } from '../task/task.state.js';
import type { ReminderKind } from '../task/task.types.js';
import type { ReminderSchedule } from './reminder.schedule.js';

export * from './format-time.js';
export * from './reminder.schedule.js';

/** A reminder that should be delivered now (the worker then records it with RecordReminder). */
export interface DueReminder {
  readonly kind: ReminderKind;
  /** The deadline it is about: the task's current one. */
  readonly deadline: string;
  readonly sequence: number;
  /** When it fell due (possibly in the past: a sweep may run late, a task may be assigned late). */
  readonly dueAt: string;
}

/**
 * The reminders of one deadline form a single ladder of steps:
 * 0 UPCOMING, 1 DUE_SOON, 2 DUE, 3 + n OVERDUE n. A step is never sent twice and a later step hides
 * every earlier one, so a worker that was down for a week sends one reminder, not a burst.
 */
const FIRST_OVERDUE_STEP = 3;
const KIND_STEPS: Record<Exclude<ReminderKind, 'OVERDUE'>, number> = { UPCOMING: 0, DUE_SOON: 1, DUE: 2 };

const stepOf = (kind: ReminderKind, sequence: number): number =>
  kind === 'OVERDUE' ? FIRST_OVERDUE_STEP + sequence : KIND_STEPS[kind];

function dueAtOf(step: number, deadline: number, schedule: ReminderSchedule): number {
  if (step === 0) return deadline - schedule.upcoming;
  if (step === 1) return deadline - schedule.dueSoon;
  return deadline + (step - 2) * schedule.overdueEvery;
}

/** The latest step due at `now`, or -1 when nothing is due yet. */
function latestDueStep(now: number, deadline: number, schedule: ReminderSchedule): number {
  if (now < deadline - schedule.upcoming) return -1;
  if (now < deadline - schedule.dueSoon) return 0;
  if (now < deadline) return 1;
  return 2 + Math.floor((now - deadline) / schedule.overdueEvery);
}

/**
 * Where a task stands on the ladder of its current deadline: all the policy needs to decide.
 * The read model keeps it in two columns (`deadline`, `reminder_step`), so a sweep decides
 * without loading the task's state; `dueReminder` is this policy over the full state.
 */
export interface ReminderProgress {
  /** The task's current deadline (ISO instant). */
  readonly deadline: string;
  /** The highest step already sent for that deadline; -1 when none. */
  readonly lastSentStep: number;
}

/** The highest step already sent for the task's current deadline; reminders about older deadlines do not count. */
export function lastSentReminderStep(state: Pick<TaskState, 'deadline' | 'reminders'>): number {
  const deadline = Date.parse(state.deadline);
  return state.reminders
    .filter((reminder) => Date.parse(reminder.deadline) === deadline)
    .reduce((last, reminder) => Math.max(last, stepOf(reminder.kind, reminder.sequence)), -1);
}

function reminderAt(step: number, deadline: string, schedule: ReminderSchedule): DueReminder {
  const kinds: ReminderKind[] = ['UPCOMING', 'DUE_SOON', 'DUE'];
  const overdue = step >= FIRST_OVERDUE_STEP;
  return {
    kind: overdue ? 'OVERDUE' : kinds[step],
    deadline,
    sequence: overdue ? step - FIRST_OVERDUE_STEP : 0,
    dueAt: new Date(dueAtOf(step, Date.parse(deadline), schedule)).toISOString(),
  };
}

/** The reminder to send now for an open task at `progress`, or null (see `dueReminder`). */
export function dueReminderFor(
  progress: ReminderProgress,
  now: string,
  schedule: ReminderSchedule,
): DueReminder | null {
  const step = latestDueStep(Date.parse(now), Date.parse(progress.deadline), schedule);
  return step > progress.lastSentStep ? reminderAt(step, progress.deadline, schedule) : null;
}

/**
 * The latest deadline at which `step` is due by `now`. A task whose last sent step is s has a
 * reminder due exactly when its deadline is at or before `latestDeadlineDue(s + 1, …)`; sweeps
 * use it to skip tasks in the database without looking at them.
 */
export function latestDeadlineDue(step: number, now: string, schedule: ReminderSchedule): string {
  return new Date(Date.parse(now) - dueAtOf(step, 0, schedule)).toISOString();
}

/** The task's place on its ladder, or null when it wants no reminders (closed, or never assigned). */
export function reminderProgress(state: TaskState): ReminderProgress | null {
  if (!state.exists || isClosed(state.status)) return null;
  return { deadline: state.deadline, lastSentStep: lastSentReminderStep(state) };
}

/** The reminder to send now, or null: only the latest kind due, and never one already sent (or passed by a later one). */
export function dueReminder(state: TaskState, now: string, schedule: ReminderSchedule): DueReminder | null {
  const progress = reminderProgress(state);
  return progress && dueReminderFor(progress, now, schedule);
}
