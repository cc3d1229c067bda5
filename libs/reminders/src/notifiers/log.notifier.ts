import type { Logger } from '#domain';
import type { Notifier } from './notifier.js';
import type { ReminderMessage } from './reminder-message.js';

/** The log channel: every reminder is written to the structured log, whatever else happens to it. */
export class LogNotifier implements Notifier {
  readonly channel = 'log' as const;

  constructor(private readonly logger: Logger) {}

  async deliver(reminder: ReminderMessage): Promise<void> {
    const { taskId, kind, deadline, sequence, unitId } = reminder.facts;
    this.logger.info(
      { reminder: { taskId, kind, deadline, sequence, unitId, recipient: reminder.recipient } },
      reminder.text.split('\n')[0],
    );
  }
}
