import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';

/** ISO-8601 date-time with an explicit offset (Z or ±hh:mm), seconds and fractions optional. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Parses a client instant and normalises it to UTC (`2023-06-30T16:00:00.000Z`), the form
 * every stored event uses. Returns null when it is not an instant with an offset.
 */
export function parseInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return null;
  const [datePart] = value.split('T');
  const [y, m, d] = datePart.split('-').map(Number);
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// A plain TypeError, not a GraphQLError: graphql-js then wraps it with the variable path
// or the literal's location, which the error formatter turns into the field's name.
const invalid = (value: unknown): TypeError =>
  new TypeError(`must be an ISO-8601 instant with offset, e.g. 2023-06-30T16:00:00Z; got ${shown(value)}`);

/** What was sent, briefly: a hostile value may be megabytes long or nested thousands deep. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value).slice(0, 40);
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with offset, e.g. 2023-06-30T16:00:00Z.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    const parsed = parseInstant(value);
    if (parsed === null) throw new GraphQLError('DateTime cannot represent an invalid instant');
    return parsed;
  },
  parseValue(value) {
    const parsed = parseInstant(value);
    if (parsed === null) throw invalid(value);
    return parsed;
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw invalid(ast.kind);
    const parsed = parseInstant(ast.value);
    if (parsed === null) throw invalid(ast.value);
    return parsed;
  },
});

export const JSONScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  name: 'JSON',
  description: 'Any JSON value (event payloads).',
});
