import { randomUUID } from 'node:crypto';
import { ConcurrencyError, ValidationError, type Actor } from '#domain';
import type { AppendOptions, AppendResult, EventStore, NewEvent } from '../event-store.port.js';
import { verifyHistory, verifyStreamChain } from '../hash-chain.js';

const actor: Actor = { id: 'u-1', role: 'office' };
const options = (overrides: Partial<AppendOptions> = {}): AppendOptions => ({
  expectedRevision: 'any',
  actor,
  occurredAt: '2026-03-01T08:00:00.000Z',
  correlationId: 'c-1',
  ...overrides,
});
const noted = (n: number): NewEvent => ({ type: 'Noted', data: { n } });

export interface GroupCommitSubject {
  /** A fresh, empty store. */
  readonly store: EventStore;
  /** The same storage opened again, as after a restart. */
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

/**
 * Appends made in the same turn of the event loop share one transaction (group commit).
 * Whatever a batch holds, each caller must get the answer it would have got alone, and the
 * log must read as if the appends had committed one by one in call order.
 */
export function describeGroupCommit(name: string, factory: () => Promise<GroupCommitSubject>): void {
  describe(`group commit: ${name}`, () => {
    jest.setTimeout(60_000);
    let subject: GroupCommitSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('gives each caller of a mixed batch its own result: conflicts, bad data and duplicates fail or repeat alone', async () => {
      const { store } = subject;
      const calls: Promise<AppendResult>[] = [
        store.append('task-a', [noted(1)], options({ expectedRevision: 'no_stream' })),
        store.append('task-a', [noted(2)], options({ expectedRevision: 'no_stream' })),
        store.append('task-a', [noted(3), noted(4)], options({ expectedRevision: 0 })),
        store.append('task-b', [noted(5), { type: 'Bad', data: { n: 1n } }], options()),
        store.append('task-b', [noted(6)], options({ expectedRevision: 'no_stream' })),
        store.append('task-c', [noted(7)], options({ idempotencyKey: 'k-1' })),
        store.append('task-c', [noted(7)], options({ idempotencyKey: 'k-1' })),
        store.append('task-a', [noted(8)], options({ expectedRevision: 7 })),
        store.append('task-a', [], options({ expectedRevision: 2 })),
        store.append('task-a', [noted(9)], options({ expectedRevision: 2 })),
      ];
      const settled = await Promise.allSettled(calls);
      const value = (i: number) => (settled[i] as PromiseFulfilledResult<AppendResult>).value;
      const reason = (i: number) => (settled[i] as PromiseRejectedResult).reason as unknown;

      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(reason(1)).toBeInstanceOf(ConcurrencyError);
      expect(reason(1)).toMatchObject({ actualRevision: 0 });
      expect(reason(3)).toBeInstanceOf(ValidationError);
      expect(reason(7)).toBeInstanceOf(ConcurrencyError);
      expect(reason(7)).toMatchObject({ actualRevision: 2 });
      expect(value(6).duplicate).toBe(true);
      expect(value(6).events).toEqual(value(5).events);
      expect(value(8)).toMatchObject({ events: [], revision: 2, position: value(2).position });

      // Positions follow call order, with no gap where a call failed.
      const written = [0, 2, 4, 5, 9].flatMap((i) => value(i).events);
      expect(written.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
      const all = await store.readAll();
      expect(all).toEqual(written);
      expect((await store.readStream('task-a')).map((e) => e.data)).toEqual([
        { n: 1 },
        { n: 3 },
        { n: 4 },
        { n: 9 },
      ]);
      expect((await store.readStream('task-b')).map((e) => e.data)).toEqual([{ n: 6 }]);
      expect(await store.readStream('task-c')).toHaveLength(1);
      expect(await verifyHistory(store)).toEqual({ ok: true, events: 6, streams: 3 });
    });

    it('loses and duplicates nothing when many writers race on shared and separate streams', async () => {
      const { store } = subject;
      const writers = 16;
      const rounds = 12;
      let won = 0;
      let conflicts = 0;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < rounds; i++) {
            // Half the writers share one stream and race for each revision; the rest own theirs.
            const streamId = w % 2 === 0 ? 'task-shared' : `task-own-${w}`;
            const head = await store.readStream(streamId);
            try {
              await store.append(
                streamId,
                [noted(w * 100 + i)],
                options({ expectedRevision: head.length - 1 }),
              );
              won++;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              conflicts++;
            }
          }
        }),
      );
      const all = await store.readAll({ limit: 10_000 });
      expect(all).toHaveLength(won);
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
      expect(new Set(all.map((e) => e.id)).size).toBe(won);
      expect(won + conflicts).toBe(writers * rounds);
      for (let w = 1; w < writers; w += 2)
        expect(await store.readStream(`task-own-${w}`)).toHaveLength(rounds);
      expect(verifyStreamChain(await store.readStream('task-shared'))).toEqual({ ok: true });
      expect(await verifyHistory(store)).toMatchObject({ ok: true, events: won });
    });

    it('commits and answers appends still waiting for their batch when the store is closed', async () => {
      const { store } = subject;
      const pending = Array.from({ length: 8 }, (_, i) =>
        store.append(`task-${i % 3}`, [noted(i)], options({ correlationId: randomUUID() })),
      );
      const closed = store.close();
      const results = await Promise.all(pending);
      await closed;
      expect(results.map((r) => r.position)).toEqual(results.map((_, i) => BigInt(i + 1)));

      const again = await subject.reopen();
      try {
        expect(await again.readAll()).toHaveLength(8);
        expect(await verifyHistory(again)).toEqual({ ok: true, events: 8, streams: 3 });
      } finally {
        await again.close();
      }
    });

    it('refuses appends made after close started', async () => {
      const { store } = subject;
      const closed = store.close();
      await expect(store.append('task-1', [noted(1)], options())).rejects.toThrow(/closed/);
      await closed;
    });
  });
}
