import nodemailer, { type Transporter } from 'nodemailer';
import type { Notifier } from './notifier.js';
import { PermanentDeliveryError } from './notifier.js';
import type { ReminderMessage } from './reminder-message.js';

export interface EmailNotifierOptions {
  /** smtp://user:pass@host:port or smtps://… (nodemailer's connection URL). */
  readonly smtpUrl: string;
  /** The From header, e.g. "Chessboard 催办 <chessboard@school.edu.cn>". */
  readonly from: string;
  /** Connecting, the greeting and each reply must come within this (nodemailer's defaults run to minutes). */
  readonly timeoutMs: number;
}

/** E-mail through SMTP (nodemailer). Plain-text and HTML parts; user text escaped in the HTML. */
export class EmailNotifier implements Notifier {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: EmailNotifierOptions) {
    this.transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  async deliver(reminder: ReminderMessage): Promise<void> {
    const { taskId, kind, deadline, sequence } = reminder.facts;
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: reminder.recipient,
        subject: reminder.subject,
        text: reminder.text,
        html: reminder.html,
        headers: {
          'X-Chessboard-Task': taskId,
          'X-Chessboard-Reminder': `${kind}/${sequence}/${deadline}`,
        },
      });
    } catch (error) {
      // 5xx replies (unknown mailbox, rejected sender) will not change on retry.
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) {
        throw new PermanentDeliveryError(
          `SMTP rejected ${reminder.recipient}: ${String((error as Error).message)}`,
        );
      }
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
