import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, ValidationError, type Actor, type Decider, type Recorded } from '#domain';
import { handleCommand, type CommandContext } from './command-pipeline.js';
import type { EventStore } from './event-store.port.js';
import { FoldedStates } from './folded-states.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

type CounterEvent =
  { type: 'Incremented'; data: { by: number } } | { type: 'Reset'; data: Record<string, never> };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Reset' } | { type: 'Touch' };
interface Counter {
  count: number;
  lastChangedAt: string | null;
}

const counter: Decider<Counter, CounterCommand, CounterEvent> = {
  initialState: () => ({ count: 0, lastChangedAt: null }),
  evolve(state: Counter, event: Recorded<CounterEvent>): Counter {
    switch (event.type) {
      case 'Incremented':
        return { count: state.count + event.data.by, lastChangedAt: event.metadata.occurredAt };
      case 'Reset':
        return { count: 0, lastChangedAt: event.metadata.occurredAt };
    }
  },
  decide(command: CounterCommand, state: Counter): CounterEvent[] {
    switch (command.type) {
      case 'Increment':
        if (command.by <= 0) throw new ValidationError('by', 'must be positive');
        return [{ type: 'Incremented', data: { by: command.by } }];
      case 'Reset':
        return state.count === 0 ? [] : [{ type: 'Reset', data: {} }];
      case 'Touch':
        return [];
    }
  },
};

const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'office' };
const bob: Actor = { id: 'u-bob', role: 'office' };
const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: alice,
  now: '2026-03-01T08:00:00.000Z',
  correlationId: 'corr-1',
  ...overrides,
});

/** Increments counter-1 through the pipeline. */
const increment = (store: EventStore, by: number, overrides?: Partial<CommandContext>) =>
  handleCommand(store, 'counter-1', counter, { type: 'Increment', by }, ctx(overrides));

/** Counts the conflicts the store reports, to show the pipeline retried rather than got lucky. */
function countingConflicts(store: EventStore): { store: EventStore; conflicts: () => number } {
  let conflicts = 0;
  const append: EventStore['append'] = async (...args) => {
    try {
      return await store.append(...args);
    } catch (error) {
      if (error instanceof ConcurrencyError) conflicts++;
      throw error;
    }
  };
  return { store: Object.assign(Object.create(store) as EventStore, { append }), conflicts: () => conflicts };
}

