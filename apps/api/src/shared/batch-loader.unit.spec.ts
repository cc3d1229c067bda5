import { BatchLoader, perContext } from './batch-loader.js';

function recording() {
  const calls: string[][] = [];
  const loader = new BatchLoader<string, string>(async (keys) => {
    calls.push([...keys]);
    return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
  });
  return { calls, loader };
}

describe('BatchLoader', () => {
  it('loads the keys asked for in one turn with one call, each key once', async () => {
    const { calls, loader } = recording();
    const values = await Promise.all(['a', 'b', 'a', 'c', 'b'].map((key) => loader.load(key)));
    expect(values).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('gathers keys asked for after awaits that need no I/O (resolvers behind promise chains)', async () => {
    const { calls, loader } = recording();
    const later = async (key: string) => {
      await Promise.resolve();
      await Promise.resolve();
      return loader.load(key);
    };
    expect(await Promise.all([loader.load('a'), later('b'), later('c')])).toEqual(['A', 'B', 'C']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('answers undefined for a key the load did not return', async () => {
    const { loader } = recording();
    expect(await Promise.all([loader.load('missing'), loader.load('x')])).toEqual([undefined, 'X']);
  });

  it('starts a new batch, and reads again, once the previous one is sent (no cache)', async () => {
    const { calls, loader } = recording();
    await loader.load('a');
    await loader.load('a');
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('fails every waiter of a batch whose load fails, and recovers for the next', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>(async (keys) => {
      if (fail) throw new Error('read model unavailable');
      return new Map(keys.map((key) => [key, key.length]));
    });
    const failed = await Promise.allSettled([loader.load('a'), loader.load('bb')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await loader.load('bb')).toBe(2);
  });
});

describe('perContext', () => {
  it('creates one value per context object and reuses it', () => {
    const cache = new WeakMap<object, { n: number }>();
    let created = 0;
    const make = () => ({ n: ++created });
    const first = {};
    expect(perContext(cache, first, make)).toBe(perContext(cache, first, make));
    expect(perContext(cache, {}, make).n).toBe(2);
  });
});
