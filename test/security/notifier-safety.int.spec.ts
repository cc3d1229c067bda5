import { renderReminder, type ReminderFacts } from '../../libs/reminders/src/notifiers/reminder-message.js';
import { WebhookUrlRefusedError } from '../../libs/reminders/src/notifiers/ssrf-guard.js';
import { WebhookNotifier } from '../../libs/reminders/src/notifiers/webhook.notifier.js';
import { emailNotifierOnSink } from '../../libs/reminders/testing/smtp-sink.js';
import { startWebhookSink, type WebhookSink } from '../../libs/reminders/testing/webhook-sink.js';

/** A task whose title and unit name were typed by someone hostile (the domain allows \r\n). */
const facts: ReminderFacts = {
  taskId: '7d7c6a3e-5f0b-4c56-9d55-2f8f1c9f0a11',
  title:
    '培训\r\nBcc: victim@example.com\r\nX-Evil: 1\r\n\r\n<script>alert(1)</script>[点我](javascript:alert(1))',
  unitId: 'mgmt',
  unitName: '管理学院 <img src=x onerror=alert(1)> & "教务处"',
  kind: 'OVERDUE',
  deadline: '2023-06-30T16:00:00.000Z',
  sequence: 0,
  progress: 40,
  now: '2023-07-02T16:00:30.000Z',
};
const options = {
  timeZone: 'Asia/Shanghai',
  locale: 'zh' as const,
  publicUrl: 'https://chessboard.example.edu.cn',
};

describe('outgoing reminders carry hostile text as text', () => {
  const email = emailNotifierOnSink('Chessboard <chessboard@example.edu.cn>');

  it('e-mail: CR/LF in a title cannot add headers or recipients; HTML is escaped', async () => {
    await email.notifier.deliver(renderReminder(facts, 'office@example.edu.cn', options));
    const [mail] = await email.smtp.waitFor(1);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-evil')).toBe(false);
    expect(mail.to).toMatchObject({ text: 'office@example.edu.cn' });
    expect(mail.subject).toContain('Bcc: victim@example.com');
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;教务处&quot;');
  });

  it('markdown for group robots: no link, no HTML, no new line started by user text', () => {
    const { markdown } = renderReminder(
      facts,
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      options,
    );
    expect(markdown).not.toMatch(/<script|<img/);
    // Brackets are backslash-escaped: `\[点我\](javascript:…)` is shown as text, not a link.
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(markdown).toContain('\\[点我\\](javascript:alert(1))');
    for (const line of markdown.split('\n')) expect(line).not.toMatch(/^(Bcc|X-Evil|<script)/);
  });
});

describe('webhook URLs are checked at send time (SSRF)', () => {
  let hooks: WebhookSink;
  const reminderTo = (recipient: string) => renderReminder(facts, recipient, options);

  beforeAll(async () => {
    hooks = await startWebhookSink();
  });
  afterAll(() => hooks.close());

  it('a loopback webhook is refused before anything is sent, by IP and by name (real DNS)', async () => {
    const notifier = new WebhookNotifier({ secret: null, timeoutMs: 2000, ssrf: { allowPrivate: false } });
    const port = new URL(hooks.url).port;
    for (const url of [`${hooks.url}/a`, `http://localhost:${port}/b`, `http://[::1]:${port}/c`]) {
      await expect(notifier.deliver(reminderTo(url))).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    }
    expect(hooks.received).toEqual([]);
  });

  it('without WEBHOOK_ALLOW_PRIVATE the default refuses; with it the same webhook is delivered', async () => {
    const saved = process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
      const notifier = new WebhookNotifier({ secret: null, timeoutMs: 2000 });
      await expect(notifier.deliver(reminderTo(`${hooks.url}/d`))).rejects.toThrow(/WEBHOOK_ALLOW_PRIVATE/);
      process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
      await notifier.deliver(reminderTo(`${hooks.url}/e`));
      const [received] = await hooks.waitFor(1);
      expect(received.path).toBe('/e');
      // The generic body is JSON: hostile text arrives as a string value, nothing more.
      expect((received.json as { task: { title: string } }).task.title).toBe(facts.title);
    } finally {
      if (saved === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
      else process.env.WEBHOOK_ALLOW_PRIVATE = saved;
    }
  });
});
