import type { Event } from '../shared/message.js';
import type { MetricTarget, MetricValue, ReminderKind, TaskStatus } from './task.types.js';

/** All instants are ISO-8601 strings (UTC, e.g. 2023-06-30T16:00:00.000Z). */
export type TaskAssigned = Event<
  'TaskAssigned',
  {
    taskId: string;
    title: string;
    description: string | null;
    programId: string;
    partner: string | null;
    unitId: string;
    assignee: string | null;
    deadline: string;
    targets: MetricTarget[];
  }
>;

/** 签收: the unit signs for the task. */
export type TaskAcknowledged = Event<'TaskAcknowledged', { taskId: string; note: string | null }>;

export type ProgressReported = Event<
  'ProgressReported',
  { taskId: string; progress: number; note: string | null; metrics: MetricValue[]; evidence: string[] }
>;

export type DeadlineChanged = Event<
  'DeadlineChanged',
  { taskId: string; previousDeadline: string; deadline: string; reason: string }
>;

export type TaskReassigned = Event<
  'TaskReassigned',
  {
    taskId: string;
    previousUnitId: string;
    unitId: string;
    previousAssignee: string | null;
    assignee: string | null;
    reason: string;
  }
>;

export type TaskBlocked = Event<
  'TaskBlocked',
  { taskId: string; reason: string; previousStatus: TaskStatus }
>;

/** `status` is the status the task returns to (the one it had before it was blocked). */
export type TaskUnblocked = Event<
  'TaskUnblocked',
  { taskId: string; note: string | null; status: TaskStatus }
>;

/** 办结: the unit reports the task done. */
export type TaskCompleted = Event<
  'TaskCompleted',
  { taskId: string; summary: string; metrics: MetricValue[]; evidence: string[] }
>;

export type TaskReopened = Event<'TaskReopened', { taskId: string; reason: string }>;

export type TaskCancelled = Event<'TaskCancelled', { taskId: string; reason: string }>;

export type CommentAdded = Event<'CommentAdded', { taskId: string; text: string }>;

/** The record that a 催办 reminder was delivered (written by the worker after delivery). */
export type ReminderSent = Event<
  'ReminderSent',
  {
    taskId: string;
    kind: ReminderKind;
    /** The deadline the reminder was about. */
    deadline: string;
    /** OVERDUE reminders repeat: 0 for the first, 1 for the next… */
    sequence: number;
    /** email | webhook | log */
    channel: string;
    recipient: string;
  }
>;

export type TaskEvent =
  | TaskAssigned
  | TaskAcknowledged
  | ProgressReported
  | DeadlineChanged
  | TaskReassigned
  | TaskBlocked
  | TaskUnblocked
  | TaskCompleted
  | TaskReopened
  | TaskCancelled
  | CommentAdded
  | ReminderSent;

export type TaskEventType = TaskEvent['type'];

export const TASK_EVENT_TYPES: readonly TaskEventType[] = [
  'TaskAssigned',
  'TaskAcknowledged',
  'ProgressReported',
  'DeadlineChanged',
  'TaskReassigned',
  'TaskBlocked',
  'TaskUnblocked',
  'TaskCompleted',
  'TaskReopened',
  'TaskCancelled',
  'CommentAdded',
  'ReminderSent',
];
