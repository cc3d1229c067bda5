import {
  evolveTask,
  initialTaskState,
  lastSentReminderStep,
  parseStream,
  type Recorded,
  type TaskEvent,
  type TaskState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Insertable, Selectable } from 'kysely';
import { foldedRows } from '../projector/folded-rows.js';
import { handledTypes, type EventTypeFlags } from '../projector/projection.js';
import { canonicalInstant, canonicalOrNull } from '../read-model/instant.js';
import type { TaskRow } from '../read-model/rows.js';
import type { TasksTable } from '../read-model/schema.js';

/** The events this projection folds: every TaskEvent of a `task-<id>` stream. */
const TASK_DETAILS_HANDLES = {
  TaskAssigned: true,
  TaskAcknowledged: true,
  ProgressReported: true,
  DeadlineChanged: true,
  TaskReassigned: true,
  TaskBlocked: true,
  TaskUnblocked: true,
  TaskCompleted: true,
  TaskReopened: true,
  TaskCancelled: true,
  CommentAdded: true,
  ReminderSent: true,
  UnitRegistered: false,
  UnitUpdated: false,
  ProgramRegistered: false,
} as const satisfies EventTypeFlags;

const TASK_TYPES = handledTypes(TASK_DETAILS_HANDLES);

export const TASK_DETAILS_EVENT_TYPES: readonly string[] = [...TASK_TYPES];

export type RecordedTaskEvent = RecordedEvent & Recorded<TaskEvent>;

export function isTaskEvent(event: RecordedEvent): event is RecordedTaskEvent {
  return parseStream(event.streamId).category === 'task' && TASK_TYPES.has(event.type);
}

interface StoredTask {
  id: string;
  state: string;
  revision: number | string;
}

/** One `tasks` row per task stream: the columns the board and lists filter on, plus the folded state. */
export const taskDetailsProjection = foldedRows<TaskState, RecordedTaskEvent>({
  name: 'task-details',
  category: 'task',
  handles: TASK_DETAILS_HANDLES,
  table: 'tasks',
  key: 'id',
  initial: initialTaskState,
  exists: (state) => state.exists,
  evolve: evolveTask,
  load: async (_trx, writer, keys) => {
    const rows = await writer.selectIn<StoredTask>('tasks', ['id', 'state', 'revision'], 'id', keys);
    return rows.map((row) => ({
      key: row.id,
      value: JSON.parse(row.state) as TaskState,
      revision: Number(row.revision),
    }));
  },
  row: taskRowValues,
  describe: (_event, key, before, after) => {
    const previousUnitId = before.exists ? before.unitId : null;
    const unitId = after.exists ? after.unitId : null;
    return { taskId: key, unitId, previousUnitId: previousUnitId !== unitId ? previousUnitId : null };
  },
});

/** What `search` matches: title, description and partner, lower-cased, one per line. */
export function searchText(state: Pick<TaskState, 'title' | 'description' | 'partner'>): string {
  return [state.title, state.description, state.partner]
    .filter((part): part is string => !!part)
    .join('\n')
    .toLowerCase();
}

/** The row of a folded task: columns for filtering and ordering, plus the state itself. */
export function taskRowValues(state: TaskState, revision: number): Insertable<TasksTable> {
  return {
    id: state.taskId,
    title: state.title,
    description: state.description,
    program_id: state.programId,
    partner: state.partner,
    unit_id: state.unitId,
    assignee: state.assignee,
    status: state.status,
    progress: state.progress,
    deadline: canonicalInstant(state.deadline),
    created_at: canonicalInstant(state.createdAt),
    updated_at: canonicalInstant(state.updatedAt),
    completed_at: canonicalOrNull(state.completedAt),
    acknowledged_at: canonicalOrNull(state.acknowledgedAt),
    was_overdue: state.wasOverdue ? 1 : 0,
    revision,
    search_text: searchText(state),
    state: JSON.stringify(state),
    reminder_step: lastSentReminderStep(state),
  };
}

export function toTaskRow(row: Selectable<TasksTable>): TaskRow {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    programId: row.program_id,
    partner: row.partner,
    unitId: row.unit_id,
    assignee: row.assignee,
    status: row.status,
    progress: Number(row.progress),
    deadline: row.deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    acknowledgedAt: row.acknowledged_at,
    wasOverdue: Number(row.was_overdue) === 1,
    revision: Number(row.revision),
    state: JSON.parse(row.state) as TaskState,
  };
}
