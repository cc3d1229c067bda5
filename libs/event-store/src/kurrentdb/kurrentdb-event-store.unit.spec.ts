import { type Actor } from '#domain';
import { positionOf, toRecordedEvent, toStoredMetadata } from './kurrentdb-mapping.js';

// Pure mapping between our envelope and KurrentDB's event shape. The adapter itself is
// only ever tested against a real server (kurrentdb-event-store.int.spec.ts, KURRENTDB_URL):
// a hand-written stand-in for the database would test our guess of it, not the adapter.
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
