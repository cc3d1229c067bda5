import type { TaskStatus } from '#domain';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../read-model/connection.js';
import { instantArgument } from '../read-model/instant.js';
import { decodeTaskCursor, encodeTaskCursor, likeContains, pageSize } from '../read-model/paging.js';
import type { TaskFilter, TaskPage, TaskRow } from '../read-model/rows.js';
import type { ReadModelDatabase } from '../read-model/schema.js';
import { toTaskRow } from './task-details.projection.js';

export const OPEN_STATUSES: readonly TaskStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'BLOCKED'];

type TaskExpressions = ExpressionBuilder<ReadModelDatabase, 'tasks'>;

/** Same rule as the domain's isOverdue: open, and the deadline is before `now`. */
export function overdueAt(eb: TaskExpressions, now: string): Expression<SqlBool> {
  return eb.and([eb('status', 'in', [...OPEN_STATUSES]), eb('deadline', '<', now)]);
}

export async function getTask(db: Db, id: string): Promise<TaskRow | null> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTaskRow(row) : null;
}

/**
 * Tasks matching the filter, ordered by (deadline, id), in pages of `first` after the cursor;
 * without the total (`countTasks` is a second query: ask for it when needed).
 */
export async function listTaskPage(
  db: Db,
  filter: TaskFilter,
  now: string,
  first: number,
  after?: string | null,
): Promise<Omit<TaskPage, 'totalCount'>> {
  const limit = pageSize(first);
  const at = instantArgument('now', now);
  const cursor = after ? decodeTaskCursor(after) : null;
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where((eb) => eb.and(conditions(eb, filter, at)))
    .$if(cursor !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('deadline', '>', cursor!.deadline),
          eb.and([eb('deadline', '=', cursor!.deadline), eb('id', '>', cursor!.id)]),
        ]),
      ),
    )
    .orderBy('deadline')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map(toTaskRow);
  const last = page[page.length - 1];
  return {
    rows: page,
    hasNextPage: rows.length > limit,
    endCursor: last ? encodeTaskCursor(last) : null,
  };
}

/** How many tasks match the filter (a task page's totalCount). */
export async function countTasks(db: Db, filter: TaskFilter, now: string): Promise<number> {
  const at = instantArgument('now', now);
  const { count } = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll().as('count'))
    .where((eb) => eb.and(conditions(eb, filter, at)))
    .executeTakeFirstOrThrow();
  return Number(count);
}

function conditions(eb: TaskExpressions, filter: TaskFilter, now: string): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`1 = 1`];
  if (filter.unitId != null) where.push(eb('unit_id', '=', filter.unitId));
  if (filter.programId != null) where.push(eb('program_id', '=', filter.programId));
  if (filter.status != null) {
    where.push(filter.status.length > 0 ? eb('status', 'in', [...filter.status]) : sql<SqlBool>`1 = 0`);
  }
  if (filter.overdue != null) where.push(filter.overdue ? overdueAt(eb, now) : eb.not(overdueAt(eb, now)));
  if (filter.dueBefore != null)
    where.push(eb('deadline', '<', instantArgument('dueBefore', filter.dueBefore)));
  if (filter.search != null && filter.search !== '') {
    where.push(sql<SqlBool>`${sql.ref('search_text')} like ${likeContains(filter.search)} escape '!'`);
  }
  return where;
}
