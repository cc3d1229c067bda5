import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  excludeSystemEvents,
  jsonEvent,
  type JSONType,
} from '@kurrent/kurrentdb-client';
import {
  ConcurrencyError,
  DomainError,
  EVENT_SCHEMAS,
  ServiceUnavailableError,
  type EventSchemas,
} from '#domain';
import {
  appendResult,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port.js';
import { buildEnvelopes, checkExpectedRevision, normalizeInstant } from '../envelope.js';
import { upcastEvent } from '../upcasting/upcast.js';
import {
  appendIdOf,
  logPosition,
  positionOf,
  toRecordedEvent,
  toStoredMetadata,
  type KurrentRecord,
} from './kurrentdb-mapping.js';

export interface KurrentDbEventStoreOptions {
  /** Re-reads after a lost race for appends with expectedRevision 'any' (default 10). */
  readonly anyRetries?: number;
  /** Deadline of the health-check read (default 5000 ms). */
  readonly pingDeadlineMs?: number;
  /** Event types' current schema versions and upcasters, applied on every read (default: the domain's). */
  readonly eventSchemas?: EventSchemas;
}

const DEFAULT_READ_LIMIT = 1000;

/**
 * KurrentDB (or EventStoreDB 20.6+) behind the EventStore port. One of our streams is one
 * KurrentDB stream; the envelope metadata (actor, hashes, ...) travels in the event's
 * metadata JSON; the global position is the $all commit position.
 *
 * Every append is written with the exact revision it read (`streamState`), even when the
 * caller said 'any': the hash chain links to the event read, so nothing may slip in
 * between. Idempotent appends use deterministic event ids (KurrentDB deduplicates recent
 * writes by id) and, because that deduplication is best-effort, are also checked against
 * the stream itself.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly closing = new AbortController();
  private closed = false;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {}

  /** A stored record as its type's current shape (upcast on read). */
  private readonly toEvent = (record: KurrentRecord): RecordedEvent =>
    upcastEvent(toRecordedEvent(record), this.options.eventSchemas ?? EVENT_SCHEMAS);

  /** e.g. `kurrentdb://localhost:2113?tls=false`. The client connects lazily, on first use. */
  static async connect(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.guard(async () => {
      const key = options.idempotencyKey;
      for (let attempt = 0; ; attempt++) {
        if (key !== undefined) {
          const earlier = await this.readIdempotent(streamId, options.actor.id, key);
          if (earlier.length > 0) return appendResult(streamId, earlier, true);
        }
        const [last] = await this.read(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
        const current = last ? Number(last.revision) : -1;
        checkExpectedRevision(streamId, options.expectedRevision, current);
        if (events.length === 0) {
          return {
            streamId,
            events: [],
            revision: current,
            position: last ? positionOf(last) : 0n,
            duplicate: false,
          };
        }
        const previousHash = last ? toRecordedEvent(last).metadata.hash : null;
        const envelopes = buildEnvelopes(
          streamId,
          events,
          options,
          current,
          previousHash,
          this.options.eventSchemas ?? EVENT_SCHEMAS,
        );
        const appendId = randomUUID();
        try {
          await this.client.appendToStream(
            streamId,
            envelopes.map((event) =>
              jsonEvent({
                id: event.id,
                type: event.type,
                data: event.data as JSONType,
                metadata: toStoredMetadata(event.metadata, appendId) as unknown as JSONType,
              }),
            ),
            { streamState: current < 0 ? NO_STREAM : BigInt(current) },
          );
        } catch (error) {
          if (!isErrorType(error, 'wrong-expected-version')) throw error;
          if (key !== undefined) {
            const earlier = await this.readIdempotent(streamId, options.actor.id, key);
            if (earlier.length > 0) return appendResult(streamId, earlier, true);
          }
          if (options.expectedRevision === 'any' && attempt < (this.options.anyRetries ?? 10)) continue;
          const expected = options.expectedRevision;
          const wanted = expected === 'no_stream' ? -1 : expected === 'any' ? current : expected;
          throw new ConcurrencyError(streamId, wanted, actualRevisionOf(error));
        }
        // Read back what is stored: it carries the positions, and an appendId other than
        // ours means the server deduplicated us against an identical request that won.
        const stored = await this.read(streamId, {
          fromRevision: BigInt(current + 1),
          maxCount: envelopes.length,
        });
        return appendResult(streamId, stored.map(this.toEvent), appendIdOf(stored[0]) !== appendId);
      }
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const until = options.until === undefined ? undefined : normalizeInstant('until', options.until);
      if (options.toRevision !== undefined && options.toRevision < 0) return [];
      const records = await this.read(streamId, {
        maxCount: options.toRevision === undefined ? undefined : options.toRevision + 1,
      });
      const events = records.map(this.toEvent);
      return until === undefined ? events : events.filter((event) => event.metadata.occurredAt <= until);
    });
  }

  readIdempotent(streamId: string, actorId: string, idempotencyKey: string): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const records = await this.read(streamId, {});
      return records
        .map(this.toEvent)
        .filter(
          (event) => event.metadata.actor?.id === actorId && event.metadata.idempotencyKey === idempotencyKey,
        );
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_READ_LIMIT));
    return this.guard(async () => {
      const events: RecordedEvent[] = [];
      if (limit === 0) return events;
      // Reading from a position includes the event there: ask for one more and drop it.
      const page = this.client.readAll({
        fromPosition: after === 0n ? START : logPosition(after),
        direction: FORWARDS,
        maxCount: limit + 1,
        filter: excludeSystemEvents(),
      });
      for await (const resolved of page) {
        if (!resolved.event) continue;
        const event = this.toEvent(resolved.event as KurrentRecord);
        if (event.position <= after) continue;
        events.push(event);
        if (events.length === limit) break;
      }
      return events;
    });
  }

  follow(after: bigint, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    return this.subscribe(after, AbortSignal.any([signal, this.closing.signal]));
  }

  /** A catch-up subscription to $all: history from `after`, then live events, in order. */
  private async *subscribe(after: bigint, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    if (signal.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === 0n ? START : logPosition(after),
      filter: excludeSystemEvents(),
    });
    const stop = (): void => {
      subscription.unsubscribe().catch(() => undefined);
    };
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal.aborted) return;
        if (!resolved.event) continue;
        const event = this.toEvent(resolved.event as KurrentRecord);
        if (event.position > after) yield event;
      }
    } catch (error) {
      if (!signal.aborted) throw translate(error);
    } finally {
      signal.removeEventListener('abort', stop);
      stop();
    }
  }

  headPosition(): Promise<bigint> {
    return this.guard(() => this.head());
  }

  ping(): Promise<void> {
    return this.guard(async () => {
      await this.head(this.options.pingDeadlineMs ?? 5000);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await this.client.dispose();
  }

  private async head(deadline?: number): Promise<bigint> {
    const last = this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 1,
      filter: excludeSystemEvents(),
      ...(deadline === undefined ? {} : { deadline }),
    });
    for await (const resolved of last) {
      if (resolved.event) return positionOf(resolved.event as KurrentRecord);
    }
    return 0n;
  }

  private async read(
    streamId: string,
    options: {
      direction?: typeof FORWARDS | typeof BACKWARDS;
      fromRevision?: bigint | typeof END;
      maxCount?: number;
    },
  ): Promise<KurrentRecord[]> {
    const records: KurrentRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) {
        if (resolved.event) records.push(resolved.event as KurrentRecord);
      }
    } catch (error) {
      if (isErrorType(error, 'stream-not-found')) return [];
      throw error;
    }
    return records;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ServiceUnavailableError('the event store is closed');
    try {
      return await work();
    } catch (error) {
      throw translate(error);
    }
  }
}

/** Client errors are matched by their `type`, not by class: classes differ across module sandboxes. */
function isErrorType(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

function actualRevisionOf(error: unknown): number {
  const actual = (error as { actualState?: unknown }).actualState;
  return typeof actual === 'bigint' ? Number(actual) : -1;
}

const UNAVAILABLE_TYPES = ['unavailable', 'deadline-exceeded', 'timeout', 'not-leader'];

function translate(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (!UNAVAILABLE_TYPES.some((type) => isErrorType(error, type))) return error;
  const message = String((error as { message?: unknown }).message ?? '');
  const mapped = new ServiceUnavailableError(`KurrentDB is unavailable (${message}); nothing was written`);
  mapped.cause = error;
  return mapped;
}
