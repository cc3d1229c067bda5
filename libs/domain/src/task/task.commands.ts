import type { Command } from '../shared/message.js';
import type { MetricTarget, MetricValue, ReminderKind } from './task.types.js';

/** Optional client-known revision: when given and stale, the command fails with CONFLICT. */
interface Guarded {
  taskId: string;
  expectedRevision?: number | null;
}

export type AssignTask = Command<
  'AssignTask',
  {
    taskId: string;
    title: string;
    description?: string | null;
    programId: string;
    partner?: string | null;
    unitId: string;
    assignee?: string | null;
    deadline: string;
    targets?: MetricTarget[] | null;
  }
>;
export type AcknowledgeTask = Command<'AcknowledgeTask', Guarded & { note?: string | null }>;
export type ReportProgress = Command<
  'ReportProgress',
  Guarded & {
    progress: number;
    note?: string | null;
    metrics?: MetricValue[] | null;
    evidence?: string[] | null;
  }
>;
export type ChangeDeadline = Command<'ChangeDeadline', Guarded & { deadline: string; reason: string }>;
export type ReassignTask = Command<
  'ReassignTask',
  Guarded & { unitId: string; assignee?: string | null; reason: string }
>;
export type BlockTask = Command<'BlockTask', Guarded & { reason: string }>;
export type UnblockTask = Command<'UnblockTask', Guarded & { note?: string | null }>;
export type CompleteTask = Command<
  'CompleteTask',
  Guarded & { summary: string; metrics?: MetricValue[] | null; evidence?: string[] | null }
>;
export type ReopenTask = Command<'ReopenTask', Guarded & { reason: string }>;
export type CancelTask = Command<'CancelTask', Guarded & { reason: string }>;
export type AddComment = Command<'AddComment', { taskId: string; text: string }>;
/** Issued by the reminder worker after it delivered a reminder. */
export type RecordReminder = Command<
  'RecordReminder',
  Guarded & { kind: ReminderKind; deadline: string; sequence: number; channel: string; recipient: string }
>;

export type TaskCommand =
  | AssignTask
  | AcknowledgeTask
  | ReportProgress
  | ChangeDeadline
  | ReassignTask
  | BlockTask
  | UnblockTask
  | CompleteTask
  | ReopenTask
  | CancelTask
  | AddComment
  | RecordReminder;
