/** The reminder engine: its configuration, the embedded and BullMQ runners, their building blocks and the webhook signature. */
export { loadReminderConfig, ReminderConfigError, type ReminderConfig } from './config/reminder-config.js';
export { startEmbeddedReminders, type EmbeddedReminders, type FailedReminder } from './embedded-reminders.js';
export {
  startQueueReminders,
  REMINDER_QUEUE,
  SWEEP_SCHEDULER_ID,
  type QueueReminders,
  type QueueRemindersOptions,
} from './queue-reminders.js';
export { createReminderRuntime, type RemindersInput, type ReminderRuntime } from './reminder-runtime.js';
export { deliverReminder } from './deliver-reminder.js';
export { sweepReminders, type ReminderJob } from './sweep.js';
export { readModelOpenTasks } from './open-tasks.query.js';
export { reminderJobId, REMINDER_WORKER } from './reminder-job.js';
export {
  signWebhook,
  verifyWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './notifiers/webhook.notifier.js';
