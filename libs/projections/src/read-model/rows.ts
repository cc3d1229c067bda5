import type { Actor, TaskState, TaskStatus } from '#domain';
import type { EventMetadata } from '#event-store';

/** A task as the read model holds it: the indexed columns plus the full folded state. */
export interface TaskRow {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly programId: string;
  readonly partner: string | null;
  readonly unitId: string;
  readonly assignee: string | null;
  readonly status: TaskStatus;
  readonly progress: number;
  readonly deadline: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly acknowledgedAt: string | null;
  /** As folded; use `wasOverdueAt(row.state, now)` for the contract's wasOverdue. */
  readonly wasOverdue: boolean;
  /** Revision of the task's stream (pass back as expectedRevision). */
  readonly revision: number;
  /** What `evolveTask` folded from the task's stream. */
  readonly state: TaskState;
}

export interface UnitRow {
  readonly id: string;
  readonly name: string;
  readonly contacts: readonly string[];
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ProgramRow {
  readonly id: string;
  readonly name: string;
  readonly region: string | null;
  readonly revision: number;
  readonly createdAt: string;
}

/** One recorded event as auditors see it. */
export interface AuditRow {
  readonly position: bigint;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: Actor;
  /** Task events: the task's unit as of the event; unit events: the unit; otherwise null. */
  readonly unitId: string | null;
  readonly data: unknown;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly metadata: EventMetadata;
}

/** One square of the board: a unit's tasks in one programme. */
export interface BoardCellRow {
  readonly unitId: string;
  readonly programId: string;
  readonly total: number;
  readonly assigned: number;
  readonly inProgress: number;
  readonly blocked: number;
  readonly completed: number;
  readonly cancelled: number;
  /** Open tasks whose deadline is before the board's `asOf`. */
  readonly overdue: number;
}

export interface BoardView {
  readonly asOf: string;
  readonly units: readonly UnitRow[];
  readonly programs: readonly ProgramRow[];
  readonly cells: readonly BoardCellRow[];
}

export interface TaskFilter {
  readonly unitId?: string | null;
  readonly programId?: string | null;
  /** Any of these statuses; an empty list matches nothing. */
  readonly status?: readonly TaskStatus[] | null;
  /** true: open and past its deadline at `now`; false: not that. */
  readonly overdue?: boolean | null;
  /** Deadline strictly before this instant. */
  readonly dueBefore?: string | null;
  /** Case-insensitive substring of title, description or partner (`%` and `_` are literal). */
  readonly search?: string | null;
}

export interface TaskPage {
  readonly rows: readonly TaskRow[];
  readonly hasNextPage: boolean;
  /** Cursor of the last row (pass as `after`), null when the page is empty. */
  readonly endCursor: string | null;
  /** Rows matching the filter, over all pages. */
  readonly totalCount: number;
}

export interface AuditFilter {
  readonly streamId?: string | null;
  readonly actorId?: string | null;
  readonly unitId?: string | null;
  /** Any of these event types; an empty list matches nothing. */
  readonly types?: readonly string[] | null;
  /** occurredAt >= from (inclusive). */
  readonly from?: string | null;
  /** occurredAt <= to (inclusive). */
  readonly to?: string | null;
}

export interface AuditPage {
  readonly rows: readonly AuditRow[];
  readonly hasNextPage: boolean;
  /** Position of the last row as a decimal string (pass as `after`), null when empty. */
  readonly endCursor: string | null;
}
