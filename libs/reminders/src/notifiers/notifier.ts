import type { ReminderMessage } from './reminder-message.js';

export type NotifierChannel = 'email' | 'webhook' | 'log';

/** One delivery channel. `deliver` resolves once the recipient's side accepted the message, and throws otherwise. */
export interface Notifier {
  readonly channel: NotifierChannel;
  deliver(reminder: ReminderMessage): Promise<void>;
}

/** A delivery that failed for a reason retrying will not fix (e.g. the SMTP server rejected the address). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
