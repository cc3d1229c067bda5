import { nulInVariables } from './nul-characters.plugin.js';

describe('NUL characters in variables', () => {
  it('names the path of the first string holding one', () => {
    expect(nulInVariables({ input: { title: 'ok', notes: ['a', 'b\u0000'] } })).toBe('$input.notes[1]');
    expect(nulInVariables({ f: { search: '\u0000' } })).toBe('$f.search');
  });

  it('finds one in a key too', () => {
    expect(nulInVariables({ input: { 'a\u0000': 1 } })).toBe('$input.a\\u0000');
  });

  it('passes everything else, other control characters included (the domain judges those)', () => {
    expect(nulInVariables({ input: { title: 'a\u0001b', n: 1, x: null, y: [true] } })).toBeNull();
    expect(nulInVariables(undefined)).toBeNull();
  });

  it('walks nesting 100,000 deep without recursion', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulInVariables({ v: deep })).toMatch(/^\$v(\[0\]){100000}$/);
  });
});
