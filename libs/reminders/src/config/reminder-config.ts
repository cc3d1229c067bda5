import { parseReminderSchedule, ValidationError } from '#domain';
import { z } from 'zod';
import { classifyContact } from '../notifiers/contact.js';

export type ReminderLocale = 'zh' | 'en';

/** Everything the reminder sweep, its delivery and its notifiers read from the environment (README: "Reminders"). */
export interface ReminderConfig {
  /** Set: BullMQ on Redis (server mode). Unset: the in-process timer (embedded mode). */
  readonly redisUrl: string | null;
  /** Redis key prefix of the BullMQ queue (several deployments can share one Redis). */
  readonly queuePrefix: string;
  /** False when REMINDERS_ENABLED=false: nothing is swept or delivered. */
  readonly enabled: boolean;
  readonly sweepIntervalMs: number;
  /** Delivery tries per reminder before the job stays failed. */
  readonly attempts: number;
  /** First retry delay; exponential after that (delay · 2^(try-1)). */
  readonly backoffMs: number;
  /** Deliveries processed at once by one worker. */
  readonly concurrency: number;
  /**
   * How long a worker holds a delivery job without renewing its lock; a worker that died
   * (SIGKILL, power loss) has its job taken over by another worker within about twice this.
   */
  readonly lockDurationMs: number;
  /** Raw REMINDER_SCHEDULE text (parsed by the domain's parseReminderSchedule); null: the default schedule. */
  readonly schedule: string | null;
  readonly timeZone: string;
  readonly locale: ReminderLocale;
  /** Base URL of the web app; messages link to `${publicUrl}/tasks/<id>` when set. */
  readonly publicUrl: string | null;
  readonly smtpUrl: string | null;
  readonly smtpFrom: string;
  /** HMAC key for X-Chessboard-Signature; unset: webhooks go unsigned (a warning at startup). */
  readonly webhookSecret: string | null;
  /** A webhook must answer, an SMTP server connect and reply, within this. */
  readonly deliveryTimeoutMs: number;
  /** Where OVERDUE reminders also go (the support office): e-mail addresses or webhook URLs. */
  readonly officeContacts: readonly string[];
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "60s", "5m", "1.5h", "500ms"; a bare number is milliseconds. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 'ms').toLowerCase()];
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}

const duration = (name: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a duration such as 60s, 5m or 500ms` });
      return z.NEVER;
    }
    return ms;
  });

const validTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const envSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REMINDER_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
    .default('chessboard'),
  REMINDERS_ENABLED: z.enum(['true', 'false', '1', '0']).optional(),
  REMINDER_SWEEP_INTERVAL: duration('REMINDER_SWEEP_INTERVAL').optional(),
  REMINDER_SWEEP_MS: z.coerce.number().int().positive().optional(),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  REMINDER_BACKOFF: duration('REMINDER_BACKOFF').default(30_000),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  REMINDER_LOCK_DURATION: duration('REMINDER_LOCK_DURATION').default(30_000),
  REMINDER_SCHEDULE: z.string().optional(),
  REMINDER_TIMEZONE: z
    .string()
    .refine(validTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  REMINDER_LOCALE: z.enum(['zh', 'en']).default('zh'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().default('Chessboard 催办 <chessboard@localhost>'),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  REMINDER_DELIVERY_TIMEOUT: duration('REMINDER_DELIVERY_TIMEOUT').default(10_000),
  OFFICE_CONTACTS: z.string().optional(),
});

/** A configuration problem: the message is one line naming the variable. */
export class ReminderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReminderConfigError';
  }
}

export function loadReminderConfig(env: NodeJS.ProcessEnv = process.env): ReminderConfig {
  const parsed = envSchema.safeParse(pickDefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new ReminderConfigError(`${variable}: ${issue.message}`);
  }
  const e = parsed.data;
  const officeContacts = (e.OFFICE_CONTACTS ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  const bad = officeContacts.find((c) => classifyContact(c) === null);
  if (bad !== undefined) {
    throw new ReminderConfigError(
      `OFFICE_CONTACTS: ${JSON.stringify(bad)} is neither an e-mail address nor an http(s) URL`,
    );
  }
  if (e.REMINDER_SCHEDULE !== undefined) {
    // Checked here, at startup, rather than when the first sweep parses it.
    try {
      parseReminderSchedule(e.REMINDER_SCHEDULE);
    } catch (error) {
      if (error instanceof ValidationError) throw new ReminderConfigError(error.message);
      throw error;
    }
  }
  return {
    redisUrl: e.REDIS_URL ?? null,
    queuePrefix: e.REMINDER_QUEUE_PREFIX,
    enabled:
      e.REMINDERS_ENABLED === undefined || e.REMINDERS_ENABLED === 'true' || e.REMINDERS_ENABLED === '1',
    sweepIntervalMs: e.REMINDER_SWEEP_INTERVAL ?? e.REMINDER_SWEEP_MS ?? 60_000,
    attempts: e.REMINDER_ATTEMPTS,
    backoffMs: e.REMINDER_BACKOFF,
    concurrency: e.REMINDER_CONCURRENCY,
    lockDurationMs: e.REMINDER_LOCK_DURATION,
    schedule: e.REMINDER_SCHEDULE ?? null,
    timeZone: e.REMINDER_TIMEZONE,
    locale: e.REMINDER_LOCALE,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    smtpUrl: e.SMTP_URL ?? null,
    smtpFrom: e.SMTP_FROM,
    webhookSecret: e.WEBHOOK_SECRET ?? null,
    deliveryTimeoutMs: e.REMINDER_DELIVERY_TIMEOUT,
    officeContacts,
  };
}

/** Empty strings count as unset, as most shells and .env loaders intend. */
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
