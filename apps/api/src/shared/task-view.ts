import { isOverdue, taskHealth, wasOverdueAt, type TaskState } from '#domain';
import type { ReminderKindEnum, TaskHealthEnum, TaskStatusEnum } from '../graphql/enums.js';
import type { MetricTargetModel, MetricValueModel, ReminderModel } from '../tasks/task.model.js';

/**
 * A task as resolvers hand it to GraphQL: the folded state with the time-dependent fields
 * (overdue, wasOverdue, health) computed at `at`. `asOf` is set when the task was read as it
 * stood at an instant; Task.history then stops there.
 */
export interface TaskView {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly programId: string;
  readonly partner: string | null;
  readonly unitId: string;
  readonly assignee: string | null;
  readonly status: TaskStatusEnum;
  readonly progress: number;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly wasOverdue: boolean;
  readonly health: TaskHealthEnum;
  readonly acknowledgedAt: string | null;
  readonly targets: MetricTargetModel[];
  readonly metrics: MetricValueModel[];
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly reminders: ReminderModel[];
  readonly asOf: string | null;
}

export function toTaskView(state: TaskState, at: string, asOf: string | null = null): TaskView {
  return {
    id: state.taskId,
    title: state.title,
    description: state.description,
    programId: state.programId,
    partner: state.partner,
    unitId: state.unitId,
    assignee: state.assignee,
    status: state.status as TaskStatusEnum,
    progress: state.progress,
    deadline: state.deadline,
    overdue: isOverdue(state, at),
    wasOverdue: wasOverdueAt(state, at),
    health: taskHealth(state, at) as TaskHealthEnum,
    acknowledgedAt: state.acknowledgedAt,
    targets: state.targets.map((t) => ({
      key: t.key,
      label: t.label,
      target: t.target,
      unit: t.unit ?? null,
    })),
    metrics: state.metrics.map((m) => ({ key: m.key, value: m.value })),
    revision: state.revision,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    completedAt: state.completedAt,
    reminders: state.reminders.map((r) => ({
      kind: r.kind as ReminderKindEnum,
      deadline: r.deadline,
      sentAt: r.sentAt,
      channel: r.channel,
      recipient: r.recipient,
    })),
    asOf,
  };
}

/** What a task mutation answers: the task as of its own write. */
export interface TaskPayloadView {
  readonly task: TaskView;
  /** Global position of the last event this mutation wrote, as a decimal string. */
  readonly position: string;
}

/**
 * The task as of a write: the pipeline's own fold of the stream through this write, the same
 * evolve the projection stores, so it equals the projected row without reading it back (and
 * stays the state as of this write when a later write has already moved the row on).
 */
export function toTaskPayload(result: { state: TaskState; position: bigint }, now: string): TaskPayloadView {
  return { task: toTaskView(result.state, now), position: result.position.toString() };
}
