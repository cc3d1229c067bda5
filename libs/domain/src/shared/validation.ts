import { ValidationError } from './errors.js';

/** Maximum lengths (in characters) and list sizes of command inputs. */
export const LIMITS = {
  title: 200,
  description: 4000,
  partner: 200,
  assignee: 100,
  note: 2000,
  reason: 2000,
  summary: 4000,
  comment: 4000,
  name: 100,
  region: 100,
  label: 100,
  targetUnit: 20,
  channel: 50,
  evidenceItems: 20,
  evidenceItem: 500,
  metrics: 50,
  targets: 50,
  contacts: 20,
  contact: 300,
} as const;

/** Deadlines outside these years are typos, not plans. */
export const DEADLINE_YEARS = { min: 2000, max: 2100 } as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const METRIC_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
// C0 and C1 control characters except \t \n \r.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const length = (text: string): number => Array.from(text).length;

/** A required string: trimmed, non-empty, at most `max` characters, no control characters. */
export function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  const text = value.trim();
  if (text === '') throw new ValidationError(field, 'must not be empty');
  if (length(text) > max) throw new ValidationError(field, `must be at most ${max} characters`);
  if (CONTROL_CHARACTERS.test(text)) throw new ValidationError(field, 'must not contain control characters');
  return text;
}

/** An optional string: absent or blank becomes null, otherwise as `requiredText`. */
export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return requiredText(field, value, max);
}

export function taskId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw new ValidationError(field, 'must be a UUID');
  }
  return value;
}

/** Unit and programme ids: short, URL- and stream-name-safe. */
export function entityId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ENTITY_ID_PATTERN.test(value)) {
    throw new ValidationError(
      field,
      'must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit',
    );
  }
  return value;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** An ISO-8601 instant with an offset or Z, normalised to UTC `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function instant(field: string, value: unknown): string {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const rule = 'must be an ISO-8601 instant with an offset, e.g. 2023-06-30T16:00:00Z';
  if (!match) throw new ValidationError(field, rule);
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = [1, 2, 3, 4, 5, 6, 8, 9].map(
    (group) => Number(match[group] ?? 0),
  );
  const calendarOk =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59;
  const parsed = new Date(value as string);
  if (!calendarOk || Number.isNaN(parsed.getTime())) throw new ValidationError(field, rule);
  const utcYear = parsed.getUTCFullYear();
  if (utcYear < DEADLINE_YEARS.min || utcYear > DEADLINE_YEARS.max) {
    throw new ValidationError(field, `must be in the years ${DEADLINE_YEARS.min} to ${DEADLINE_YEARS.max}`);
  }
  return parsed.toISOString();
}

export function progress(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw new ValidationError(field, 'must be an integer from 0 to 100');
  }
  return value;
}

export function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(field, 'must be a finite number');
  }
  return value;
}

export function metricKey(field: string, value: unknown): string {
  if (typeof value !== 'string' || !METRIC_KEY_PATTERN.test(value)) {
    throw new ValidationError(field, 'must be 1 to 64 letters, digits, "_", "." or "-"');
  }
  return value;
}

/** An optional list: absent becomes [], at most `max` items, each checked by `item`. */
export function list<T>(
  field: string,
  value: unknown,
  max: number,
  item: (field: string, value: unknown) => T,
): T[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be a list');
  if (value.length > max) throw new ValidationError(field, `must have at most ${max} items`);
  return value.map((element, index) => item(`${field}[${index}]`, element));
}

/** Rejects the first repeated key, naming the element that repeats it. */
export function uniqueKeys(field: string, keys: readonly string[]): void {
  const index = keys.findIndex((key, position) => keys.indexOf(key) !== position);
  if (index >= 0) throw new ValidationError(`${field}[${index}].key`, `duplicates the key "${keys[index]}"`);
}

/** Where reminders go: an e-mail address or an http(s) webhook URL. */
export function contact(field: string, value: unknown): string {
  const text = requiredText(field, value, LIMITS.contact);
  if (EMAIL.test(text) || isWebUrl(text)) return text;
  throw new ValidationError(field, 'must be an e-mail address or an http(s) URL');
}

function isWebUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

export const dedupe = <T>(items: readonly T[]): T[] => [...new Set(items)];
