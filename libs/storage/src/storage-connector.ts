import type { Logger } from '#domain';
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { openReadModel, type ReadModel } from '#projections';
import { describeStore, type EventStoreConfig, type ReadModelConfig } from './storage-config.js';

/** Opens the configured event store (not yet checked to be reachable: see StorageConnector). */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteEventStore.open(config.path);
    case 'postgres':
      return PostgresEventStore.connect(config.connectionString, { schema: config.schema });
    case 'kurrentdb':
      return KurrentDbEventStore.connect(config.connectionString);
    default: {
      const unknown: never = config;
      throw new Error(`unknown event store ${(unknown as { kind: string }).kind}`);
    }
  }
}

export interface StorageConnectorOptions {
  /** First retry delay; it doubles up to maxDelayMs. Defaults 500 ms and 30 s. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** While the same failure repeats, at most one log line per this (default 60 s). */
  readonly quietMs?: number;
}

/**
 * Opens the event store and the read model, and keeps trying with backoff until both are
 * open and answer, so a process that starts before its database (a server booting, a
 * compose file starting everything at once) waits for it instead of crashing or hanging.
 * Meanwhile `store`/`readModel` are null and `problem` says why; the API answers
 * SERVICE_UNAVAILABLE and /health/ready 503 (see deferred-storage.ts).
 *
 * Logging stays bounded: the first failure, a changed reason, and otherwise one line per
 * `quietMs` while the same failure repeats.
 */
export class StorageConnector {
  readonly #eventStoreConfig: EventStoreConfig;
  readonly #readModelConfig: ReadModelConfig;
  readonly #logger: Logger;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #quietMs: number;
  readonly #closing = new AbortController();
  #store: EventStore | null = null;
  #readModel: ReadModel | null = null;
  #problem: string | null = 'not connected yet';
  #running: Promise<void> | null = null;
  #attempts = 0;
  #firstAttempt!: () => void;
  readonly #firstAttemptDone = new Promise<void>((resolve) => (this.#firstAttempt = resolve));
  #connected!: () => void;
  readonly #connectedPromise = new Promise<void>((resolve) => (this.#connected = resolve));

  constructor(
    config: { readonly eventStore: EventStoreConfig; readonly readModel: ReadModelConfig },
    logger: Logger,
    options: StorageConnectorOptions = {},
  ) {
    this.#eventStoreConfig = config.eventStore;
    this.#readModelConfig = config.readModel;
    this.#logger = logger;
    this.#initialDelayMs = options.initialDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#quietMs = options.quietMs ?? 60_000;
  }

  /** The open event store, or null while it is still being connected. */
  get store(): EventStore | null {
    return this.#store;
  }

  get readModel(): ReadModel | null {
    return this.#readModel;
  }

  get connected(): boolean {
    return this.#store !== null && this.#readModel !== null;
  }

  /** Why the storage is not (yet) usable; null once connected. */
  get problem(): string | null {
    return this.#problem;
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** Starts connecting in the background (once); see `firstAttempt` and `whenConnected`. */
  start(): this {
    this.#running ??= this.#run();
    return this;
  }

  /** Resolves when the first attempt has succeeded or failed, or after `timeoutMs`, whichever is first. */
  async firstAttempt(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#firstAttemptDone,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    return this.connected;
  }

  /** Resolves once both stores are open; never, if the connector is closed first. */
  whenConnected(): Promise<void> {
    return this.#connectedPromise;
  }

  /** Stops retrying and closes whatever is open. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#running;
    const store = this.#store;
    const readModel = this.#readModel;
    this.#store = null;
    this.#readModel = null;
    this.#problem = 'closed';
    await Promise.allSettled([store?.close(), readModel?.close()]);
  }

  async #run(): Promise<void> {
    const signal = this.#closing.signal;
    let delayMs = this.#initialDelayMs;
    let logged: { reason: string; at: number } | null = null;
    const started = Date.now();
    while (!signal.aborted) {
      this.#attempts += 1;
      const failures = await this.#attempt();
      this.#firstAttempt();
      if (signal.aborted) return;
      if (failures.length === 0) {
        this.#problem = null;
        if (logged) {
          const seconds = Math.round((Date.now() - started) / 1000);
          this.#logger.info({}, `storage connected after ${this.#attempts} attempts (${seconds} s)`);
        }
        this.#connected();
        return;
      }
      const reason = failures.join('; ');
      this.#problem = reason;
      const now = Date.now();
      if (!logged) {
        this.#logger.warn({}, `${reason}; retrying with backoff (up to every ${this.#maxDelayMs / 1000} s)`);
        logged = { reason, at: now };
      } else if (logged.reason !== reason || now - logged.at >= this.#quietMs) {
        const seconds = Math.round((now - started) / 1000);
        this.#logger.warn({}, `still unavailable after ${this.#attempts} attempts (${seconds} s): ${reason}`);
        logged = { reason, at: now };
      }
      await sleep(delayMs, signal);
      delayMs = Math.min(delayMs * 2, this.#maxDelayMs);
    }
  }

  /** One try at whatever is not open yet; returns what failed. */
  async #attempt(): Promise<string[]> {
    const [store, readModel] = await Promise.allSettled([
      this.#store ?? openAndPing(this.#eventStoreConfig),
      this.#readModel ?? openReadModel(this.#readModelConfig),
    ]);
    const failures: string[] = [];
    if (store.status === 'fulfilled') this.#store = store.value;
    else
      failures.push(
        `event store (${describeStore(this.#eventStoreConfig)}) unavailable: ${messageOf(store.reason)}`,
      );
    if (readModel.status === 'fulfilled') this.#readModel = readModel.value;
    else
      failures.push(
        `read model (${describeStore(this.#readModelConfig)}) unavailable: ${messageOf(readModel.reason)}`,
      );
    if (this.#closing.signal.aborted) {
      // close() ran while this attempt was in flight: it cannot see what the attempt opened.
      await Promise.allSettled([this.#store?.close(), this.#readModel?.close()]);
      this.#store = null;
      this.#readModel = null;
    }
    return failures;
  }
}

/** KurrentDB's client connects lazily: a ping proves the server is really there. */
async function openAndPing(config: EventStoreConfig): Promise<EventStore> {
  const store = await openEventStore(config);
  try {
    await store.ping();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error && !message.includes(cause.message)
    ? `${message}: ${cause.message}`
    : message;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
