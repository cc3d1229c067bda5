import { ValidationError } from '../shared/errors.js';

/** The school's time zone: reminders and reports speak Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** `2023-06-30T16:00:00Z` → `2023-07-01 00:00 (Asia/Shanghai)`, for reminder texts. */
export function formatInTimeZone(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return `${localDateTime(iso, timeZone)} (${timeZone})`;
}

/** `2023-06-30T16:00:00Z` → `2023-07-01 00:00`: the wall-clock time in `timeZone`, minute precision. */
export function localDateTime(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new ValidationError('instant', 'must be an ISO-8601 instant');
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    throw new ValidationError('timeZone', `unknown time zone "${timeZone}"`);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
