/** A short JSON rendering of test input for test names: long strings and lists are summarised. */
export function brief(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'string' && item.length > 40) return `${item.slice(0, 12)}…(${item.length} chars)`;
    if (Array.isArray(item) && item.length > 5) return `[${item.length} items]`;
    return item;
  });
}

/** Rows [input, expected] become [brief(input), expected, input] for `it.each('%s … %s')`. */
export const briefly = <Row extends readonly [unknown, unknown]>(rows: readonly Row[]) =>
  rows.map(([input, expected]) => [brief(input), expected, input] as [string, Row[1], Row[0]]);
