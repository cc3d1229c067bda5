import { DEFAULT_REMINDER_SCHEDULE, parseReminderSchedule, type ReminderSchedule } from '#domain';
import type { EventStore } from '#event-store';
import type { Db } from '#projections';
import { loadReminderConfig, type ReminderConfig } from './config/reminder-config.js';
import { EmailNotifier } from './notifiers/email.notifier.js';
import { LogNotifier } from './notifiers/log.notifier.js';
import type { Logger } from '#domain';
import type { Notifier } from './notifiers/notifier.js';
import { NotifierRouter } from './notifiers/notifier-router.js';
import { WebhookNotifier } from './notifiers/webhook.notifier.js';
import type { DeliveryDeps } from './deliver-reminder.js';
import { readModelOpenTasks } from './open-tasks.query.js';
import type { OpenTaskSource } from './sweep.js';

/** What both runners (embedded timer, BullMQ) need. */
export interface RemindersInput {
  /** The event store: delivery re-reads task and unit streams there and appends ReminderSent. */
  readonly store: EventStore;
  /** The read model (anything with its Kysely `db`, e.g. openReadModel's ReadModel): the sweep finds open tasks there. */
  readonly readModel?: { readonly db: Db };
  /** Instead of readModel: another source of open tasks. */
  readonly tasks?: OpenTaskSource;
  readonly logger: Logger;
  /** Default: loadReminderConfig(env). */
  readonly config?: ReminderConfig;
  /** Read when `config` is absent; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Time source (tests travel in time with it); default the system clock. */
  readonly clock?: () => Date;
}

export interface ReminderRuntime {
  readonly config: ReminderConfig;
  readonly tasks: OpenTaskSource;
  readonly schedule: ReminderSchedule;
  readonly delivery: DeliveryDeps;
  readonly clock: () => Date;
  close(): void;
}

/** Builds the notifiers from the configuration and everything delivery needs. */
export function createReminderRuntime(input: RemindersInput): ReminderRuntime {
  const { logger } = input;
  const config = input.config ?? loadReminderConfig(input.env ?? process.env);
  const tasks = input.tasks ?? (input.readModel ? readModelOpenTasks(input.readModel.db) : null);
  if (!tasks) throw new Error('reminders need the read model (or another source of open tasks)');
  const schedule =
    config.schedule === null ? DEFAULT_REMINDER_SCHEDULE : parseReminderSchedule(config.schedule);
  const email = config.smtpUrl
    ? new EmailNotifier({
        smtpUrl: config.smtpUrl,
        from: config.smtpFrom,
        timeoutMs: config.deliveryTimeoutMs,
      })
    : null;
  if (!email) logger.warn({}, 'SMTP_URL is not set: reminders to e-mail contacts go to the log only');
  if (!config.webhookSecret)
    logger.warn({}, 'WEBHOOK_SECRET is not set: reminder webhooks are sent unsigned');
  const notifiers: Notifier[] = [
    new LogNotifier(logger),
    new WebhookNotifier({ secret: config.webhookSecret, timeoutMs: config.deliveryTimeoutMs }),
    ...(email ? [email] : []),
  ];
  const clock = input.clock ?? (() => new Date());
  return {
    config,
    tasks,
    schedule,
    clock,
    delivery: {
      store: input.store,
      router: new NotifierRouter(notifiers, logger),
      logger,
      schedule,
      message: { timeZone: config.timeZone, locale: config.locale, publicUrl: config.publicUrl },
      officeContacts: config.officeContacts,
      clock,
    },
    close: () => email?.close(),
  };
}

/** Delay before retry `attempt` (1-based): backoff · 2^(attempt-1), as BullMQ's exponential strategy. */
export const backoffDelay = (backoffMs: number, attempt: number): number =>
  backoffMs * 2 ** Math.max(0, attempt - 1);
