import type { Recorded } from '../shared/message.js';
import type { TaskEvent } from './task.events.js';
import type { MetricTarget, MetricValue, ReminderKind, TaskStatus } from './task.types.js';

/** A delivered reminder as remembered by the task. */
export interface SentReminder {
  readonly kind: ReminderKind;
  readonly deadline: string;
  readonly sequence: number;
  readonly channel: string;
  readonly recipient: string;
  readonly sentAt: string;
}

/**
 * The task as folded from its stream. The same `evolveTask` serves the write side,
 * the read-model projection and `asOf` queries, so they cannot disagree.
 */
export interface TaskState {
  /** False until TaskAssigned. */
  readonly exists: boolean;
  readonly taskId: string;
  readonly title: string;
  readonly description: string | null;
  readonly programId: string;
  readonly partner: string | null;
  readonly unitId: string;
  readonly assignee: string | null;
  readonly status: TaskStatus;
  /** The status to return to on unblock (set while BLOCKED). */
  readonly blockedFrom: TaskStatus | null;
  /** 0..100 */
  readonly progress: number;
  readonly deadline: string;
  readonly acknowledgedAt: string | null;
  readonly targets: readonly MetricTarget[];
  /** Latest value per metric key, in first-reported order. */
  readonly metrics: readonly MetricValue[];
  /** Every evidence link reported, in order, without duplicates. */
  readonly evidence: readonly string[];
  /** When the task was assigned; health's 30 % window runs from here to the deadline. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  /** Some event happened after the deadline while the task was open, or it was completed late. */
  readonly wasOverdue: boolean;
  readonly reminders: readonly SentReminder[];
  /** Number of events folded (= stream revision + 1). */
  readonly version: number;
}

export type TaskEvolve = (state: TaskState, event: Recorded<TaskEvent>) => TaskState;
