import { randomUUID } from 'node:crypto';
import { ConcurrencyError, ServiceUnavailableError, ValidationError, type Actor } from '#domain';
import type { AppendOptions, EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { deterministicEventId, verifyStreamChain } from '../hash-chain.js';

export interface ContractSubject {
  readonly store: EventStore;
  cleanup(): Promise<void>;
  /**
   * Edits the stored data of one event behind the store's back (adapters that can reach
   * their raw storage provide it), to show the hash chain catches the edit.
   */
  tamper?(streamId: string, revision: number): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'office' };
const bob: Actor = { id: 'u-bob', name: 'Bob', role: 'unit_manager', unitId: 'unit-7' };

/** Append options for adapter tests: the office actor, a fixed instant, no revision check unless overridden. */
export const appendOptions = (overrides: Partial<AppendOptions> = {}): AppendOptions => ({
  expectedRevision: 'any',
  actor: alice,
  occurredAt: '2026-03-01T08:00:00.000Z',
  correlationId: 'corr-1',
  ...overrides,
});
const noted = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  type: 'Noted',
  data: { n, text: `第${n}条`, nested: { list: [n, { deep: true }] } },
  ...extra,
});

async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The behaviour every EventStore adapter must have. Tests use fresh stream names and
 * look at the global log only after the head they saw at the start, so an adapter backed
 * by a shared server (KurrentDB) runs it unchanged.
 */
