import { latestDeadlineDue, type ReminderSchedule } from '#domain';
import { OPEN_STATUSES, type Db } from '#projections';
import type { OpenTask, OpenTaskSource } from './sweep.js';

/**
 * Last sent steps with a bound of their own in the query (with OVERDUE every 3 days, four months
 * overdue); a task reminded further shares the last, earliest bound and the policy decides.
 */
const STEPS_BOUNDED = 40;

/**
 * Open tasks from the read model's `tasks` table: only the columns the reminder policy needs
 * (id, deadline, reminder_step), read from the index `tasks_reminder_sweep` (status,
 * deadline, id, reminder_step) without touching the rows, one open status at a time, paged
 * by (deadline, id) so a large board never sits in memory at once. Tasks that cannot have a
 * reminder due are skipped in the database: deadlines beyond the horizon by the index range,
 * tasks already reminded up to the step due now by the policy's `latestDeadlineDue` per
 * step. The read model may lag the event store by a moment; that is fine for finding what is
 * due, because delivery re-checks the task's stream before it sends anything.
 */
export function readModelOpenTasks(db: Db, pageSize = 2_000): OpenTaskSource {
  return {
    async *openTaskPages(now: string, schedule: ReminderSchedule): AsyncIterable<readonly OpenTask[]> {
      // bound[i]: the latest deadline with a reminder due for a task whose last sent step is i - 1.
      const bound = Array.from({ length: STEPS_BOUNDED + 2 }, (_, i) => latestDeadlineDue(i, now, schedule));
      for (const status of OPEN_STATUSES) {
        let after: OpenTask | null = null;
        for (;;) {
          let query = db
            .selectFrom('tasks')
            .select(['id as taskId', 'deadline', 'reminder_step as lastSentStep'])
            .where('status', '=', status)
            .where('deadline', '<=', bound[0])
            .where((eb) => {
              let byStep = eb.case('reminder_step').when(-1).then(bound[0]);
              for (let step = 0; step <= STEPS_BOUNDED; step++)
                byStep = byStep.when(step).then(bound[step + 1]);
              return eb('deadline', '<=', byStep.else(bound[STEPS_BOUNDED + 1]).end());
            });
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
