import {
  EVENT_SCHEMAS,
  evolveTask,
  initialTaskState,
  type Actor,
  type EventSchemas,
  type Recorded,
  type TaskEvent,
  type TaskState,
} from '#domain';
import { canonicalJson, upcastEvent, type RecordedEvent } from '#event-store';
import { isTaskEvent } from '../task-details/task-details.projection.js';

/** The task's fields a diff reports, in TaskState order (bookkeeping such as revision is left out). */
export const DIFF_FIELDS = [
  'title',
  'description',
  'programId',
  'partner',
  'unitId',
  'assignee',
  'status',
  'progress',
  'deadline',
  'acknowledgedAt',
  'completedAt',
  'targets',
  'metrics',
  'evidence',
  'wasOverdue',
  'reminders',
] as const satisfies readonly (keyof TaskState)[];

export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldChangeRow {
  readonly field: DiffField;
  /** The value before the event; null when the task did not exist yet (or the field was empty). */
  readonly from: unknown;
  readonly to: unknown;
  readonly at: string;
  readonly actor: Actor;
  readonly eventType: string;
  readonly position: bigint;
}

/**
 * taskDiff: what each event of the task that occurred in [from, to] changed, field by
 * field, folding the whole stream with the domain's evolveTask (so a change is exactly
 * what the projections saw). Events that change no field (comments) yield nothing. A field
 * that an event empties (`completedAt` on reopen, `acknowledgedAt` on reassignment) is
 * reported with `to: null`; the contract's `FieldChange.to` is non-null, so the GraphQL
 * resolver leaves such rows out (the status or unit change of the same event shows it).
 */
export function taskDiff(
  stream: readonly RecordedEvent[],
  from: string,
  to: string,
  schemas: EventSchemas = EVENT_SCHEMAS,
): FieldChangeRow[] {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  const changes: FieldChangeRow[] = [];
  let state = initialTaskState();
  for (const stored of stream) {
    const event = upcastEvent(stored, schemas);
    if (!isTaskEvent(event)) continue;
    const before = state;
    state = evolveTask(state, event as unknown as Recorded<TaskEvent>);
    const at = Date.parse(event.metadata.occurredAt);
    if (at < start || at > end) continue;
    for (const field of DIFF_FIELDS) {
      const old = before.exists ? before[field] : null;
      const now = state[field];
      if (canonicalJson(old ?? null) === canonicalJson(now ?? null)) continue;
      // The assignment creates the task: fields it leaves empty (progress 0, no metrics yet) are not changes.
      if (!before.exists && isEmpty(now)) continue;
      changes.push({
        field,
        from: old ?? null,
        to: now ?? null,
        at: event.metadata.occurredAt,
        actor: event.metadata.actor,
        eventType: event.type,
        position: event.position,
      });
    }
  }
  return changes;
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === '' ||
    value === 0 ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}
