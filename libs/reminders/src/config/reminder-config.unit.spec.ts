import { loadReminderConfig, parseDuration } from './reminder-config.js';

describe('reminder configuration', () => {
  it('defaults to embedded mode, a 60 s sweep, 5 attempts, Chinese messages in Asia/Shanghai', () => {
    expect(loadReminderConfig({})).toEqual({
      redisUrl: null,
      queuePrefix: 'chessboard',
      enabled: true,
      sweepIntervalMs: 60_000,
      attempts: 5,
      backoffMs: 30_000,
      concurrency: 5,
      lockDurationMs: 30_000,
      schedule: null,
      timeZone: 'Asia/Shanghai',
      locale: 'zh',
      publicUrl: null,
      smtpUrl: null,
      smtpFrom: 'Chessboard 催办 <chessboard@localhost>',
      webhookSecret: null,
      deliveryTimeoutMs: 10_000,
      officeContacts: [],
    });
  });

  it('reads durations with units; REMINDER_SWEEP_MS is accepted as plain milliseconds', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('0s')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    expect(loadReminderConfig({ REMINDER_SWEEP_INTERVAL: '5m' }).sweepIntervalMs).toBe(300_000);
    expect(loadReminderConfig({ REMINDER_SWEEP_MS: '1500' }).sweepIntervalMs).toBe(1500);
  });

  it('splits OFFICE_CONTACTS on commas and refuses one that is neither e-mail nor URL', () => {
    expect(
      loadReminderConfig({ OFFICE_CONTACTS: ' office@example.edu.cn, https://hooks.example.edu.cn/o ,' })
        .officeContacts,
    ).toEqual(['office@example.edu.cn', 'https://hooks.example.edu.cn/o']);
    expect(() => loadReminderConfig({ OFFICE_CONTACTS: 'office@example.edu.cn, ftp://x' })).toThrow(
      /OFFICE_CONTACTS/,
    );
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadReminderConfig({ REMINDER_TIMEZONE: 'Mars/Olympus' })).toThrow(/^REMINDER_TIMEZONE: /);
    expect(() => loadReminderConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/^REDIS_URL: /);
    expect(() => loadReminderConfig({ REMINDER_ATTEMPTS: '0' })).toThrow(/^REMINDER_ATTEMPTS: /);
    expect(() => loadReminderConfig({ WEBHOOK_SECRET: 'short' })).toThrow(/^WEBHOOK_SECRET: /);
  });

  it('treats empty variables as unset and strips a trailing slash from PUBLIC_URL', () => {
    const config = loadReminderConfig({ REDIS_URL: '', PUBLIC_URL: 'https://cb.example.edu.cn/' });
    expect(config.redisUrl).toBeNull();
    expect(config.publicUrl).toBe('https://cb.example.edu.cn');
  });
});
