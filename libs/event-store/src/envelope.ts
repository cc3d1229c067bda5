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
  if (value === undefined) return null;
  if (typeof value === 'object') {
    // Plain data (what deciders emit) is copied directly; anything else takes the round trip.
    const copy = copyPlainJson(value, 0);
    if (copy !== NOT_PLAIN) return copy;
  }
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    throw new ValidationError(field, 'must be JSON (no bigint, no cycles)');
  }
}

const NOT_PLAIN = Symbol('not plain JSON data');
/** Deeper values take the round trip (which also finds cycles). */
const MAX_PLAIN_DEPTH = 64;

/**
 * What JSON.parse(JSON.stringify(value)) returns, built without the text: a deep copy of
 * arrays and of objects whose prototype is Object.prototype or null, sharing the strings.
 * As JSON.stringify does, it leaves out object members that are undefined, functions or
 * symbols, writes such array items (and holes) as null, non-finite numbers as null and -0
 * as 0. Returns NOT_PLAIN for anything it does not copy exactly that way (toJSON, other
 * prototypes such as Date or Map, bigint, a "__proto__" key, great depth); the caller then
 * takes the round trip. Proven equal to the round trip in envelope.identity.unit.spec.ts.
 */
function copyPlainJson(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (value === null) return null;
  if (depth > MAX_PLAIN_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const items: unknown[] = [];
    const length = value.length;
    for (let index = 0; index < length; index++) {
      const item: unknown = value[index];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
        items.push(null);
        continue;
      }
      const copy = copyPlainJson(item, depth + 1);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      items.push(copy);
    }
    return items;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const members: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === '__proto__') return NOT_PLAIN;
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    const copy = copyPlainJson(item, depth + 1);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    members[key] = copy;
  }
  return members;
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
