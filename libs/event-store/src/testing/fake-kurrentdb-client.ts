import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { KurrentRecord } from '../kurrentdb/kurrentdb-mapping.js';

/**
 * An in-memory stand-in for the slice of KurrentDBClient the adapter uses, written from
 * the client's documented behaviour: expected-state checks, id deduplication of a repeated
 * write, $all with system events mixed in, inclusive $all reads, exclusive subscriptions.
 * It tests the adapter's own logic where no server runs; it proves nothing about
 * KurrentDB itself (the contract suite against KURRENTDB_URL does).
 */
interface EventData {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}
type Position = { commit: bigint; prepare: bigint };
type ReadPosition = 'start' | 'end' | Position;
interface TypeFilter {
  readonly regex?: string;
}

class ClientError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly actualState?: bigint | 'no_stream',
  ) {
    super(message);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeKurrentDbClient {
  private readonly log: KurrentRecord[] = [];
  private readonly streams = new Map<string, KurrentRecord[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private nextPosition = 1000n;
  /** Set to make every call fail as if the server were down. */
  down = false;

  constructor() {
    this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statistics-collected', data: {} }]);
  }

  asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState?: 'any' | 'no_stream' | bigint } = {},
  ): Promise<{ success: true; nextExpectedRevision: bigint }> {
    await this.reachable();
    const stream = this.streams.get(streamName) ?? [];
    const state = options.streamState ?? 'any';
    const from =
      state === 'any'
        ? stream.findIndex((e) => e.id === events[0]?.id)
        : Number(state === 'no_stream' ? -1n : state) + 1;
    const repeated = from >= 0 && events.every((event, i) => stream[from + i]?.id === event.id);
    if (repeated) return { success: true, nextExpectedRevision: BigInt(from + events.length - 1) };
    const current = stream.length - 1;
    if (state !== 'any' && BigInt(current) !== (state === 'no_stream' ? -1n : state)) {
      throw new ClientError(
        'wrong-expected-version',
        'wrong expected version',
        current < 0 ? 'no_stream' : BigInt(current),
      );
    }
    this.write(streamName, events);
    if (this.log.length % 3 === 0) {
      this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statistics-collected', data: {} }]);
    }
    this.appended.emit('append');
    return { success: true, nextExpectedRevision: BigInt(stream.length + events.length - 1) };
  }

  readStream(
    streamName: string,
    options: {
      direction?: 'forwards' | 'backwards';
      fromRevision?: 'start' | 'end' | bigint;
      maxCount?: number;
    } = {},
  ): AsyncGenerator<{ event: KurrentRecord }> {
    return async function* (this: FakeKurrentDbClient) {
      await this.reachable();
      const stream = this.streams.get(streamName);
      if (!stream) throw new ClientError('stream-not-found', `${streamName} not found`);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? 'end' : 'start');
      let events = backwards ? [...stream].reverse() : [...stream];
      if (typeof from === 'bigint') {
        events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      }
      for (const event of events.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) yield { event };
    }.call(this);
  }

  readAll(
    options: {
      fromPosition?: ReadPosition;
      direction?: 'forwards' | 'backwards';
      maxCount?: number;
      filter?: TypeFilter;
    } = {},
  ): AsyncGenerator<{ event: KurrentRecord }> {
    return async function* (this: FakeKurrentDbClient) {
      await this.reachable();
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ?? (backwards ? 'end' : 'start');
      let events = this.log.filter((e) => matches(options.filter, e));
      if (backwards) events.reverse();
      if (typeof from === 'object') {
        events = events.filter((e) => (backwards ? pos(e) <= from.commit : pos(e) >= from.commit));
      }
      for (const event of events.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) yield { event };
    }.call(this);
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: TypeFilter } = {}) {
    let cursor = typeof options.fromPosition === 'object' ? options.fromPosition.commit : -1n;
    let stopped = false;
    let wake: (() => void) | undefined;
    const onAppend = (): void => wake?.();
    this.appended.on('append', onAppend);
    const log = this.log;
    const appended = this.appended;
    async function* events(): AsyncGenerator<{ event: KurrentRecord }> {
      try {
        while (!stopped) {
          const next = log.filter((e) => pos(e) > cursor && matches(options.filter, e));
          for (const event of next) {
            if (stopped) return;
            cursor = pos(event);
            yield { event };
          }
          if (stopped) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        appended.off('append', onAppend);
      }
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async (): Promise<void> => {
        stopped = true;
        wake?.();
      },
    };
  }

  async dispose(): Promise<void> {
    this.down = true;
  }

  private async reachable(): Promise<void> {
    await tick();
    if (this.down) throw new ClientError('unavailable', 'failed to connect to the server');
  }

  private write(streamName: string, events: readonly EventData[]): void {
    const stream = this.streams.get(streamName) ?? [];
    for (const event of events) {
      this.nextPosition += 100n + BigInt(Math.floor(Math.random() * 50));
      const record: KurrentRecord = {
        id: event.id,
        streamId: streamName,
        revision: BigInt(stream.length),
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)) as unknown,
        metadata:
          event.metadata === undefined ? undefined : (JSON.parse(JSON.stringify(event.metadata)) as unknown),
        position: { commit: this.nextPosition, prepare: this.nextPosition },
      };
      stream.push(record);
      this.log.push(record);
    }
    this.streams.set(streamName, stream);
  }
}

function pos(event: KurrentRecord): bigint {
  return event.position?.commit ?? 0n;
}

function matches(filter: TypeFilter | undefined, event: KurrentRecord): boolean {
  return filter?.regex === undefined || new RegExp(filter.regex).test(event.type);
}
