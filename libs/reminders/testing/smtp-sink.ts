import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { EmailNotifier } from '../src/notifiers/email.notifier.js';

/** A real SMTP server in-process that keeps what it receives (parsed by mailparser). */
export interface SmtpSink {
  readonly url: string;
  readonly mails: ParsedMail[];
  /** Resolves once `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(
  options: { rejectRecipients?: readonly string[] } = {},
): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const rejected = new Set((options.rejectRecipients ?? []).map((r) => r.toLowerCase()));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a describe block: an SMTP sink and an EmailNotifier that sends to it, started before its
 * tests and closed after them. Read `smtp` and `notifier` inside the tests, not at collection.
 */
export function emailNotifierOnSink(
  from: string,
  options: { rejectRecipients?: readonly string[] } = {},
): { readonly smtp: SmtpSink; readonly notifier: EmailNotifier } {
  let started: { smtp: SmtpSink; notifier: EmailNotifier } | null = null;
  beforeAll(async () => {
    const smtp = await startSmtpSink(options);
    started = { smtp, notifier: new EmailNotifier({ smtpUrl: smtp.url, from, timeoutMs: 5000 }) };
  });
  afterAll(async () => {
    started?.notifier.close();
    await started?.smtp.close();
  });
  const get = () => {
    if (!started) throw new Error('emailNotifierOnSink: used outside a test of its describe block');
    return started;
  };
  return {
    get smtp() {
      return get().smtp;
    },
    get notifier() {
      return get().notifier;
    },
  };
}
