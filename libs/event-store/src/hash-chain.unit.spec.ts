import type { EventMetadata, ReadAllOptions, RecordedEvent } from './event-store.port.js';
import {
  canonicalJson,
  computeEventHash,
  deterministicEventId,
  newEventId,
  verifyHistory,
  verifyStreamChain,
} from './hash-chain.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function chain(streamId: string, datas: readonly unknown[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash: string | null = null;
  datas.forEach((data, revision) => {
    const base: Omit<EventMetadata, 'hash'> = {
      actor: { id: 'u-1', role: 'office' },
      correlationId: 'c-1',
      causationId: null,
      occurredAt: `2026-01-0${revision + 1}T00:00:00.000Z`,
      schemaVersion: 1,
      previousHash,
    };
    const hash = computeEventHash({ streamId, revision, type: 'Noted', data, metadata: base }, previousHash);
    events.push({
      id: newEventId(),
      streamId,
      revision,
      position: BigInt(revision + 1),
      type: 'Noted',
      data,
      metadata: { ...base, hash },
    });
    previousHash = hash;
  });
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: { q: null } })).toBe(
      canonicalJson({ z: { q: null }, y: [1, 2], x: 1 }),
    );
  });

  it('keeps array order, because order is meaning there', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members as JSON does, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('escapes strings and keys like JSON', () => {
    expect(canonicalJson({ '"k"': '对口支援\n' })).toBe('{"\\"k\\"":"对口支援\\n"}');
  });

  it('refuses bigint and non-finite numbers, which would not round-trip', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('computeEventHash', () => {
  const event = {
    streamId: 'task-1',
    revision: 0,
    type: 'TaskCreated',
    data: { title: 't' },
    metadata: {
      actor: { id: 'u-1', role: 'office' as const },
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
      previousHash: null,
    },
  };

  it('is a SHA-256 hex digest', () => {
    expect(computeEventHash(event, null)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores a hash member in the metadata', () => {
    expect(computeEventHash({ ...event, metadata: { ...event.metadata, hash: 'x' } }, null)).toBe(
      computeEventHash(event, null),
    );
  });

  it('changes with the data, the revision and the previous hash', () => {
    const base = computeEventHash(event, null);
    expect(computeEventHash({ ...event, data: { title: 'u' } }, null)).not.toBe(base);
    expect(computeEventHash({ ...event, revision: 1 }, null)).not.toBe(base);
    expect(computeEventHash(event, 'abc')).not.toBe(base);
  });
});

describe('verifyStreamChain', () => {
  it('accepts an intact stream and an empty one', () => {
    expect(verifyStreamChain(chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]))).toEqual({ ok: true });
    expect(verifyStreamChain([])).toEqual({ ok: true });
  });

  it('finds an edited event by its revision', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    events[1] = { ...events[1], data: { n: 20 } };
    expect(verifyStreamChain(events)).toEqual({ ok: false, brokenRevision: 1 });
  });

  it('finds an edited hash, because the next event no longer links to it', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, hash: 'f'.repeat(64) } };
    expect(verifyStreamChain(events)).toEqual({ ok: false, brokenRevision: 1 });
  });

  it('finds a deleted event', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyStreamChain([events[0], events[2]])).toEqual({ ok: false, brokenRevision: 1 });
  });

  it('finds a deleted event even when the revisions are renumbered', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyStreamChain([events[0], { ...events[2], revision: 1 }])).toEqual({
      ok: false,
      brokenRevision: 1,
    });
  });

  it('finds reordered events', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }]);
    expect(verifyStreamChain([events[1], events[0]])).toEqual({ ok: false, brokenRevision: 0 });
  });

  it('finds an event spliced in from another stream', () => {
    const events = chain('task-1', [{ n: 1 }, { n: 2 }]);
    const other = chain('task-2', [{ n: 1 }, { n: 2 }]);
    expect(verifyStreamChain([events[0], other[1]])).toEqual({ ok: false, brokenRevision: 1 });
  });
});

describe('deterministicEventId', () => {
  it('is the same UUID for the same (actor, key, stream, index)', () => {
    const id = deterministicEventId('u-1', 'k-1', 'task-1', 0);
    expect(id).toMatch(UUID);
    expect(deterministicEventId('u-1', 'k-1', 'task-1', 0)).toBe(id);
  });

  it('has the version-5 and RFC 4122 variant bits', () => {
    const id = deterministicEventId('u-1', 'k-1', 'task-1', 0);
    expect(id[14]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('differs when any part differs, and cannot be forged by shifting text between parts', () => {
    const ids = new Set([
      deterministicEventId('u-1', 'k-1', 'task-1', 0),
      deterministicEventId('u-2', 'k-1', 'task-1', 0),
      deterministicEventId('u-1', 'k-2', 'task-1', 0),
      deterministicEventId('u-1', 'k-1', 'task-2', 0),
      deterministicEventId('u-1', 'k-1', 'task-1', 1),
      deterministicEventId('u-1k', '-1', 'task-1', 0),
    ]);
    expect(ids.size).toBe(6);
  });

  it('newEventId is a random UUID', () => {
    expect(newEventId()).toMatch(UUID);
    expect(newEventId()).not.toBe(newEventId());
  });
});

describe('verifyHistory', () => {
  /** Interleaves streams into one global log, as a store would. */
  function log(...streams: RecordedEvent[][]): RecordedEvent[] {
    const merged: RecordedEvent[] = [];
    const longest = Math.max(...streams.map((s) => s.length));
    for (let i = 0; i < longest; i++) for (const s of streams) if (s[i]) merged.push(s[i]);
    return merged.map((event, index) => ({ ...event, position: BigInt(index + 1) }));
  }
  const storeOf = (events: RecordedEvent[]) => ({
    readAll: async ({ after = 0n, limit = 1000 }: ReadAllOptions = {}) =>
      events.filter((e) => e.position > after).slice(0, limit),
  });

  it('checks every stream in one pass over the log, page by page', async () => {
    const events = log(
      chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]),
      chain('task-2', [{ n: 1 }, { n: 2 }]),
    );
    const progress: number[] = [];
    const result = await verifyHistory(storeOf(events), { pageSize: 2, onProgress: (n) => progress.push(n) });

    expect(result).toEqual({ ok: true, events: 5, streams: 2 });
    expect(progress).toEqual([2, 4, 5]);
  });

  it('names the stream, revision and position of an edited event', async () => {
    const events = log(chain('task-1', [{ n: 1 }, { n: 2 }]), chain('task-2', [{ n: 1 }, { n: 2 }]));
    const index = events.findIndex((e) => e.streamId === 'task-2' && e.revision === 1);
    events[index] = { ...events[index], data: { n: 20 } };

    expect(await verifyHistory(storeOf(events))).toEqual({
      ok: false,
      streamId: 'task-2',
      brokenRevision: 1,
      position: events[index].position,
    });
  });

  it('finds an event deleted from the middle of a stream', async () => {
    const events = log(chain('task-1', [{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(await verifyHistory(storeOf([events[0], events[2]]))).toMatchObject({
      ok: false,
      brokenRevision: 1,
    });
  });
});
