import { emailNotifierOnSink } from '../../testing/smtp-sink.js';
import { startWebhookSink, type WebhookSink } from '../../testing/webhook-sink.js';
import { EmailNotifier } from './email.notifier.js';
import { PermanentDeliveryError } from './notifier.js';
import { renderReminder, type ReminderFacts } from './reminder-message.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook, WebhookNotifier } from './webhook.notifier.js';

const facts: ReminderFacts = {
  taskId: '7d7c6a3e-5f0b-4c56-9d55-2f8f1c9f0a11',
  title: '培训林芝市职业技术学校管理干部 92 人 <script>alert(1)</script>',
  unitId: 'mgmt',
  unitName: '管理学院 & 教务处',
  kind: 'DUE_SOON',
  deadline: '2023-06-30T16:00:00.000Z',
  sequence: 0,
  progress: 40,
  now: '2023-06-29T16:00:30.000Z',
};
const options = {
  timeZone: 'Asia/Shanghai',
  locale: 'zh' as const,
  publicUrl: 'https://chessboard.example.edu.cn',
};
const SECRET = 'a-webhook-secret-of-some-length';

describe('the e-mail notifier, against a real SMTP server', () => {
  const email = emailNotifierOnSink('Chessboard 催办 <chessboard@example.edu.cn>', {
    rejectRecipients: ['nobody@example.edu.cn'],
  });

  it('sends a Chinese reminder with the deadline in Shanghai time, text and escaped HTML', async () => {
    await email.notifier.deliver(renderReminder(facts, 'office@example.edu.cn', options));
    const [mail] = await email.smtp.waitFor(1);
    expect(mail.subject).toBe(`【催办】临近截止：${facts.title}`);
    expect(mail.to).toMatchObject({ text: 'office@example.edu.cn' });
    expect(mail.text).toContain(
      `【催办】任务「${facts.title}」将于 2023-07-01 00:00 (Asia/Shanghai) 到期，请尽快办理。`,
    );
    expect(mail.text).toContain('责任单位：管理学院 & 教务处');
    expect(mail.text).toContain('剩余时间：剩余 24 小时');
    expect(mail.text).toContain('当前进度：40%');
    expect(mail.text).toContain(`查看任务：https://chessboard.example.edu.cn/tasks/${facts.taskId}`);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('管理学院 &amp; 教务处');
    expect(mail.headers.get('x-chessboard-task')).toBe(facts.taskId);
  });

  it('reports a mailbox the server rejects (5xx) as a permanent failure', async () => {
    await expect(
      email.notifier.deliver(renderReminder(facts, 'nobody@example.edu.cn', options)),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('fails (to be retried) when no SMTP server answers', async () => {
    const down = new EmailNotifier({
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'x@example.edu.cn',
      timeoutMs: 2000,
    });
    const error = await down
      .deliver(renderReminder(facts, 'office@example.edu.cn', options))
      .catch((e: Error) => e);
    down.close();
    // nodemailer's error comes from another realm under jest: check its shape, not its class.
    expect(error).toMatchObject({ message: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('the webhook notifier, against a real HTTP server', () => {
  let sink: WebhookSink;
  const now = Date.parse('2023-06-29T16:00:30Z');
  const notifier = new WebhookNotifier({ secret: SECRET, timeoutMs: 300, now: () => now });
  beforeAll(async () => {
    sink = await startWebhookSink();
  });
  afterEach(() => {
    sink.respond(() => 200);
    sink.received.length = 0;
  });
  afterAll(() => sink.close());

  it('POSTs generic JSON signed with HMAC-SHA256 over "<timestamp>.<raw body>"', async () => {
    await notifier.deliver(renderReminder(facts, `${sink.url}/hooks/mgmt?token=abc`, options));
    const [request] = await sink.waitFor(1);
    expect(request.path).toBe('/hooks/mgmt?token=abc');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    const timestamp = request.headers[TIMESTAMP_HEADER.toLowerCase()] as string;
    const signature = request.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(timestamp).toBe(String(now / 1000));
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, { signature, timestamp }, request.rawBody, now)).toBe(true);
    expect(verifyWebhook('another-secret-entirely', { signature, timestamp }, request.rawBody, now)).toBe(
      false,
    );
    expect(verifyWebhook(SECRET, { signature, timestamp }, `${request.rawBody} `, now)).toBe(false);
    // A replay ten minutes later is refused even though the signature is genuine.
    expect(verifyWebhook(SECRET, { signature, timestamp }, request.rawBody, now + 600_000)).toBe(false);
    expect(request.json).toMatchObject({
      type: 'chessboard.reminder',
      kind: 'DUE_SOON',
      sequence: 0,
      task: { id: facts.taskId, title: facts.title, progress: 40 },
      unit: { id: 'mgmt', name: '管理学院 & 教务处' },
      deadline: '2023-06-30T16:00:00.000Z',
      deadlineLocal: '2023-07-01 00:00',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('treats a 500 as a failure to retry and a 404 as permanent', async () => {
    sink.respond(() => 500);
    const retryable = await notifier
      .deliver(renderReminder(facts, `${sink.url}/a`, options))
      .catch((e: Error) => e);
    expect(retryable).toBeDefined();
    expect(retryable).not.toBeInstanceOf(PermanentDeliveryError);
    expect((retryable as Error).message).toContain('500');
    sink.respond(() => 404);
    await expect(notifier.deliver(renderReminder(facts, `${sink.url}/b`, options))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('gives up on an endpoint that does not answer within the timeout', async () => {
    sink.respond(() => 'hang');
    const started = Date.now();
    await expect(notifier.deliver(renderReminder(facts, `${sink.url}/slow`, options))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sends unsigned (timestamp only) when no secret is configured', async () => {
    const unsigned = new WebhookNotifier({ secret: null, timeoutMs: 1000 });
    await unsigned.deliver(renderReminder(facts, `${sink.url}/plain`, options));
    const [request] = await sink.waitFor(1);
    expect(request.headers[SIGNATURE_HEADER.toLowerCase()]).toBeUndefined();
    expect(request.headers[TIMESTAMP_HEADER.toLowerCase()]).toMatch(/^\d+$/);
  });
});
