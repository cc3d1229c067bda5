import { isOverdue, type TaskState, type TaskStatus } from '#domain';
import type { BoardCellRow } from '../read-model/rows.js';

export type BoardCounts = Omit<BoardCellRow, 'unitId' | 'programId'>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The count each status adds to. */
export const STATUS_FIELD = {
  ASSIGNED: 'assigned',
  IN_PROGRESS: 'inProgress',
  BLOCKED: 'blocked',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
} as const satisfies Record<TaskStatus, keyof BoardCounts>;

export function emptyCell(unitId: string, programId: string): Mutable<BoardCellRow> {
  return {
    unitId,
    programId,
    total: 0,
    assigned: 0,
    inProgress: 0,
    blocked: 0,
    completed: 0,
    cancelled: 0,
    overdue: 0,
  };
}

/**
 * The board's cells counted from folded tasks in memory: one cell per (unit, programme)
 * that has tasks, in unit then programme order, overdue as of `asOf`. Its database twin
 * is `board` in task-board.queries.ts (task-board.int.spec.ts holds them to agree).
 */
export function tallyBoard(tasks: Iterable<TaskState>, asOf: string): BoardCellRow[] {
  const cells = new Map<string, Mutable<BoardCellRow>>();
  for (const task of tasks) {
    if (!task.exists) continue;
    const key = JSON.stringify([task.unitId, task.programId]);
    let cell = cells.get(key);
    if (!cell) {
      cell = emptyCell(task.unitId, task.programId);
      cells.set(key, cell);
    }
    count(cell, task, asOf);
  }
  return [...cells.values()].sort((a, b) =>
    a.unitId === b.unitId ? compare(a.programId, b.programId) : compare(a.unitId, b.unitId),
  );
}

/** The counts of one group of tasks (a cell, a row of cells), overdue as of `asOf`. */
export function tallyTasks(tasks: Iterable<TaskState>, asOf: string): BoardCounts {
  const counts = emptyCell('', '');
  for (const task of tasks) if (task.exists) count(counts, task, asOf);
  const { unitId: _unit, programId: _program, ...rest } = counts;
  return rest;
}

function count(cell: Mutable<BoardCounts>, task: TaskState, asOf: string): void {
  cell.total += 1;
  cell[STATUS_FIELD[task.status]] += 1;
  if (isOverdue(task, asOf)) cell.overdue += 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
