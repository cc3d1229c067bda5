import { createHash } from 'node:crypto';
import type { ReminderKind } from '#domain';
import { classifyContact } from './contact.js';
import type { Logger } from '#domain';
import type { Notifier, NotifierChannel } from './notifier.js';
import { redact } from './webhook.notifier.js';

/** One recipient of one reminder, and how it is reached. */
export interface Delivery {
  readonly channel: NotifierChannel;
  /** Where the notifier sends it (the contact as registered). */
  readonly address: string;
  /**
   * What the ReminderSent event records as its recipient. Webhook URLs of group robots
   * carry their access key in the query string and the history is permanent, so they are
   * recorded without it, plus a short hash that tells two robots on the same path apart.
   */
  readonly recipient: string;
  /** The unit's own contact, or the office's (OVERDUE only). */
  readonly audience: 'unit' | 'office';
}

/** The recipient recorded for the log channel when nobody else could be reached. */
export const LOG_RECIPIENT = 'log';

export function recordedRecipient(channel: NotifierChannel, address: string): string {
  if (channel !== 'webhook') return address;
  const url = new URL(address);
  if (!url.search && !url.username && !url.password) return address;
  const tag = createHash('sha256').update(address).digest('hex').slice(0, 8);
  return `${redact(address)}#${tag}`;
}

export interface RouteInput {
  readonly kind: ReminderKind;
  readonly unitContacts: readonly string[];
  readonly officeContacts: readonly string[];
}

/**
 * Chooses a channel per contact: an e-mail address goes by e-mail, an http(s) URL by
 * webhook. OVERDUE reminders also go to the office. Contacts nobody can deliver to
 * (malformed, or e-mail while SMTP is not configured) go to the log channel instead, and
 * when nothing is left the log channel alone records the reminder, so it is never
 * re-derived as due forever. The log notifier itself writes every reminder regardless.
 */
export class NotifierRouter {
  private readonly byChannel: ReadonlyMap<NotifierChannel, Notifier>;

  constructor(
    notifiers: readonly Notifier[],
    private readonly logger: Logger,
  ) {
    this.byChannel = new Map(notifiers.map((n) => [n.channel, n]));
    if (!this.byChannel.has('log')) throw new Error('the log notifier is required');
  }

  notifier(channel: NotifierChannel): Notifier {
    const notifier = this.byChannel.get(channel);
    if (!notifier) throw new Error(`no notifier for channel ${channel}`);
    return notifier;
  }

  get log(): Notifier {
    return this.notifier('log');
  }

  route(input: RouteInput): Delivery[] {
    const audiences: [Delivery['audience'], readonly string[]][] = [['unit', input.unitContacts]];
    if (input.kind === 'OVERDUE') audiences.push(['office', input.officeContacts]);

    const deliveries: Delivery[] = [];
    const seen = new Set<string>();
    for (const [audience, contacts] of audiences) {
      for (const contact of contacts) {
        const classified = classifyContact(contact);
        let channel: NotifierChannel = classified?.channel ?? 'log';
        if (!classified)
          this.logger.warn({ contact, audience }, 'reminder contact is neither e-mail nor http(s) URL');
        else if (!this.byChannel.has(classified.channel)) {
          this.logger.warn(
            { channel: classified.channel, audience },
            'no notifier for this channel; logged only',
          );
          channel = 'log';
        }
        const address = classified?.recipient ?? contact.trim();
        const key = `${channel} ${address.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        deliveries.push({ channel, address, recipient: recordedRecipient(channel, address), audience });
      }
    }
    if (deliveries.length === 0) {
      deliveries.push({ channel: 'log', address: LOG_RECIPIENT, recipient: LOG_RECIPIENT, audience: 'unit' });
    }
    return deliveries;
  }
}
