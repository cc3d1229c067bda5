import type { EventMetadata, RecordedEvent } from '../event-store.port.js';

/** The shape of a KurrentDB recorded event this adapter reads (a subset of the client's type). */
export interface KurrentRecord {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: { readonly commit: bigint; readonly prepare: bigint };
}

/**
 * What goes into KurrentDB's metadata blob: our envelope metadata, KurrentDB's own
 * `$correlationId`/`$causationId` conventions (its system projections index them), and
 * `appendId`, which tells a write of ours from an identical retry the server deduplicated.
 * Only the envelope fields come back out, so the hash verifies after a round trip.
 */
export type StoredMetadata = EventMetadata & {
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly appendId: string;
};

export function toStoredMetadata(metadata: EventMetadata, appendId: string): StoredMetadata {
  return {
    ...metadata,
    $correlationId: metadata.correlationId,
    ...(metadata.causationId === null ? {} : { $causationId: metadata.causationId }),
    appendId,
  };
}

/** Older servers report 2^64-1 (or nothing) as the $all position of events read from a stream. */
const NO_POSITION = 1n << 63n;

/**
 * The global position of a KurrentDB event: its commit position. Events written by
 * appendToStream are implicitly committed, one log record each, so commit = prepare and
 * positions are unique and increase in $all order. 0n when the server did not say
 * (stream reads on EventStoreDB before 22.6 carry no $all position).
 */
export function positionOf(record: KurrentRecord): bigint {
  const commit = record.position?.commit;
  return commit !== undefined && commit >= 0n && commit < NO_POSITION ? commit : 0n;
}

export function appendIdOf(record: KurrentRecord): string | undefined {
  const metadata = record.metadata as Partial<StoredMetadata> | undefined;
  return typeof metadata?.appendId === 'string' ? metadata.appendId : undefined;
}

export function toRecordedEvent(record: KurrentRecord): RecordedEvent {
  const stored = (record.metadata ?? {}) as Partial<StoredMetadata>;
  const metadata = {
    actor: stored.actor,
    correlationId: stored.correlationId,
    causationId: stored.causationId ?? null,
    occurredAt: stored.occurredAt,
    schemaVersion: stored.schemaVersion ?? 1,
    ...(stored.idempotencyKey === undefined ? {} : { idempotencyKey: stored.idempotencyKey }),
    previousHash: stored.previousHash ?? null,
    hash: stored.hash,
  } as EventMetadata;
  return {
    id: record.id,
    streamId: record.streamId,
    revision: Number(record.revision),
    position: positionOf(record),
    type: record.type,
    data: record.data,
    metadata,
  };
}

/** A position to read $all from (inclusive for reads, exclusive for subscriptions). */
export function logPosition(position: bigint): { commit: bigint; prepare: bigint } {
  return { commit: position, prepare: position };
}
