import type { Command } from '../shared/message.js';
import type { MetricTarget, MetricValue, ReminderKind } from './task.types.js';

/** A command on an existing task. */
interface OnTask {
  taskId: string;
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
export type AcknowledgeTask = Command<'AcknowledgeTask', OnTask & { note?: string | null }>;
export type ReportProgress = Command<
  'ReportProgress',
  OnTask & {
    progress: number;
    note?: string | null;
    metrics?: MetricValue[] | null;
    evidence?: string[] | null;
  }
>;
export type ChangeDeadline = Command<'ChangeDeadline', OnTask & { deadline: string; reason: string }>;
export type ReassignTask = Command<
  'ReassignTask',
  OnTask & { unitId: string; assignee?: string | null; reason: string }
>;
export type BlockTask = Command<'BlockTask', OnTask & { reason: string }>;
export type UnblockTask = Command<'UnblockTask', OnTask & { note?: string | null }>;
export type CompleteTask = Command<
  'CompleteTask',
  OnTask & { summary: string; metrics?: MetricValue[] | null; evidence?: string[] | null }
>;
export type ReopenTask = Command<'ReopenTask', OnTask & { reason: string }>;
export type CancelTask = Command<'CancelTask', OnTask & { reason: string }>;
export type AddComment = Command<'AddComment', OnTask & { text: string }>;
/** Issued by the reminder worker after it delivered a reminder. */
export type RecordReminder = Command<
  'RecordReminder',
  OnTask & { kind: ReminderKind; deadline: string; sequence: number; channel: string; recipient: string }
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
