import {
  ConcurrencyError,
  currentSchemaVersion,
  EVENT_SCHEMAS,
  ValidationError,
  type EventSchemas,
} from '#domain';
import type {
  AppendOptions,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
} from './event-store.port.js';
import { computeEventHash, deterministicEventId, newEventId } from './hash-chain.js';

/** An event ready to store: everything but the global position, which the store assigns. */
export type UnpositionedEvent = Omit<RecordedEvent, 'position'>;

/** Throws the domain's ConcurrencyError unless `current` (-1: no stream) satisfies `expected`. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'no_stream' ? -1 : expected;
  if (wanted !== current) throw new ConcurrencyError(streamId, wanted, current);
}

/** ISO-8601 in UTC with milliseconds, so stores can compare instants as strings. */
export function normalizeInstant(field: string, value: string): string {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new ValidationError(field, 'must be an ISO-8601 instant');
  return new Date(millis).toISOString();
}

/** The JSON value a store gives back: building records from it makes the hash verifiable after a round trip. */
function asStored(field: string, value: unknown): unknown {
  try {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  } catch {
    throw new ValidationError(field, 'must be JSON (no bigint, no cycles)');
  }
}

/**
 * The envelopes of an append: revisions after `current`, metadata, the hash chain from
 * `previousHash`, and ids (deterministic under an idempotencyKey, else random). Every
 * adapter builds events here so they all hash the same way.
 */
export function buildEnvelopes(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  current: number,
  previousHash: string | null,
  schemas: EventSchemas = EVENT_SCHEMAS,
): UnpositionedEvent[] {
  const occurredAt = normalizeInstant('occurredAt', options.occurredAt);
  const key = options.idempotencyKey;
  const built: UnpositionedEvent[] = [];
  let previous = previousHash;
  events.forEach((event, index) => {
    const revision = current + 1 + index;
    const data = asStored('data', event.data);
    const metadata = asStored('metadata', {
      actor: options.actor,
      correlationId: options.correlationId,
      causationId: options.causationId ?? null,
      occurredAt,
      schemaVersion: event.schemaVersion ?? currentSchemaVersion(schemas, event.type),
      ...(key === undefined ? {} : { idempotencyKey: key }),
      previousHash: previous,
    }) as Omit<EventMetadata, 'hash'>;
    const hash = computeEventHash({ streamId, revision, type: event.type, data, metadata }, previous);
    built.push({
      id: key === undefined ? newEventId() : deterministicEventId(options.actor.id, key, streamId, index),
      streamId,
      revision,
      type: event.type,
      data,
      metadata: { ...metadata, hash },
    });
    previous = hash;
  });
  return built;
}
