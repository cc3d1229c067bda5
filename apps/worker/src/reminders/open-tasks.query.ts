import { OPEN_STATUSES, type Db } from '#projections';
import type { OpenTask, OpenTaskSource } from './sweep.js';

/**
 * Open tasks from the read model's `tasks` table: only the columns the reminder policy needs
 * (id, deadline, reminder_step), read from the index `tasks_reminder_sweep` (status,
 * deadline, id, reminder_step) without touching the rows, one open status at a time, paged
 * by (deadline, id) so a large board never sits in memory at once. The read model may lag
 * the event store by a moment; that is fine for finding what is due, because delivery
 * re-checks the task's stream before it sends anything.
 */
export function readModelOpenTasks(db: Db, pageSize = 2_000): OpenTaskSource {
  return {
    async *openTaskPages(deadlineUpTo: string): AsyncIterable<readonly OpenTask[]> {
      for (const status of OPEN_STATUSES) {
        let after: OpenTask | null = null;
        for (;;) {
          let query = db
            .selectFrom('tasks')
            .select(['id as taskId', 'deadline', 'reminder_step as lastSentStep'])
            .where('status', '=', status)
            .where('deadline', '<=', deadlineUpTo);
          if (after) {
            const { deadline, taskId } = after;
            query = query.where((eb) => eb(eb.refTuple('deadline', 'id'), '>', eb.tuple(deadline, taskId)));
          }
          const page = await query.orderBy('deadline').orderBy('id').limit(pageSize).execute();
          if (page.length > 0) yield page;
          if (page.length < pageSize) break;
          after = page[page.length - 1];
        }
      }
    },
  };
}
