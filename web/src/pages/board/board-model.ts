import type { BoardQuery, TaskHealth } from '../../gql/graphql';
import { worstHealth } from '../../lib/health';

export type BoardData = BoardQuery['board'];
export type Cell = BoardData['cells'][number];

export interface Tally {
  total: number;
  assigned: number;
  inProgress: number;
  blocked: number;
  completed: number;
  cancelled: number;
  overdue: number;
  health: TaskHealth | null;
}

export const cellKey = (unitId: string, programId: string): string => `${unitId}\u0000${programId}`;

const EMPTY: Tally = {
  total: 0,
  assigned: 0,
  inProgress: 0,
  blocked: 0,
  completed: 0,
  cancelled: 0,
  overdue: 0,
  health: null,
};

function add(into: Tally, cell: Tally): Tally {
  return {
    total: into.total + cell.total,
    assigned: into.assigned + cell.assigned,
    inProgress: into.inProgress + cell.inProgress,
    blocked: into.blocked + cell.blocked,
    completed: into.completed + cell.completed,
    cancelled: into.cancelled + cell.cancelled,
    overdue: into.overdue + cell.overdue,
    health: worstHealth([into.health, cell.health]),
  };
}

export interface BoardGrid {
  readonly cells: Map<string, Tally>;
  readonly rows: Map<string, Tally>;
  readonly columns: Map<string, Tally>;
  readonly all: Tally;
}

/**
 * The squares with their worst traffic light. The board counts come from `board`; the
 * contract's BoardCell has no light, so it is the worst `health` of the square's tasks
 * (`lights`, keyed by cellKey). An overdue task is RED whatever the lights say.
 */
export function buildGrid(board: BoardData, lights: Map<string, TaskHealth>): BoardGrid {
  const cells = new Map<string, Tally>();
  const rows = new Map<string, Tally>();
  const columns = new Map<string, Tally>();
  let all = EMPTY;
  for (const cell of board.cells) {
    const key = cellKey(cell.unit.id, cell.program.id);
    const tally: Tally = {
      total: cell.total,
      assigned: cell.assigned,
      inProgress: cell.inProgress,
      blocked: cell.blocked,
      completed: cell.completed,
      cancelled: cell.cancelled,
      overdue: cell.overdue,
      health:
        cell.total === 0 ? null : worstHealth([lights.get(key) ?? 'GREEN', cell.overdue > 0 ? 'RED' : null]),
    };
    cells.set(key, tally);
    rows.set(cell.unit.id, add(rows.get(cell.unit.id) ?? EMPTY, tally));
    columns.set(cell.program.id, add(columns.get(cell.program.id) ?? EMPTY, tally));
    all = add(all, tally);
  }
  return { cells, rows, columns, all };
}

export const emptyTally = EMPTY;
