import {
  evolveProgram,
  evolveTask,
  evolveUnit,
  initialProgramState,
  initialTaskState,
  initialUnitState,
  isOverdue,
  parseStream,
  type ProgramEvent,
  type ProgramState,
  type Recorded,
  type TaskEvent,
  type TaskState,
  type UnitEvent,
  type UnitState,
} from '#domain';
import type { EventStore } from '#event-store';
import type { BoardCellRow, BoardView, ProgramRow, UnitRow } from '#projections';
import { readWholeLog } from '../shared/whole-log.js';

/**
 * The board as it stood at `asOf`: the global log replayed through the domain's evolve
 * functions (the ones the projections use), keeping events that occurred by then.
 * Linear in the size of the log; good enough until boards get asked about the past often.
 */
export async function boardAt(store: EventStore, asOf: string): Promise<BoardView> {
  const units = new Map<string, UnitState>();
  const programs = new Map<string, ProgramState>();
  const tasks = new Map<string, TaskState>();
  const limit = Date.parse(asOf);

  for await (const event of readWholeLog(store)) {
    if (Date.parse(event.metadata.occurredAt) > limit) continue;
    const { category, id } = parseStream(event.streamId);
    if (category === 'unit') {
      units.set(id, evolveUnit(units.get(id) ?? initialUnitState(), event as unknown as Recorded<UnitEvent>));
    } else if (category === 'program') {
      const state = programs.get(id) ?? initialProgramState();
      programs.set(id, evolveProgram(state, event as unknown as Recorded<ProgramEvent>));
    } else if (category === 'task') {
      tasks.set(id, evolveTask(tasks.get(id) ?? initialTaskState(), event as unknown as Recorded<TaskEvent>));
    }
  }

  const cells = new Map<string, BoardCellRow>();
  for (const task of tasks.values()) {
    if (!task.exists) continue;
    const key = JSON.stringify([task.unitId, task.programId]);
    const cell = cells.get(key) ?? {
      unitId: task.unitId,
      programId: task.programId,
      total: 0,
      assigned: 0,
      inProgress: 0,
      blocked: 0,
      completed: 0,
      cancelled: 0,
      overdue: 0,
    };
    cells.set(key, {
      ...cell,
      total: cell.total + 1,
      assigned: cell.assigned + (task.status === 'ASSIGNED' ? 1 : 0),
      inProgress: cell.inProgress + (task.status === 'IN_PROGRESS' ? 1 : 0),
      blocked: cell.blocked + (task.status === 'BLOCKED' ? 1 : 0),
      completed: cell.completed + (task.status === 'COMPLETED' ? 1 : 0),
      cancelled: cell.cancelled + (task.status === 'CANCELLED' ? 1 : 0),
      overdue: cell.overdue + (isOverdue(task, asOf) ? 1 : 0),
    });
  }

  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    asOf,
    units: [...units.values()]
      .filter((u) => u.exists)
      .map(unitRow)
      .sort(byId),
    programs: [...programs.values()]
      .filter((p) => p.exists)
      .map(programRow)
      .sort(byId),
    cells: [...cells.values()].sort((a, b) =>
      a.unitId === b.unitId ? (a.programId < b.programId ? -1 : 1) : a.unitId < b.unitId ? -1 : 1,
    ),
  };
}

const unitRow = (u: UnitState): UnitRow => ({
  id: u.unitId,
  name: u.name,
  contacts: u.contacts,
  revision: u.revision,
  createdAt: '',
  updatedAt: '',
});

const programRow = (p: ProgramState): ProgramRow => ({
  id: p.programId,
  name: p.name,
  region: p.region,
  revision: p.revision,
  createdAt: '',
});