export function describeEventStoreContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    jest.setTimeout(30_000);
    let subject: ContractSubject;
    let store: EventStore;
    let prefix: string;
    const stream = (label: string): string => `${prefix}${label}`;
    const ours = (events: readonly RecordedEvent[]): RecordedEvent[] =>
      events.filter((e) => e.streamId.startsWith(prefix));

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
      prefix = `contract-${randomUUID().replaceAll('-', '')}`;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    describe('append and read back', () => {
      it('returns the stored envelope, and readStream gives back exactly that', async () => {
        const head = await store.headPosition();
        const result = await store.append(stream('a'), [noted(1, { schemaVersion: 3 })], {
          ...appendOptions({ expectedRevision: 'no_stream' }),
          actor: bob,
          causationId: 'cause-1',
        });

        expect(result).toMatchObject({ streamId: stream('a'), revision: 0, duplicate: false });
        expect(result.events).toHaveLength(1);
        const [event] = result.events;
        expect(event.id).toMatch(UUID);
        expect(event).toMatchObject({
          streamId: stream('a'),
          revision: 0,
          type: 'Noted',
          data: { n: 1, text: '第1条', nested: { list: [1, { deep: true }] } },
        });
        expect(event.metadata).toEqual({
          actor: bob,
          correlationId: 'corr-1',
          causationId: 'cause-1',
          occurredAt: '2026-03-01T08:00:00.000Z',
          schemaVersion: 3,
          previousHash: null,
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
        expect(typeof event.position).toBe('bigint');
        expect(event.position).toBeGreaterThan(head);
        expect(result.position).toBe(event.position);
        expect(await store.readStream(stream('a'))).toEqual(result.events);
      });

      it('defaults schemaVersion to 1 and causationId to null', async () => {
        const { events } = await store.append(stream('a'), [noted(1)], appendOptions());
        expect(events[0].metadata).toMatchObject({ schemaVersion: 1, causationId: null });
        expect(events[0].metadata).not.toHaveProperty('idempotencyKey');
      });

      it('numbers revisions 0..n-1 across appends', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions());
        await store.append(stream('a'), [noted(2), noted(3)], appendOptions());
        const last = await store.append(stream('a'), [noted(4)], appendOptions());

        expect(last.revision).toBe(3);
        expect((await store.readStream(stream('a'))).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('reads a stream that does not exist as []', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('refuses data that is not JSON and writes nothing of that append', async () => {
        const attempt = store.append(
          stream('a'),
          [noted(1), { type: 'Bad', data: { n: 1n } }],
          appendOptions(),
        );
        await expect(attempt).rejects.toBeInstanceOf(ValidationError);
        expect(await store.readStream(stream('a'))).toEqual([]);
      });
    });

    describe('expectedRevision', () => {
      it("'no_stream' succeeds on a new stream and conflicts on an existing one", async () => {
        await store.append(stream('a'), [noted(1)], appendOptions({ expectedRevision: 'no_stream' }));
        const again = store.append(stream('a'), [noted(2)], appendOptions({ expectedRevision: 'no_stream' }));

        await expect(again).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(again).rejects.toMatchObject({
          streamId: stream('a'),
          expectedRevision: -1,
          actualRevision: 0,
        });
      });

      it('-1 means the same as no_stream', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions({ expectedRevision: -1 }));
        await expect(
          store.append(stream('a'), [noted(2)], appendOptions({ expectedRevision: -1 })),
        ).rejects.toMatchObject({
          actualRevision: 0,
        });
      });

      it('a number must be the current last revision', async () => {
        await store.append(stream('a'), [noted(1), noted(2)], appendOptions());
        const result = await store.append(stream('a'), [noted(3)], appendOptions({ expectedRevision: 1 }));
        expect(result.revision).toBe(2);
      });

      it('a stale number gets ConcurrencyError with the actual revision, and nothing is written', async () => {
        await store.append(stream('a'), [noted(1), noted(2), noted(3)], appendOptions());
        const stale = store.append(stream('a'), [noted(4), noted(5)], appendOptions({ expectedRevision: 0 }));

        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({
          code: 'CONFLICT',
          expectedRevision: 0,
          actualRevision: 2,
        });
        expect(await store.readStream(stream('a'))).toHaveLength(3);
      });

      it('a number on a stream that does not exist conflicts with actualRevision -1', async () => {
        await expect(
          store.append(stream('a'), [noted(1)], appendOptions({ expectedRevision: 0 })),
        ).rejects.toMatchObject({
          expectedRevision: 0,
          actualRevision: -1,
        });
      });

      it("'any' appends whatever the stream's state", async () => {
        await store.append(stream('a'), [noted(1)], appendOptions({ expectedRevision: 'any' }));
        const result = await store.append(
          stream('a'),
          [noted(2)],
          appendOptions({ expectedRevision: 'any' }),
        );
        expect(result.revision).toBe(1);
      });
    });

    describe('a multi-event append', () => {
      it('stores all events with consecutive revisions and increasing positions', async () => {
        const head = await store.headPosition();
        const result = await store.append(stream('a'), [noted(1), noted(2), noted(3)], appendOptions());

        expect(result.events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.revision).toBe(2);
        expect(result.position).toBe(result.events[2].position);
        const positions = result.events.map((e) => e.position);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
        expect(new Set(positions).size).toBe(3);
        expect(ours(await store.readAll({ after: head }))).toEqual(result.events);
      });

      it('writes nothing when its revision check fails', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions());
        await expect(
          store.append(
            stream('a'),
            [noted(2), noted(3), noted(4)],
            appendOptions({ expectedRevision: 'no_stream' }),
          ),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream('a'))).toHaveLength(1);
      });
    });

    describe('the hash chain', () => {
      it('links each event to the previous one across appends and verifies', async () => {
        await store.append(stream('a'), [noted(1), noted(2)], appendOptions());
        await store.append(stream('a'), [noted(3)], appendOptions({ actor: bob, idempotencyKey: 'k-1' }));
        const events = await store.readStream(stream('a'));

        expect(events[1].metadata.previousHash).toBe(events[0].metadata.hash);
        expect(events[2].metadata.previousHash).toBe(events[1].metadata.hash);
        expect(verifyStreamChain(events)).toEqual({ ok: true });
      });

      it('keeps separate chains per stream', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions());
        const b = await store.append(stream('b'), [noted(1)], appendOptions());
        expect(b.events[0].metadata.previousHash).toBeNull();
      });

      it('detects an event edited in storage (when the adapter can reach its storage)', async () => {
        if (!subject.tamper) {
          console.info(`${name}: no tamper hook, tamper detection is tested elsewhere`);
          return;
        }
        await store.append(stream('a'), [noted(1), noted(2), noted(3)], appendOptions());
        await subject.tamper(stream('a'), 1);

        expect(verifyStreamChain(await store.readStream(stream('a')))).toEqual({
          ok: false,
          brokenRevision: 1,
        });
      });
    });

    describe('idempotent append', () => {
      it('stores one copy and returns the first result, marked duplicate, for the same key', async () => {
        const first = await store.append(
          stream('a'),
          [noted(1), noted(2)],
          appendOptions({ idempotencyKey: 'k-1' }),
        );
        const again = await store.append(
          stream('a'),
          [noted(1), noted(2)],
          appendOptions({ idempotencyKey: 'k-1' }),
        );

        expect(first.duplicate).toBe(false);
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(stream('a'))).toEqual(first.events);
        expect(first.events.map((e) => e.id)).toEqual([
          deterministicEventId(alice.id, 'k-1', stream('a'), 0),
          deterministicEventId(alice.id, 'k-1', stream('a'), 1),
        ]);
        expect(first.events[0].metadata.idempotencyKey).toBe('k-1');
      });

      it('recognises a retry even after the stream moved on, instead of reporting a conflict', async () => {
        const first = await store.append(
          stream('a'),
          [noted(1)],
          appendOptions({ expectedRevision: 'no_stream', idempotencyKey: 'k-1' }),
        );
        await store.append(stream('a'), [noted(2)], appendOptions());
        const retry = await store.append(
          stream('a'),
          [noted(1)],
          appendOptions({ expectedRevision: 'no_stream', idempotencyKey: 'k-1' }),
        );

        expect(retry).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });

      it('stores both when different actors use the same key', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions({ idempotencyKey: 'k-1' }));
        const other = await store.append(
          stream('a'),
          [noted(1)],
          appendOptions({ actor: bob, idempotencyKey: 'k-1' }),
        );

        expect(other.duplicate).toBe(false);
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });

      it('stores both when one actor uses the same key on different streams', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions({ idempotencyKey: 'k-1' }));
        const other = await store.append(stream('b'), [noted(1)], appendOptions({ idempotencyKey: 'k-1' }));
        expect(other.duplicate).toBe(false);
      });

      it('readIdempotent finds the events of a key, and [] for an unused one', async () => {
        await store.append(stream('a'), [noted(0)], appendOptions());
        const first = await store.append(
          stream('a'),
          [noted(1), noted(2)],
          appendOptions({ idempotencyKey: 'k-1' }),
        );

        expect(await store.readIdempotent(stream('a'), alice.id, 'k-1')).toEqual(first.events);
        expect(await store.readIdempotent(stream('a'), bob.id, 'k-1')).toEqual([]);
        expect(await store.readIdempotent(stream('a'), alice.id, 'k-2')).toEqual([]);
      });

      it('stores one copy when identical requests race', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store.append(stream('a'), [noted(1)], appendOptions({ idempotencyKey: 'k-1' })),
          ),
        );
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.events[0].id)).size).toBe(1);
        expect(await store.readStream(stream('a'))).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        for (const [n, day] of [
          [0, '01'],
          [1, '02'],
          [2, '03'],
          [3, '04'],
        ] as const) {
          await store.append(
            stream('a'),
            [noted(n)],
            appendOptions({ occurredAt: `2026-03-${day}T08:00:00.000Z` }),
          );
        }
      });

      it('stops at toRevision', async () => {
        expect((await store.readStream(stream('a'), { toRevision: 1 })).map((e) => e.revision)).toEqual([
          0, 1,
        ]);
        expect(await store.readStream(stream('a'), { toRevision: 9 })).toHaveLength(4);
      });

      it('stops at events that occurred after `until` (inclusive of the instant itself)', async () => {
        const upTo = await store.readStream(stream('a'), { until: '2026-03-03T08:00:00.000Z' });
        expect(upTo.map((e) => e.revision)).toEqual([0, 1, 2]);
        const between = await store.readStream(stream('a'), { until: '2026-03-02T12:00:00.000Z' });
        expect(between.map((e) => e.revision)).toEqual([0, 1]);
      });

      it('compares instants, not strings, for `until` in another time zone', async () => {
        const upTo = await store.readStream(stream('a'), { until: '2026-03-02T16:00:00+08:00' });
        expect(upTo.map((e) => e.revision)).toEqual([0, 1]);
      });

      it('combines toRevision and until', async () => {
        const events = await store.readStream(stream('a'), {
          toRevision: 0,
          until: '2026-03-04T08:00:00.000Z',
        });
        expect(events.map((e) => e.revision)).toEqual([0]);
      });
    });

    describe('readAll', () => {
      it('returns the global log in position order, across streams, in pages', async () => {
        const head = await store.headPosition();
        const appended: RecordedEvent[] = [];
        for (let i = 0; i < 7; i++) {
          const { events } = await store.append(stream(i % 2 === 0 ? 'a' : 'b'), [noted(i)], appendOptions());
          appended.push(...events);
        }

        const all = ours(await store.readAll({ after: head }));
        expect(all).toEqual(appended);

        const paged: RecordedEvent[] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ after, limit: 3 });
          expect(page.length).toBeLessThanOrEqual(3);
          if (page.length === 0) break;
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(ours(paged)).toEqual(appended);
        for (let i = 1; i < paged.length; i++)
          expect(paged[i].position).toBeGreaterThan(paged[i - 1].position);
      });

      it('starts after the given position', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions());
        const second = await store.append(stream('a'), [noted(2), noted(3)], appendOptions());
        const rest = ours(await store.readAll({ after: second.events[0].position }));
        expect(rest).toEqual([second.events[1]]);
      });
    });

    describe('headPosition', () => {
      it('is the position of the last event written', async () => {
        await store.append(stream('a'), [noted(1)], appendOptions());
        const last = await store.append(stream('b'), [noted(2), noted(3)], appendOptions());
        expect(await store.headPosition()).toBe(last.position);
      });
    });

    describe('follow', () => {
      it('delivers earlier events, then live appends, in order, and ends when the signal aborts', async () => {
        const head = await store.headPosition();
        const before = await store.append(stream('a'), [noted(1)], appendOptions());
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        const following = (async () => {
          for await (const event of store.follow(head, controller.signal)) {
            if (event.streamId.startsWith(prefix)) seen.push(event);
          }
        })();

        await eventually(() => seen.length === 1, 'the earlier event');
        const live: RecordedEvent[] = [];
        for (let i = 2; i <= 4; i++) {
          live.push(...(await store.append(stream(i % 2 ? 'a' : 'b'), [noted(i)], appendOptions())).events);
        }
        live.push(...(await store.append(stream('c'), [noted(5), noted(6)], appendOptions())).events);
        await eventually(() => seen.length === 6, 'the live events');

        controller.abort();
        await following;
        expect(seen).toEqual([...before.events, ...live]);
      });

      it('ends promptly when aborted while waiting for events', async () => {
        const controller = new AbortController();
        const following = (async () => {
          for await (const _event of store.follow(await store.headPosition(), controller.signal)) {
            // nothing to deliver
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, 50));
        const abortedAt = Date.now();
        controller.abort();
        await following;
        expect(Date.now() - abortedAt).toBeLessThan(2000);
      });

      it('lets the consumer stop by leaving the loop', async () => {
        const head = await store.headPosition();
        await store.append(stream('a'), [noted(1), noted(2), noted(3)], appendOptions());
        const seen: RecordedEvent[] = [];
        for await (const event of store.follow(head, new AbortController().signal)) {
          if (event.streamId.startsWith(prefix)) seen.push(event);
          if (seen.length === 2) break;
        }
        expect(seen.map((e) => e.revision)).toEqual([0, 1]);
      });
    });

    describe('under concurrency', () => {
      it('loses nothing when 16 appenders write different streams at once', async () => {
        const head = await store.headPosition();
        const writers = Array.from({ length: 16 }, async (_, w) => {
          for (let i = 0; i < 5; i++) {
            await store.append(
              stream(`w${w}`),
              [noted(i)],
              appendOptions({ expectedRevision: i === 0 ? 'no_stream' : i - 1 }),
            );
          }
        });
        await Promise.all(writers);

        const all = ours(await store.readAll({ after: head, limit: 1000 }));
        expect(all).toHaveLength(80);
        expect(new Set(all.map((e) => e.position)).size).toBe(80);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
        for (let w = 0; w < 16; w++) {
          const events = await store.readStream(stream(`w${w}`));
          expect(events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
          expect(verifyStreamChain(events)).toEqual({ ok: true });
        }
      });

      it('lets exactly one of several appenders win each revision of one stream', async () => {
        for (let revision = -1; revision < 4; revision++) {
          const attempts = await Promise.allSettled(
            Array.from({ length: 8 }, (_, i) =>
              store.append(
                stream('a'),
                [noted(i)],
                appendOptions({ expectedRevision: revision < 0 ? 'no_stream' : revision }),
              ),
            ),
          );
          const won = attempts.filter((a) => a.status === 'fulfilled');
          const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
          expect(won).toHaveLength(1);
          for (const loss of lost) {
            expect(loss.reason).toBeInstanceOf(ConcurrencyError);
            expect(loss.reason).toMatchObject({ actualRevision: revision + 1 });
          }
        }
        const events = await store.readStream(stream('a'));
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(verifyStreamChain(events)).toEqual({ ok: true });
      });
    });

    describe('health', () => {
      it('ping resolves while the store is usable', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('after close, ping fails with ServiceUnavailableError, and closing twice is harmless', async () => {
        await store.close();
        await expect(store.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
        await expect(store.close()).resolves.toBeUndefined();
      });
    });
  });
}
