import { DomainError, ServiceUnavailableError } from '#domain';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '#event-store';
import { isStoreOutage } from '#event-store';
import { ReadModel, type DialectKind } from '#projections';
import type { StorageConnector } from './storage-connector.js';

/** What clients are told; the reason (hosts, driver messages) stays in the log and /health/ready. */
const notConnected = (what: string): ServiceUnavailableError =>
  new ServiceUnavailableError(`the ${what} is not reachable yet; nothing was written, try again shortly`);

/**
 * The event store adapters report an unreachable database as ServiceUnavailableError; the
 * read model's driver errors are mapped here, the same way.
 */
function translateReadModelError(error: unknown): unknown {
  if (error instanceof DomainError || !isStoreOutage(error)) return error;
  const mapped = new ServiceUnavailableError('the read model is unavailable; try again shortly');
  mapped.cause = error;
  return mapped;
}

/**
 * The EVENT_STORE the app injects: the connector's store once it is open, and until then
 * an immediate SERVICE_UNAVAILABLE, never a request waiting on a database that is down.
 */
export class DeferredEventStore implements EventStore {
  constructor(private readonly connector: StorageConnector) {}

  private get store(): EventStore {
    const store = this.connector.store;
    if (!store) throw notConnected('event store');
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.store.append(streamId, events, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  async readIdempotent(streamId: string, actorId: string, idempotencyKey: string): Promise<RecordedEvent[]> {
    return this.store.readIdempotent(streamId, actorId, idempotencyKey);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  async *follow(after: bigint, signal: AbortSignal): AsyncIterable<RecordedEvent> {
    yield* this.store.follow(after, signal);
  }

  async headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }

  async ping(): Promise<void> {
    return this.store.ping();
  }

  /** Closes the connector: the event store and the read model open and close together. */
  close(): Promise<void> {
    return this.connector.close();
  }
}

/**
 * The ReadModel the app injects, for the same reason: a stand-in whose every member goes to
 * the connector's read model once it is open (a database that is down then rejects with
 * SERVICE_UNAVAILABLE). Until then its methods reject with SERVICE_UNAVAILABLE at once (and
 * `db` throws it). A Proxy rather than a subclass, so a method added
 * to ReadModel later is forwarded too instead of running against a missing connection.
 */
export function deferredReadModel(connector: StorageConnector, dialect: DialectKind): ReadModel {
  const standIn = Object.create(ReadModel.prototype) as ReadModel;
  return new Proxy(standIn, {
    get(_target, property) {
      if (property === 'close') return () => connector.close();
      const readModel = connector.readModel;
      if (readModel) {
        const value: unknown = Reflect.get(readModel, property, readModel);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = value.apply(readModel, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => Promise.reject(translateReadModelError(error)))
            : result;
        };
      }
      if (property === 'then') return undefined; // not a thenable: Nest awaits provider values
      if (property === 'dialect') return dialect;
      const member = Object.getOwnPropertyDescriptor(ReadModel.prototype, property);
      if (member?.get) throw notConnected('read model');
      if (typeof member?.value === 'function') return () => Promise.reject(notConnected('read model'));
      return undefined;
    },
  });
}
