/** What other apps use from the worker: the reminder runners, their configuration and the webhook signature. */
export { loadReminderConfig, ReminderConfigError, type ReminderConfig } from './config/reminder-config.js';
export {
  startEmbeddedReminders,
  type EmbeddedReminders,
  type FailedReminder,
} from './reminders/embedded-reminders.js';
export {
  startQueueReminders,
  REMINDER_QUEUE,
  SWEEP_SCHEDULER_ID,
  type QueueReminders,
  type QueueRemindersOptions,
} from './reminders/queue-reminders.js';
export type { RemindersInput } from './reminders/reminder-runtime.js';
export { readModelOpenTasks } from './reminders/open-tasks.query.js';
export { reminderJobId, REMINDER_WORKER } from './reminders/reminder-job.js';
export type { ReminderLogger } from './notifiers/notifier.js';
export {
  signWebhook,
  verifyWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './notifiers/webhook.notifier.js';
export { RemindersModule, type RemindersModuleOptions } from './reminders.module.js';