describe('handleCommand on the SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-pipeline-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a stream and returns the state as of its own write', async () => {
    const result = await increment(store, 2);

    expect(result).toMatchObject({ state: { count: 2 }, revision: 0, position: 1n, duplicate: false });
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      type: 'Incremented',
      data: { by: 2 },
      metadata: { actor: alice, correlationId: 'corr-1', causationId: null, occurredAt: ctx().now },
    });
  });

  it('folds the history before deciding', async () => {
    await increment(store, 2);
    const result = await increment(store, 3);

    expect(result.state.count).toBe(5);
    expect(result.revision).toBe(1);
    expect((await store.readStream('counter-1')).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('writes nothing and reports the current revision when decide returns no events', async () => {
    await increment(store, 2);
    const result = await handleCommand(store, 'counter-1', counter, { type: 'Touch' }, ctx());

    expect(result).toEqual({
      state: expect.objectContaining({ count: 2 }),
      events: [],
      revision: 0,
      position: 1n,
      duplicate: false,
    });
    expect(await store.headPosition()).toBe(1n);
  });

  it('reports revision -1 and position 0 for a no-op on a stream that does not exist', async () => {
    const result = await handleCommand(store, 'counter-1', counter, { type: 'Touch' }, ctx());
    expect(result).toMatchObject({ state: { count: 0 }, events: [], revision: -1, position: 0n });
  });

  it('lets domain errors through and writes nothing', async () => {
    await expect(increment(store, 0)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.headPosition()).toBe(0n);
  });

  it('accepts a client expectedRevision that matches', async () => {
    await increment(store, 1);
    const result = await increment(store, 1, { expectedRevision: 0 });
    expect(result.revision).toBe(1);
  });

  it('gives a client with a stale expectedRevision CONFLICT with the actual revision, and does not retry', async () => {
    await increment(store, 1);
    await increment(store, 1);

    const attempt = increment(store, 1, { expectedRevision: 0 });

    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFLICT',
      streamId: 'counter-1',
      expectedRevision: 0,
      actualRevision: 1,
      extensions: { actualRevision: 1 },
    });
    expect(await store.headPosition()).toBe(2n);
  });

  it('treats expectedRevision -1 as "the stream must not exist"', async () => {
    await increment(store, 1);
    await expect(increment(store, 1, { expectedRevision: -1 })).rejects.toMatchObject({ actualRevision: 0 });
  });

  it('lands two concurrent commands on one stream, in order, by re-reading after the conflict', async () => {
    const { store: spied, conflicts } = countingConflicts(store);

    const [first, second] = await Promise.all([increment(spied, 1), increment(spied, 10, { actor: bob })]);

    expect(conflicts()).toBeGreaterThanOrEqual(1);
    expect([first.revision, second.revision].sort()).toEqual([0, 1]);
    const last = first.revision === 1 ? first : second;
    expect(last.state.count).toBe(11);
    const stream = await store.readStream('counter-1');
    expect(stream.map((e) => e.revision)).toEqual([0, 1]);
    expect(stream.reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(11);
  });

  it('gives up after maxRetries conflicts', async () => {
    const attempts = [1, 2, 3].map((by) =>
      handleCommand(store, 'counter-1', counter, { type: 'Increment', by }, ctx({ maxRetries: 0 })),
    );
    const settled = await Promise.allSettled(attempts);

    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const failure of settled.filter((s) => s.status === 'rejected')) {
      expect(failure.reason).toBeInstanceOf(ConcurrencyError);
    }
  });

  describe('with the state folded by an earlier command', () => {
    let other: SqliteEventStore;

    beforeEach(() => {
      // Another process on the same file: its appends are invisible to this one's folded states.
      other = SqliteEventStore.open(join(dir, 'events.db'));
    });

    afterEach(async () => {
      await other.close();
    });

    it('reads a stream once for a run of commands from this process', async () => {
      let reads = 0;
      const readStream: EventStore['readStream'] = (...args) => {
        reads++;
        return store.readStream(...args);
      };
      const counted = Object.assign(Object.create(store) as EventStore, { readStream });
      for (const by of [1, 2, 3]) {
        await handleCommand(counted, 'counter-1', counter, { type: 'Increment', by }, ctx());
      }
      const last = await increment(counted, 4);
      expect(last).toMatchObject({ revision: 3, state: { count: 10 } });
      expect(reads).toBe(1);
    });

    it("decides on the other process's events too, without spending a retry on them", async () => {
      await increment(store, 1);
      await increment(other, 10);

      const result = await increment(store, 100, { maxRetries: 0 });
      expect(result).toMatchObject({ revision: 2, position: 3n, state: { count: 111 } });
      expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([
        { by: 1 },
        { by: 10 },
        { by: 100 },
      ]);
    });

    it('does not take "nothing to do" from a state that may be stale', async () => {
      await increment(store, 1);
      await handleCommand(store, 'counter-1', counter, { type: 'Reset' }, ctx());
      await increment(other, 5);

      const result = await handleCommand(store, 'counter-1', counter, { type: 'Reset' }, ctx());
      expect(result).toMatchObject({ revision: 3, state: { count: 0 } });
      expect((await store.readStream('counter-1')).map((e) => e.type)).toEqual([
        'Incremented',
        'Reset',
        'Incremented',
        'Reset',
      ]);
    });

    it('reports the current revision for a no-op after a fresh read', async () => {
      await increment(store, 1);
      await increment(other, 2);
      const result = await handleCommand(store, 'counter-1', counter, { type: 'Touch' }, ctx());
      expect(result).toMatchObject({ events: [], revision: 1, position: 2n, state: { count: 3 } });
    });

    it('gives a client whose expectedRevision matches only the stale state CONFLICT with the actual revision', async () => {
      await increment(store, 1);
      await increment(other, 2);
      await expect(increment(store, 3, { expectedRevision: 0 })).rejects.toMatchObject({ actualRevision: 1 });
      const result = await increment(store, 3, { expectedRevision: 1 });
      expect(result).toMatchObject({ revision: 2, state: { count: 6 } });
    });

    it('uses the folded states it is given, and replaces a stale guess with the state it wrote', async () => {
      await increment(other, 5);
      const states = new FoldedStates<Counter>();
      states.set('counter-1', { revision: -1, position: 0n, state: counter.initialState() });

      const result = await handleCommand(
        store,
        'counter-1',
        counter,
        { type: 'Increment', by: 1 },
        ctx({ maxRetries: 0 }),
        states,
      );
      expect(result).toMatchObject({ revision: 1, state: { count: 6 } });
      expect(states.get('counter-1')).toEqual({ revision: 1, position: 2n, state: result.state });
    });
  });

  describe('with an idempotency key', () => {
    it('returns the first result for a repeated request and stores nothing new', async () => {
      const first = await increment(store, 2, { idempotencyKey: 'k-1' });
      await increment(store, 5);
      const again = await increment(store, 2, { idempotencyKey: 'k-1' });

      expect(again).toEqual({ ...first, duplicate: true });
      expect(again.state.count).toBe(2);
      expect(await store.readStream('counter-1')).toHaveLength(2);
    });

    it('stores one copy when two identical requests race', async () => {
      const [a, b] = await Promise.all([
        increment(store, 2, { idempotencyKey: 'k-1' }),
        increment(store, 2, { idempotencyKey: 'k-1' }),
      ]);

      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.events).toEqual(b.events);
      expect(await store.readStream('counter-1')).toHaveLength(1);
    });

    it('treats the same key from another actor as another request', async () => {
      await increment(store, 2, { idempotencyKey: 'k-1' });
      const other = await increment(store, 2, { actor: bob, idempotencyKey: 'k-1' });

      expect(other.duplicate).toBe(false);
      expect(other.state.count).toBe(4);
    });
  });
});
