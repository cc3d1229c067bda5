import type { TaskStatus } from '#domain';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { toProgramRow, toUnitRow } from '../directory/directory.projection.js';
import type { Db } from '../read-model/connection.js';
import { instantArgument } from '../read-model/instant.js';
import type { BoardCellRow, BoardView, ProgramRow, UnitRow } from '../read-model/rows.js';
import type { ReadModelDatabase } from '../read-model/schema.js';
import { overdueAt } from '../task-details/task-list.queries.js';

type TaskExpressions = ExpressionBuilder<ReadModelDatabase, 'tasks'>;

/** The whole-school chessboard: one cell per (unit, programme) that has tasks; overdue counted at `now`. */
export async function board(db: Db, now: string): Promise<BoardView> {
  const at = instantArgument('now', now);
  const countWhere = (eb: TaskExpressions, condition: Expression<SqlBool>) =>
    eb.fn.sum<number | string>(eb.case().when(condition).then(1).else(0).end());
  const withStatus = (eb: TaskExpressions, status: TaskStatus) => countWhere(eb, eb('status', '=', status));

  const [units, programs, cells] = await Promise.all([
    getUnits(db),
    getPrograms(db),
    db
      .selectFrom('tasks')
      .select((eb) => [
        'unit_id',
        'program_id',
        eb.fn.countAll<number | string>().as('total'),
        withStatus(eb, 'ASSIGNED').as('assigned'),
        withStatus(eb, 'IN_PROGRESS').as('in_progress'),
        withStatus(eb, 'BLOCKED').as('blocked'),
        withStatus(eb, 'COMPLETED').as('completed'),
        withStatus(eb, 'CANCELLED').as('cancelled'),
        countWhere(eb, overdueAt(eb, at)).as('overdue'),
      ])
      .groupBy(['unit_id', 'program_id'])
      .orderBy('unit_id')
      .orderBy('program_id')
      .execute(),
  ]);
  return {
    asOf: at,
    units,
    programs,
    cells: cells.map((cell): BoardCellRow => ({
      unitId: cell.unit_id,
      programId: cell.program_id,
      total: Number(cell.total),
      assigned: Number(cell.assigned),
      inProgress: Number(cell.in_progress),
      blocked: Number(cell.blocked),
      completed: Number(cell.completed),
      cancelled: Number(cell.cancelled),
      overdue: Number(cell.overdue),
    })),
  };
}

export async function getUnits(db: Db): Promise<UnitRow[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('id').execute();
  return rows.map(toUnitRow);
}

export async function getUnit(db: Db, id: string): Promise<UnitRow | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnitRow(row) : null;
}

export async function getPrograms(db: Db): Promise<ProgramRow[]> {
  const rows = await db.selectFrom('programs').selectAll().orderBy('id').execute();
  return rows.map(toProgramRow);
}

export async function getProgram(db: Db, id: string): Promise<ProgramRow | null> {
  const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProgramRow(row) : null;
}
