import { ValidationError } from '#domain';

/**
 * Instants are stored as canonical UTC ISO strings (2023-06-30T16:00:00.000Z) so that
 * text order is time order in both dialects; anything parseable is normalised.
 */
export function canonicalInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

export function canonicalOrNull(value: string | null): string | null {
  return value === null ? null : canonicalInstant(value);
}

/** A query argument that must be an instant; BAD_USER_INPUT otherwise. */
export function instantArgument(field: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError(field, 'must be an ISO-8601 instant');
  return new Date(ms).toISOString();
}
