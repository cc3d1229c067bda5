import {
  currentSchemaVersion,
  defineEventSchemas,
  EVENT_SCHEMAS,
  TASK_EVENT_TYPES,
  type EventSchemas,
} from '#domain';
import type { RecordedEvent } from '../event-store.port.js';
import { buildEnvelopes } from '../envelope.js';
import { verifyStreamChain } from '../hash-chain.js';
import { asStored, EventSchemaVersionError, upcastEvent } from './upcast.js';

/** A metric report whose shape changed twice: v1 `{percent}`, v2 `{progress}`, v3 `{progress, evidence}`. */
const schemas: EventSchemas = defineEventSchemas({
  Reported: {
    version: 3,
    upcasters: {
      1: (data) => {
        const { percent, ...rest } = data as { percent: number };
        return { ...rest, progress: percent };
      },
      2: (data) => ({ ...(data as object), evidence: [] }),
    },
  },
});

function stored(type: string, data: unknown, schemaVersion: number): RecordedEvent {
  const [envelope] = buildEnvelopes(
    'report-1',
    [{ type, data, schemaVersion }],
    {
      expectedRevision: 'any',
      actor: { id: 'u-1', role: 'office' },
      occurredAt: '2023-05-01T00:00:00.000Z',
      correlationId: 'c-1',
    },
    -1,
    null,
  );
  return { ...envelope, position: 1n };
}

describe('upcasting on read', () => {
  it('runs the whole chain from the stored version to the current one', () => {
    const event = upcastEvent(stored('Reported', { taskId: 't', percent: 40 }, 1), schemas);
    expect(event.data).toEqual({ taskId: 't', progress: 40, evidence: [] });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('starts the chain where the event was stored', () => {
    const event = upcastEvent(stored('Reported', { taskId: 't', progress: 70 }, 2), schemas);
    expect(event.data).toEqual({ taskId: 't', progress: 70, evidence: [] });
  });

  it('keeps the stored form, so the hash still verifies after upcasting', () => {
    const original = stored('Reported', { taskId: 't', percent: 40 }, 1);
    const event = upcastEvent(original, schemas);
    expect(event.stored).toEqual({ data: original.data, metadata: original.metadata });
    expect(asStored(event)).toEqual(original);
    expect(event.metadata.hash).toBe(original.metadata.hash);
    expect(verifyStreamChain([event])).toEqual({ ok: true });
  });

  it('leaves current events and unknown types untouched (the same object)', () => {
    const current = stored('Reported', { taskId: 't', progress: 1, evidence: [] }, 3);
    expect(upcastEvent(current, schemas)).toBe(current);
    const unknown = stored('Noted', { n: 1 }, 7);
    expect(upcastEvent(unknown, schemas)).toBe(unknown);
    expect(asStored(current)).toBe(current);
  });

  it('refuses an event stored by a newer build than this one', () => {
    expect(() => upcastEvent(stored('Reported', { taskId: 't' }, 4), schemas)).toThrow(
      EventSchemaVersionError,
    );
  });

  it('stores new events at the current version of their type', () => {
    const [envelope] = buildEnvelopes(
      's-1',
      [{ type: 'Reported', data: {} }],
      {
        expectedRevision: 'any',
        actor: { id: 'u', role: 'office' },
        occurredAt: '2023-01-01T00:00:00Z',
        correlationId: 'c',
      },
      -1,
      null,
      schemas,
    );
    expect(envelope.metadata.schemaVersion).toBe(3);
  });
});

describe('event schemas', () => {
  it('rejects a chain with a missing step', () => {
    expect(() => defineEventSchemas({ Reported: { version: 3, upcasters: { 1: (d) => d } } })).toThrow(
      'no upcaster from version 2 to 3',
    );
  });

  it('gives every domain event type a schemaVersion', () => {
    for (const type of TASK_EVENT_TYPES) expect(EVENT_SCHEMAS[type]?.version).toBeGreaterThanOrEqual(1);
    for (const type of ['UnitRegistered', 'UnitUpdated', 'ProgramRegistered']) {
      expect(currentSchemaVersion(EVENT_SCHEMAS, type)).toBe(1);
    }
    expect(currentSchemaVersion(EVENT_SCHEMAS, 'SomethingElse')).toBe(1);
  });
});
