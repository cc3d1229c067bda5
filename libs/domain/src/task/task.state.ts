import { unreachable } from '../shared/decider.js';
import type { Recorded } from '../shared/message.js';
import type { TaskEvent } from './task.events.js';
import { appendEvidence, mergeMetrics } from './task.metrics.js';
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
  /** The stream's revision: 0-based, of the last event folded (-1 before the first). */
  readonly revision: number;
}

export type TaskEvolve = (state: TaskState, event: Recorded<TaskEvent>) => TaskState;

export function initialTaskState(): TaskState {
  return {
    exists: false,
    taskId: '',
    title: '',
    description: null,
    programId: '',
    partner: null,
    unitId: '',
    assignee: null,
    status: 'ASSIGNED',
    blockedFrom: null,
    progress: 0,
    deadline: '',
    acknowledgedAt: null,
    targets: [],
    metrics: [],
    evidence: [],
    createdAt: '',
    updatedAt: '',
    completedAt: null,
    wasOverdue: false,
    reminders: [],
    revision: -1,
  };
}

/** COMPLETED and CANCELLED tasks are closed: no deadline pressure, no reminders. */
export const isClosed = (status: TaskStatus): boolean => status === 'COMPLETED' || status === 'CANCELLED';

/** Anything that happens to an open task after its deadline marks it as having been overdue, for good. */
function overdueBy(state: TaskState, occurredAt: string): boolean {
  return (
    state.wasOverdue ||
    (state.exists && !isClosed(state.status) && Date.parse(occurredAt) > Date.parse(state.deadline))
  );
}

export const evolveTask: TaskEvolve = (state, event) => {
  const at = event.metadata.occurredAt;
  const next = applyTaskEvent(state, event, at);
  return { ...next, updatedAt: at, wasOverdue: overdueBy(state, at), revision: state.revision + 1 };
};

function applyTaskEvent(state: TaskState, event: Recorded<TaskEvent>, at: string): TaskState {
  switch (event.type) {
    case 'TaskAssigned': {
      const { taskId, title, description, programId, partner, unitId, assignee, deadline, targets } =
        event.data;
      const assigned = {
        taskId,
        title,
        description,
        programId,
        partner,
        unitId,
        assignee,
        deadline,
        targets,
      };
      return { ...initialTaskState(), ...assigned, exists: true, createdAt: at };
    }
    case 'TaskAcknowledged':
      return { ...state, acknowledgedAt: at };
    case 'ProgressReported':
      return {
        ...state,
        status: 'IN_PROGRESS',
        progress: event.data.progress,
        metrics: mergeMetrics(state.metrics, event.data.metrics),
        evidence: appendEvidence(state.evidence, event.data.evidence),
      };
    case 'DeadlineChanged':
      return { ...state, deadline: event.data.deadline };
    case 'TaskReassigned':
      // The new unit has not signed for the task yet.
      return { ...state, unitId: event.data.unitId, assignee: event.data.assignee, acknowledgedAt: null };
    case 'TaskBlocked':
      return { ...state, status: 'BLOCKED', blockedFrom: event.data.previousStatus };
    case 'TaskUnblocked':
      return { ...state, status: event.data.status, blockedFrom: null };
    case 'TaskCompleted':
      return {
        ...state,
        status: 'COMPLETED',
        progress: 100,
        completedAt: at,
        metrics: mergeMetrics(state.metrics, event.data.metrics),
        evidence: appendEvidence(state.evidence, event.data.evidence),
      };
    case 'TaskReopened':
      // Progress stays at 100 until the unit reports again: it is what was last reported.
      return { ...state, status: 'IN_PROGRESS', completedAt: null };
    case 'TaskCancelled':
      return { ...state, status: 'CANCELLED', blockedFrom: null };
    case 'CommentAdded':
      return state;
    case 'ReminderSent': {
      const { kind, deadline, sequence, channel, recipient } = event.data;
      return {
        ...state,
        reminders: [...state.reminders, { kind, deadline, sequence, channel, recipient, sentAt: at }],
      };
    }
    default:
      return unreachable('task event', event);
  }
}
