import type { Actor, ReminderKind } from '#domain';

/** One due reminder of one task: what the sweep enqueues and the delivery job works on. */
export interface ReminderJobData {
  readonly taskId: string;
  readonly kind: ReminderKind;
  /** The deadline (ISO instant) the reminder is about: a moved deadline makes the job stale. */
  readonly deadline: string;
  /** 0, or the n-th repetition of OVERDUE. */
  readonly sequence: number;
  /** When the reminder fell due (ISO instant), for logs and metrics. */
  readonly dueAt: string;
}

/**
 * The deterministic id of a reminder: `reminder_<taskId>_<deadline epoch ms>_<KIND>[_<n>]`
 * (`_<n>` for OVERDUE only). The natural spelling would be
 * `reminder:<taskId>:<deadline>:<kind>[:n]`, but BullMQ 6 refuses custom job ids with ':' (unless they split into exactly three parts, a
 * legacy-repeat exception), so the separator is '_' and the deadline is its epoch
 * milliseconds. The same id is the BullMQ job id, the embedded runner's key and the
 * idempotency key of the ReminderSent append.
 */
export function reminderJobId(
  reminder: Pick<ReminderJobData, 'taskId' | 'kind' | 'deadline' | 'sequence'>,
): string {
  const ms = Date.parse(reminder.deadline);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${reminder.deadline}`);
  const base = `reminder_${reminder.taskId}_${ms}_${reminder.kind}`;
  return reminder.kind === 'OVERDUE' ? `${base}_${reminder.sequence}` : base;
}

/** The reminder worker's identity on ReminderSent events (the contract's `worker` role). */
export const REMINDER_WORKER: Actor = { id: 'reminder-worker', name: '催办 reminder worker', role: 'worker' };
