import { unstorable, unstorableInVariables } from './unstorable-text.plugin.js';

describe('text no store can hold', () => {
  it('NUL and lone surrogates are refused; every other string passes', () => {
    expect(unstorable('a\u0000b')).toMatch(/NUL/);
    for (const lone of ['\uD800', 'a\uDFFFb', '\uDFFF\uD800', 'x\uD83D'])
      expect(unstorable(lone)).toMatch(/lone surrogate/);
    for (const fine of ['', '培训', '👩‍👩‍👧‍👦', '\uD83D\uDE00', 'a\u0001b', '\uFFFF'])
      expect(unstorable(fine)).toBeNull();
  });

  it('names the path of the first string holding one', () => {
    expect(unstorableInVariables({ input: { title: 'ok', notes: ['a', 'b\u0000'] } })?.path).toBe(
      'input.notes[1]',
    );
    expect(unstorableInVariables({ f: { search: '\uD800' } })?.path).toBe('f.search');
  });

  it('finds one in a key too', () => {
    expect(unstorableInVariables({ input: { 'a\u0000': 1 } })?.path).toBe('input.a\\u0000');
  });

  it('passes everything else, other control characters included (the domain judges those)', () => {
    expect(unstorableInVariables({ input: { title: 'a\u0001b', n: 1, x: null, y: [true] } })).toBeNull();
    expect(unstorableInVariables(undefined)).toBeNull();
  });

  it('walks nesting 100,000 deep without recursion', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableInVariables({ v: deep })?.path).toMatch(/^v(\[0\]){100000}$/);
  });
});
