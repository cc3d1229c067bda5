import { memoryLogger } from '../../testing/memory-logger.js';
import { classifyContact } from './contact.js';
import { LogNotifier } from './log.notifier.js';
import type { Notifier } from './notifier.js';
import { LOG_RECIPIENT, NotifierRouter } from './notifier-router.js';
import { describeTimeLeft, escapeMarkdown, renderReminder, type ReminderFacts } from './reminder-message.js';
import { webhookPayload, webhookPreset } from './webhook.notifier.js';

const facts: ReminderFacts = {
  taskId: 'c0ffee00-0000-4000-8000-000000000001',
  title: '援疆：服装专业毕业设计指导',
  unitId: 'textile',
  unitName: '轻纺食品系',
  kind: 'UPCOMING',
  deadline: '2023-06-30T16:00:00.000Z',
  sequence: 0,
  progress: 10,
  now: '2023-06-23T16:00:45.000Z',
};
const zh = { timeZone: 'Asia/Shanghai', locale: 'zh' as const, publicUrl: null };

describe('reminder messages', () => {
  it('show the deadline in Asia/Shanghai by default: 2023-06-30T16:00Z is 2023-07-01 00:00 there', () => {
    const message = renderReminder(facts, 'a@example.edu.cn', zh);
    expect(message.text.split('\n')[0]).toBe(
      '【催办】任务「援疆：服装专业毕业设计指导」将于 2023-07-01 00:00 (Asia/Shanghai) 到期，请尽快办理。',
    );
    expect(message.text).toContain('剩余时间：剩余 7 天');
    expect(message.link).toBeNull();
    expect(message.text).not.toContain('查看任务');
  });

  it('use the configured time zone instead (REMINDER_TIMEZONE)', () => {
    const message = renderReminder(facts, 'a@example.edu.cn', { ...zh, timeZone: 'Asia/Urumqi' });
    expect(message.deadlineLocal).toBe('2023-06-30 22:00');
    expect(message.text).toContain('2023-06-30 22:00 (Asia/Urumqi)');
  });

  it('say how long a task is overdue, in English when REMINDER_LOCALE=en', () => {
    const overdue = { ...facts, kind: 'OVERDUE' as const, sequence: 1, now: '2023-07-06T16:01:00.000Z' };
    const message = renderReminder(overdue, 'a@example.edu.cn', {
      ...zh,
      locale: 'en',
      publicUrl: 'https://cb.example',
    });
    expect(message.subject).toBe('[Reminder] overdue: 援疆：服装专业毕业设计指导');
    expect(message.text.split('\n')[0]).toBe(
      '[Reminder] Task "援疆：服装专业毕业设计指导" was due on 2023-07-01 00:00 (Asia/Shanghai) and is 6 day(s) overdue; please act on it.',
    );
    expect(message.text).toContain('Time left: 6 days overdue');
    expect(message.text).toContain(`Open the task: https://cb.example/tasks/${facts.taskId}`);
  });

  it('count hours when less than a day is left, and call the deadline reached at DUE', () => {
    expect(describeTimeLeft('2023-07-01T00:00:00Z', '2023-06-30T12:00:00Z', 'zh')).toBe('剩余 12 小时');
    expect(describeTimeLeft('2023-07-01T00:00:00Z', '2023-06-30T23:59:00Z', 'en')).toBe('1 hour left');
    expect(describeTimeLeft('2023-07-01T00:00:00Z', '2023-07-01T00:00:40Z', 'zh')).toBe('已到截止时间');
  });

  it('escape user text in robot markdown so a title cannot inject links, emphasis or HTML', () => {
    const hostile = {
      ...facts,
      title: '**紧急** [点我](http://evil.example) <font color="red">x</font>\n# 标题',
    };
    const message = renderReminder(hostile, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', zh);
    expect(message.markdown).not.toContain('[点我](');
    expect(message.markdown).not.toContain('<font');
    expect(message.markdown).not.toMatch(/^# /m);
    expect(message.markdown).toContain(
      '\\*\\*紧急\\*\\* \\[点我\\](http://evil.example) &lt;font color="red"&gt;x&lt;/font&gt; # 标题',
    );
    expect(escapeMarkdown('a_b`c~d')).toBe('a\\_b\\`c\\~d');
  });
});

describe('webhook presets, chosen by host', () => {
  const message = (url: string) => renderReminder(facts, url, zh);

  it('WeCom group robots get {msgtype: markdown, markdown: {content}}', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc';
    expect(webhookPreset(url)).toBe('wecom');
    expect(webhookPayload(message(url))).toEqual({
      msgtype: 'markdown',
      markdown: { content: message(url).markdown },
    });
  });

  it('DingTalk robots get {msgtype: markdown, markdown: {title, text}}', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc';
    expect(webhookPreset(url)).toBe('dingtalk');
    expect(webhookPayload(message(url))).toEqual({
      msgtype: 'markdown',
      markdown: { title: '【催办】即将到期：援疆：服装专业毕业设计指导', text: message(url).markdown },
    });
  });

  it('anything else gets the generic JSON body', () => {
    expect(webhookPreset('https://hooks.example.edu.cn/chessboard')).toBe('generic');
    expect(webhookPayload(message('https://hooks.example.edu.cn/x'))).toMatchObject({
      type: 'chessboard.reminder',
    });
  });
});

