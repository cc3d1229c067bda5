import type { TaskState } from '#domain';
import { OPEN_STATUSES, type Db } from '#projections';
import type { OpenTaskSource } from './sweep.js';

/**
 * Open tasks from the read model's `tasks` table, as the full folded state (its `state`
 * column), paged by id so a large board never sits in memory at once. The read model may
 * lag the event store by a moment; that is fine for finding what is due, because delivery
 * re-checks the task's stream before it sends anything.
 */
export function readModelOpenTasks(db: Db, pageSize = 500): OpenTaskSource {
  return {
    async *openTasks(): AsyncIterable<TaskState> {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('tasks')
          .select(['id', 'state'])
          .where('status', 'in', [...OPEN_STATUSES])
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        for (const row of rows) yield JSON.parse(row.state) as TaskState;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1].id;
      }
    },
  };
}
