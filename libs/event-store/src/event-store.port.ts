import type { Actor } from '#domain';

/** Envelope metadata of a stored event. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** ISO-8601 instant. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly idempotencyKey?: string;
  /** Hash of the previous event of the same stream; null for revision 0. */
  readonly previousHash: string | null;
  /** SHA-256 (hex) over canonical JSON of (streamId, revision, type, data, metadata without hash) + previousHash. */
  readonly hash: string;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  /** UUID; derived from (actor, idempotencyKey, stream, index) when an idempotencyKey is given. */
  readonly id: string;
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: number;
  /** Position in the global log: 1-based, strictly increasing in read order, never skipped by a reader. */
  readonly position: bigint;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /**
   * Present only when the event was upcast on read (its stored schemaVersion was older than
   * its type's current one): the data and metadata as stored, which is what the hash covers.
   * Hash verification and audit exports use this form (`asStored`); evolve uses the rest.
   */
  readonly stored?: StoredForm;
}

/** An event's data and metadata exactly as the store holds them. */
export interface StoredForm {
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
  /** Defaults to the current schema version of the type in the store's EventSchemas (1 for unknown types). */
  readonly schemaVersion?: number;
}

/**
 * 'no_stream': the stream must not exist; 'any': no check; a number: the stream's
 * current (last) revision must equal it. -1 is the same as 'no_stream'.
 */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string | null;
  /** When given, a repeated append with the same (actor, key, stream) stores nothing and returns the first result. */
  readonly idempotencyKey?: string;
}

export interface AppendResult {
  readonly streamId: string;
  /** The events as stored (or as stored the first time, when `duplicate`). */
  readonly events: readonly RecordedEvent[];
  /** Revision of the stream's last event after the append. */
  readonly revision: number;
  /** Global position of the last event written. */
  readonly position: bigint;
  /** True when the idempotencyKey had been used already: nothing new was written. */
  readonly duplicate: boolean;
}

/** An AppendResult as of its last event (or the earlier append's, when `duplicate`); for adapters. */
export function appendResult(streamId: string, events: RecordedEvent[], duplicate: boolean): AppendResult {
  const last = events[events.length - 1];
  return { streamId, events, revision: last.revision, position: last.position, duplicate };
}

export interface ReadStreamOptions {
  /** Include events up to and including this revision. */
  readonly toRevision?: number;
  /** Include events that occurred at or before this ISO instant. */
  readonly until?: string;
}

export interface ReadAllOptions {
  /** Return events with position > after (default 0n: from the start). */
  readonly after?: bigint;
  /** At most this many events (adapter default when omitted, e.g. 1000). */
  readonly limit?: number;
}

/** The EventStore port. Every adapter passes the same contract suite (testing/event-store.contract.ts). */
export interface EventStore {
  /** Appends atomically; throws ConcurrencyError (from #domain) when expectedRevision does not hold. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream, oldest first; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events previously appended under this (actor, idempotencyKey) to this stream; [] when none. */
  readIdempotent(streamId: string, actorId: string, idempotencyKey: string): Promise<RecordedEvent[]>;
  /** A page of the global log in position order. Never skips an event that commits later with a lower position. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Follows the global log from `after`, live, until the signal aborts. Consume with `for await`. */
  follow(after: bigint, signal: AbortSignal): AsyncIterable<RecordedEvent>;
  /** Position of the last event in the global log (0n when empty). */
  headPosition(): Promise<bigint>;
  /** Throws when the backing store cannot be reached (used by health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
