/** Reports and exports speak the school's time: dates without a time are days in this zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A problem with what the user typed: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Wall-clock fields of an instant in a time zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Reads instants on the wall clock of `timeZone` (one formatter, reused for every call). */
export function wallClockIn(timeZone: string): (instant: number | string) => WallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (instant) => {
    const parts = format.formatToParts(new Date(instant));
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
    };
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (Asia/Shanghai: 8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClockIn(timeZone)(instant);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local calendar day starts in `timeZone` (midnight; DST-safe for zones that have it). */
export function startOfDay(year: number, month: number, day: number, timeZone: string): string {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`--timezone: unknown time zone "${timeZone}"`);
  }
  return timeZone;
}

/**
 * `--from`/`--to` values: an ISO instant with offset is taken as is; a date `YYYY-MM-DD` is a
 * day in `timeZone` — from its start for `from`, to its last millisecond for `to`.
 */
export function parseBound(option: string, value: string, bound: 'start' | 'end', timeZone: string): string {
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
      throw new UsageError(`${option}: ${value} is not a calendar date`);
    }
    if (bound === 'start') return startOfDay(y, m, d, timeZone);
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    const end = Date.parse(
      startOfDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
    );
    return new Date(end - 1).toISOString();
  }
  if (WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new UsageError(`${option}: expected a date (2023-12-31) or an instant with offset, got "${value}"`);
}

/** The calendar year in `timeZone`: [first instant, last millisecond]. */
export function yearBounds(year: number, timeZone: string): { from: string; to: string } {
  return {
    from: startOfDay(year, 1, 1, timeZone),
    to: new Date(Date.parse(startOfDay(year + 1, 1, 1, timeZone)) - 1).toISOString(),
  };
}

/** `2023-06-30T16:00:00Z` → `2023-07-01` in Asia/Shanghai. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
  return parts;
}
