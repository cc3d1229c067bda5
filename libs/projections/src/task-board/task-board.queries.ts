import { toProgramRow, toUnitRow } from '../directory/directory.projection.js';
import type { Db } from '../read-model/connection.js';
import { instantArgument } from '../read-model/instant.js';
import type { BoardCellRow, BoardView, ProgramRow, UnitRow } from '../read-model/rows.js';
import { OPEN_STATUSES } from '../task-details/task-list.queries.js';
import { emptyCell, STATUS_FIELD } from './board-tally.js';

/**
 * The whole-school chessboard: one cell per (unit, programme) that has tasks; overdue
 * counted at `now`. The counts come from the covering index tasks_board_counts (unit,
 * programme, status, deadline): a GROUP BY (cell, status) that reads the index alone,
 * never the rows with their state JSON, and leaves one row per (cell, status) to add up here.
 * The database twin of `tallyBoard` (board-tally.ts), which counts folded tasks in memory.
 */
export async function board(db: Db, now: string): Promise<BoardView> {
  const at = instantArgument('now', now);
  const [units, programs, groups] = await Promise.all([
    getUnits(db),
    getPrograms(db),
    boardCounts(db, at).execute(),
  ]);
  const cells: BoardCellRow[] = [];
  let cell: ReturnType<typeof emptyCell> | undefined;
  for (const group of groups) {
    if (cell?.unitId !== group.unit_id || cell.programId !== group.program_id) {
      cell = emptyCell(group.unit_id, group.program_id);
      cells.push(cell);
    }
    const count = Number(group.count);
    cell.total += count;
    cell[STATUS_FIELD[group.status]] += count;
    if (OPEN_STATUSES.includes(group.status)) cell.overdue += Number(group.late);
  }
  return { asOf: at, units, programs, cells };
}

/** Tasks per (unit, programme, status), and how many of them are past their deadline at `at`. */
export function boardCounts(db: Db, at: string) {
  return (
    db
      .selectFrom('tasks')
      .select((eb) => [
        'unit_id',
        'program_id',
        'status',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.sum<number | string>(eb.case().when('deadline', '<', at).then(1).else(0).end()).as('late'),
      ])
      .groupBy(['unit_id', 'program_id', 'status'])
      // In the index's order: with status too, SQLite needs no temporary B-tree to sort.
      .orderBy('unit_id')
      .orderBy('program_id')
      .orderBy('status')
  );
}

export async function getUnits(db: Db): Promise<UnitRow[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('id').execute();
  return rows.map(toUnitRow);
}

/** The units with these ids (missing ones are absent), in one query: for per-request batching. */
export async function getUnitsById(db: Db, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toUnitRow);
}

export async function getPrograms(db: Db): Promise<ProgramRow[]> {
  const rows = await db.selectFrom('programs').selectAll().orderBy('id').execute();
  return rows.map(toProgramRow);
}

/** The programmes with these ids (missing ones are absent), in one query: for per-request batching. */
export async function getProgramsById(db: Db, ids: readonly string[]): Promise<ProgramRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('programs')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toProgramRow);
}
