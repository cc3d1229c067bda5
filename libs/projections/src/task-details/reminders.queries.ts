import { positionText, type Db } from '../read-model/connection.js';
import type { ReminderRow } from '../read-model/rows.js';
import { toReminderRow } from './task-details.projection.js';

/** Every column but the position (selected as text: a bigint on PostgreSQL). */
export const REMINDER_COLUMNS = [
  'task_id',
  'kind',
  'deadline',
  'sequence',
  'sent_at',
  'channel',
  'recipient',
] as const;

/** Reminders delivered for a task, in the order they were recorded. */
export async function remindersFor(db: Db, taskId: string): Promise<ReminderRow[]> {
  const rows = await db
    .selectFrom('reminders')
    .select(REMINDER_COLUMNS)
    .select(positionText('position').as('position'))
    .where('task_id', '=', taskId)
    .orderBy('reminders.position')
    .execute();
  return rows.map(toReminderRow);
}
