import { ValidationError } from '../shared/errors.js';

/** When 催办 reminders fall due, in milliseconds relative to the deadline. */
export interface ReminderSchedule {
  /** UPCOMING is due this long before the deadline. */
  readonly upcoming: number;
  /** DUE_SOON is due this long before the deadline. */
  readonly dueSoon: number;
  /** OVERDUE n (n = 0, 1, …) is due at deadline + (n + 1) × overdueEvery. */
  readonly overdueEvery: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY };

/** The schedule of the work report: a week before, a day before, on the day, then every three days. */
export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  upcoming: 7 * DAY,
  dueSoon: DAY,
  overdueEvery: 3 * DAY,
};

const KEYS = { UPCOMING: 'upcoming', DUE_SOON: 'dueSoon', OVERDUE_EVERY: 'overdueEvery' } as const;
type Key = keyof typeof KEYS;
const FIELD = 'REMINDER_SCHEDULE';

/**
 * Parses the REMINDER_SCHEDULE env var, e.g. `UPCOMING=7d,DUE_SOON=1d,OVERDUE_EVERY=3d`.
 * Durations take the units m, h or d; keys left out keep their defaults; an empty text is the default.
 */
export function parseReminderSchedule(text: string): ReminderSchedule {
  const schedule: Record<(typeof KEYS)[Key], number> = { ...DEFAULT_REMINDER_SCHEDULE };
  const seen = new Set<Key>();
  for (const pair of text.split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const [rawKey = '', rawValue, ...rest] = pair.split('=').map((part) => part.trim());
    if (rawValue === undefined || rest.length > 0) {
      throw new ValidationError(FIELD, `expected KEY=DURATION pairs separated by commas, got "${pair}"`);
    }
    const key = rawKey.toUpperCase() as Key;
    if (!(key in KEYS))
      throw new ValidationError(FIELD, `unknown key "${rawKey}"; use UPCOMING, DUE_SOON or OVERDUE_EVERY`);
    if (seen.has(key)) throw new ValidationError(FIELD, `${key} is given more than once`);
    seen.add(key);
    schedule[KEYS[key]] = parseDuration(key, rawValue);
  }
  return checkReminderSchedule(schedule);
}

function parseDuration(key: Key, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([mhd])$/.exec(text);
  if (!match) throw new ValidationError(FIELD, `${key}: "${text}" is not a duration such as 30m, 12h or 7d`);
  const ms = Math.round(Number(match[1]) * UNITS[match[2]]);
  if (ms <= 0) throw new ValidationError(FIELD, `${key}: must be longer than zero`);
  return ms;
}

/** The reminders of one deadline must fall due in kind order, or later kinds would hide earlier ones. */
export function checkReminderSchedule(schedule: ReminderSchedule): ReminderSchedule {
  const { upcoming, dueSoon, overdueEvery } = schedule;
  if (!(dueSoon > 0 && overdueEvery > 0))
    throw new ValidationError(FIELD, 'durations must be longer than zero');
  if (upcoming <= dueSoon)
    throw new ValidationError(
      FIELD,
      'UPCOMING must be earlier than DUE_SOON (a longer time before the deadline)',
    );
  return schedule;
}
