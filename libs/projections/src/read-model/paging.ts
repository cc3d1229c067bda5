import { ValidationError } from '#domain';

/** The largest page any list query returns. */
export const MAX_PAGE_SIZE = 1000;

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new ValidationError('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Opaque cursor of a task list position: base64url of JSON [deadline, id]. */
export function encodeTaskCursor(row: { readonly deadline: string; readonly id: string }): string {
  return Buffer.from(JSON.stringify([row.deadline, row.id]), 'utf8').toString('base64url');
}

export function decodeTaskCursor(cursor: string): { deadline: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { deadline: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through: not base64url JSON
  }
  throw new ValidationError('after', 'is not a cursor returned by this query');
}

/** Audit cursors are the position of the last row, as a decimal string. */
export function decodePositionCursor(cursor: string): bigint {
  if (!/^\d{1,20}$/.test(cursor)) throw new ValidationError('after', 'must be a position (decimal string)');
  return BigInt(cursor);
}

/** `%` and `_` are literal in search text: LIKE wildcards are escaped with `!`. */
export function likeContains(term: string): string {
  return `%${term.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
}