describe('routing contacts to channels', () => {
  const logger = memoryLogger();
  const fake = (channel: Notifier['channel']): Notifier => ({ channel, deliver: async () => undefined });
  const router = new NotifierRouter([new LogNotifier(logger), fake('email'), fake('webhook')], logger);

  it('classifies e-mail addresses and http(s) URLs, and nothing else', () => {
    expect(classifyContact(' office@example.edu.cn ')).toEqual({
      channel: 'email',
      recipient: 'office@example.edu.cn',
    });
    expect(classifyContact('https://hooks.example.edu.cn/x')).toEqual({
      channel: 'webhook',
      recipient: 'https://hooks.example.edu.cn/x',
    });
    expect(classifyContact('ftp://example.edu.cn')).toBeNull();
    expect(classifyContact('not an address')).toBeNull();
  });

  it('sends OVERDUE reminders to the office as well, once per address', () => {
    const unit = ['head@example.edu.cn', 'https://hooks.example.edu.cn/mgmt'];
    const office = ['office@example.edu.cn', 'HEAD@example.edu.cn'];
    expect(
      router.route({ kind: 'DUE', unitContacts: unit, officeContacts: office }).map((d) => d.address),
    ).toEqual(unit);
    const overdue = router.route({ kind: 'OVERDUE', unitContacts: unit, officeContacts: office });
    expect(overdue.map((d) => [d.channel, d.address, d.audience])).toEqual([
      ['email', 'head@example.edu.cn', 'unit'],
      ['webhook', 'https://hooks.example.edu.cn/mgmt', 'unit'],
      ['email', 'office@example.edu.cn', 'office'],
    ]);
  });

  it('records robot URLs without their access key, but tells two robots apart', () => {
    const a = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-a';
    const b = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-b';
    const [da, db] = router.route({ kind: 'DUE', unitContacts: [a, b], officeContacts: [] });
    expect(da.address).toBe(a);
    expect(da.recipient).toMatch(/^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?…#[0-9a-f]{8}$/);
    expect(da.recipient).not.toContain('secret');
    expect(db.recipient).not.toBe(da.recipient);
  });

  it('falls back to the log channel when nobody can be reached', () => {
    expect(router.route({ kind: 'DUE', unitContacts: [], officeContacts: [] })).toEqual([
      { channel: 'log', address: LOG_RECIPIENT, recipient: LOG_RECIPIENT, audience: 'unit' },
    ]);
    const noSmtp = new NotifierRouter([new LogNotifier(logger), fake('webhook')], logger);
    expect(noSmtp.route({ kind: 'DUE', unitContacts: ['a@example.edu.cn'], officeContacts: [] })).toEqual([
      { channel: 'log', address: 'a@example.edu.cn', recipient: 'a@example.edu.cn', audience: 'unit' },
    ]);
  });
});
