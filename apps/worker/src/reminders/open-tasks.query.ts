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
    async *openTasks(deadlineUpTo: string): AsyncIterable<OpenTask> {
      for (const status of OPEN_STATUSES) {
        let after: { deadline: string; id: string } | null = null;
        for (;;) {
          let query = db
            .selectFrom('tasks')
            .select(['id', 'deadline', 'reminder_step'])
            .where('status', '=', status)
            .where('deadline', '<=', deadlineUpTo);
          if (after) {
            const { deadline, id } = after;
            query = query.where((eb) => eb(eb.refTuple('deadline', 'id'), '>', eb.tuple(deadline, id)));
          }
          const rows = await query.orderBy('deadline').orderBy('id').limit(pageSize).execute();
          for (const row of rows) {
            yield { taskId: row.id, deadline: row.deadline, lastSentStep: Number(row.reminder_step) };
          }
          if (rows.length < pageSize) break;
          const last = rows[rows.length - 1];
          after = { deadline: last.deadline, id: last.id };
        }
      }
    },
  };
}
