import { ServiceUnavailableError, type Actor } from '#domain';
import type { AppendOptions } from '../event-store.port.js';
import { verifyStreamChain } from '../hash-chain.js';
import { FakeKurrentDbClient } from '../testing/fake-kurrentdb-client.js';
import { describeEventStoreContract } from '../testing/index.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { positionOf, toRecordedEvent, toStoredMetadata } from './kurrentdb-mapping.js';

// The adapter's own logic (revision checks, hash chain, duplicate detection, paging,
// subscriptions) against an in-memory stand-in; the real server runs the same suite in
// kurrentdb-event-store.int.spec.ts when KURRENTDB_URL is set.
describeEventStoreContract('KurrentDB adapter on an in-memory fake client', async () => {
  const store = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
  return { store, cleanup: () => store.close() };
});

describe('KurrentDbEventStore mapping', () => {
  const actor: Actor = { id: 'u-1', role: 'unit_manager', unitId: 'unit-3' };
  const metadata = {
    actor,
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: '2026-03-01T08:00:00.000Z',
    schemaVersion: 1,
    previousHash: null,
    hash: 'h',
  };

  it("stores KurrentDB's own correlation conventions and an appendId beside the envelope", () => {
    expect(toStoredMetadata({ ...metadata, causationId: 'cmd-1' }, 'append-1')).toMatchObject({
      $correlationId: 'corr-1',
      $causationId: 'cmd-1',
      appendId: 'append-1',
    });
    expect(toStoredMetadata(metadata, 'append-1')).not.toHaveProperty('$causationId');
  });

  it('reads back exactly the envelope metadata, so the hash still verifies', () => {
    const record = {
      id: 'e-1',
      streamId: 'task-1',
      revision: 0n,
      type: 'Noted',
      data: {},
      metadata: toStoredMetadata(metadata, 'append-1'),
      position: { commit: 42n, prepare: 42n },
    };
    expect(toRecordedEvent(record)).toEqual({
      id: 'e-1',
      streamId: 'task-1',
      revision: 0,
      position: 42n,
      type: 'Noted',
      data: {},
      metadata,
    });
  });

  it('treats the "no position" marker older servers send on stream reads as unknown (0)', () => {
    const record = { id: 'e', streamId: 's', revision: 0n, type: 't', data: {} };
    expect(positionOf({ ...record, position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } })).toBe(0n);
    expect(positionOf(record)).toBe(0n);
  });
});

describe('KurrentDbEventStore on the fake client', () => {
  const options: AppendOptions = {
    expectedRevision: 'any',
    actor: { id: 'u-1', role: 'office' },
    occurredAt: '2026-03-01T08:00:00.000Z',
    correlationId: 'c-1',
  };

  it("keeps the chain intact under racing 'any' appends by re-reading instead of writing blind", async () => {
    const store = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.append('task-1', [{ type: 'Noted', data: { i } }], options)),
    );
    const events = await store.readStream('task-1');
    expect(events).toHaveLength(6);
    expect(verifyStreamChain(events)).toEqual({ ok: true });
  });

  it('reports an unreachable server as ServiceUnavailableError', async () => {
    const client = new FakeKurrentDbClient();
    const store = new KurrentDbEventStore(client.asClient());
    client.down = true;
    await expect(store.append('task-1', [{ type: 'Noted', data: {} }], options)).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    await expect(store.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
