import { ValidationError, validate } from '#domain';
import { startOfDay as zoneStartOfDay } from '../shared/instants.js';
import type { CellValue } from './read-sheet.js';

export type DeadlineResult =
  { readonly ok: true; readonly deadline: string } | { readonly ok: false; readonly reason: string };

// 2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日, optionally followed by a time 17:00[:00].
const LOCAL =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/i;
/** Excel stores dates as days since 1899-12-30 (after its 1900 leap-year bug). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/**
 * A deadline cell as an instant. A date without a time means "by the end of that day" in the
 * school's time zone: 2023-06-30 → 2023-07-01T00:00 in Asia/Shanghai = 2023-06-30T16:00:00Z.
 * A date with a time is that wall-clock time there; an ISO instant with offset is taken as is.
 * Date cells from Excel arrive as Dates holding the wall-clock time in UTC fields.
 */
export function parseDeadline(value: CellValue, timeZone: string): DeadlineResult {
  if (value === null || value === '') return { ok: false, reason: 'is required' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'is not a date' };
    return wallClock(
      [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()],
      [value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds()],
      timeZone,
      quote(value.toISOString().slice(0, 10)),
    );
  }
  if (typeof value === 'number') {
    // A serial date typed into a cell without date format.
    if (value < 36_526 || value > 73_415) return { ok: false, reason: `${value} is not a date` };
    return parseDeadline(new Date(EXCEL_EPOCH + Math.round(value * DAY)), timeZone);
  }
  const text = String(value).normalize('NFKC').trim();
  const local = LOCAL.exec(text);
  if (local) {
    const [y, m, d, hh, mm, ss] = local
      .slice(1)
      .map((part) => (part === undefined ? undefined : Number(part)));
    return wallClock([y!, m!, d!], hh === undefined ? null : [hh, mm ?? 0, ss ?? 0], timeZone, quote(text));
  }
  if (WITH_OFFSET.test(text)) {
    try {
      return { ok: true, deadline: validate.instant('deadline', text.replace(' ', 'T')) };
    } catch (error) {
      if (error instanceof ValidationError) return { ok: false, reason: `${quote(text)} is not a date` };
      throw error;
    }
  }
  return { ok: false, reason: `${quote(text)} is not a date (write 2023-06-30)` };
}

function wallClock(
  [year, month, day]: readonly number[],
  time: readonly number[] | null,
  timeZone: string,
  shown: string,
): DeadlineResult {
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid =
    month >= 1 &&
    month <= 12 &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day &&
    (time === null || (time[0] <= 23 && time[1] <= 59 && time[2] <= 59));
  if (!valid) return { ok: false, reason: `${shown} is not a date` };
  const endOfDay = time === null || (time[0] === 0 && time[1] === 0 && time[2] === 0);
  let instant: string;
  if (endOfDay) {
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    instant = startOfDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  } else {
    const midnight = Date.parse(startOfDay(year, month, day, timeZone));
    instant = new Date(midnight + ((time[0] * 60 + time[1]) * 60 + time[2]) * 1000).toISOString();
  }
  try {
    return { ok: true, deadline: validate.instant('deadline', instant) };
  } catch (error) {
    if (error instanceof ValidationError)
      return { ok: false, reason: `${shown}: ${error.message.replace(/^deadline: /, '')}` };
    throw error;
  }
}

const quote = (text: string): string => JSON.stringify(text);

/** startOfDay builds Intl formatters on every call (~1 ms); a plan has few distinct days. */
const days = new Map<string, string>();
function startOfDay(year: number, month: number, day: number, timeZone: string): string {
  const key = `${year}-${month}-${day} ${timeZone}`;
  let instant = days.get(key);
  if (instant === undefined) {
    instant = zoneStartOfDay(year, month, day, timeZone);
    days.set(key, instant);
  }
  return instant;
}
