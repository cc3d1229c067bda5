import { GroupCommit, type Queued } from './group-commit.js';

/** A commit that answers each request with its double and records the batches it saw. */
function doubling(options: { maxBatch?: number } = {}) {
  const batches: number[][] = [];
  const group = new GroupCommit<number, number>((batch: Queued<number, number>[]) => {
    batches.push(batch.map((item) => item.request));
    for (const item of batch) item.resolve(item.request * 2);
  }, options);
  return { group, batches };
}

describe('GroupCommit', () => {
  it('commits the requests made in one turn of the event loop together, in call order', async () => {
    const { group, batches } = doubling();
    const results = await Promise.all([1, 2, 3].map((n) => group.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('commits a lone request on the next macrotask, without waiting for company', async () => {
    const { group, batches } = doubling();
    expect(await group.submit(7)).toBe(14);
    expect(await group.submit(8)).toBe(16);
    expect(batches).toEqual([[7], [8]]);
  });

  it('lets requests made during a commit share the next one, and runs one commit at a time', async () => {
    const batches: number[][] = [];
    let running = 0;
    let overlapped = false;
    const group = new GroupCommit<number, number>(async (batch) => {
      overlapped ||= running > 0;
      running++;
      batches.push(batch.map((item) => item.request));
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const item of batch) item.resolve(item.request);
      running--;
    });
    const first = group.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [2, 3, 4].map((n) => group.submit(n));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(overlapped).toBe(false);
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const { group, batches } = doubling({ maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects the requests a failing commit left unanswered, and keeps the answers it gave', async () => {
    const group = new GroupCommit<number, number>((batch) => {
      batch[0].resolve(1);
      batch[1].reject(new Error('only this one'));
      throw new Error('the commit failed');
    });
    const settled = await Promise.allSettled([1, 2, 3].map((n) => group.submit(n)));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('only this one') },
      { status: 'rejected', reason: new Error('the commit failed') },
    ]);
  });

  it('drain commits what is queued before returning', async () => {
    const { group, batches } = doubling();
    const pending = [1, 2].map((n) => group.submit(n));
    await group.drain();
    expect(batches).toEqual([[1, 2]]);
    expect(await Promise.all(pending)).toEqual([2, 4]);
  });
});
