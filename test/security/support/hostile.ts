import fc from 'fast-check';

/**
 * Raw JSON text put into a request body as is: numbers JSON.stringify cannot write (1e400 is
 * Infinity once parsed, NaN is not JSON at all) and nesting too deep to build as an object.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, except that RawJson values are written verbatim. */
export function toBody(value: unknown): string {
  const raws: string[] = [];
  const marker = `@@raw-${Math.random().toString(36).slice(2)}@@`;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `${marker}${raws.length - 1}`;
    }
    return v;
  });
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), (_m, i: string) => raws[Number(i)]);
}

export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE events; --",
  "'; DELETE FROM tasks; --",
  '" OR ""="',
  "1; UPDATE tasks SET status='COMPLETED'",
  "') UNION SELECT name, sql FROM sqlite_master --",
  "' UNION SELECT current_setting('data_directory') --",
  '%',
  '_',
  '%_%',
  '\\',
  "\\'",
  '/* */',
  '$1',
  '?',
  "'||(SELECT pg_sleep(5))||'",
  "' AND randomblob(1000000000) --",
];

export const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '[link](javascript:alert(1))',
  '**bold** _x_ `code` ~~s~~ > quote\n# heading',
  '\r\nBcc: victim@example.com',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  '{"__proto__": {"admin": true}}',
];

export const UNICODE_EDGES = [
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\u0085',
  '\u2028\u2029',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '\uD800',
  '\uDFFF\uD800',
  'e\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🇨🇳',
  '𠮷野家',
  '\uFFFF\uFFFE',
  'İıſK',
  ' \t\n ',
  '',
];

export const BIG_STRINGS = [
  'A'.repeat(201),
  '中'.repeat(4001),
  '𠮷'.repeat(2001),
  'x'.repeat(65_536),
  'y'.repeat(300_000),
];

export const FAR_DATES = [
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2023-02-30T00:00:00Z',
  '2023-06-30T24:00:00Z',
  '2023-06-30T16:00:00+99:00',
  '2023-06-30T16:00:00',
  '2023-06-30',
  'now',
  'Invalid Date',
  '2023-06-30T16:00:00.1234567891234Z',
];

export const SPECIAL_NUMBERS = [
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('NaN'),
  new RawJson('Infinity'),
  new RawJson('-0'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  -1,
  0.5,
  101,
];

const deep = (open: string, close: string, depth: number) =>
  new RawJson(open.repeat(depth) + close.repeat(depth));

export const DEEP_JSON = [
  deep('[', ']', 5_000),
  new RawJson(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
  deep('[', ']', 100_000),
  { a: { b: { c: { d: { e: { f: [[[[[[1]]]]]] } } } } } },
];

const fromList = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Any string an attacker (or a broken client) might send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fromList(SQL_FRAGMENTS),
  fromList(SCRIPT_FRAGMENTS),
  fromList(UNICODE_EDGES),
  fromList(BIG_STRINGS),
  fromList(FAR_DATES),
  fc
    .tuple(fromList(SQL_FRAGMENTS), fromList(UNICODE_EDGES), fromList(SCRIPT_FRAGMENTS))
    .map((parts) => parts.join('')),
);

/** Values of the wrong type, or no usable value at all. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fromList(SPECIAL_NUMBERS),
  fromList(DEEP_JSON),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }),
);

export const hostileAny: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fromList(SPECIAL_NUMBERS) },
  { weight: 1, arbitrary: fromList(FAR_DATES) },
  { weight: 2, arbitrary: wrongType },
);

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fromList(SPECIAL_NUMBERS),
  fc.double(),
  fc.integer(),
  fc.bigInt().map((n) => new RawJson(n.toString())),
  hostileAny,
);
