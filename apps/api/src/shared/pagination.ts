import { ValidationError } from '#domain';

export const MAX_TASK_PAGE = 200;
export const MAX_AUDIT_PAGE = 1000;

/** `first` of a connection: 0..max, anything else names the argument and the rule. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new ValidationError('first', `must be an integer from 0 to ${max}`);
  }
  return size;
}

/** Opaque cursors are short printable strings; anything else is not one of ours. */
export function cursor(after: string | null | undefined): string | null {
  if (after == null) return null;
  if (after.length === 0 || after.length > 200) throw new ValidationError('after', 'is not a valid cursor');
  return after;
}
