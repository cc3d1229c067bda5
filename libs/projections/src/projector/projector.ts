import type { Logger } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { DEFAULT_CHECKPOINT, type ApplyResult, type ReadModel } from '../read-model/read-model.js';
import type { AppliedEvent } from './apply-events.js';

/** The projector logs progress and failures only, so it asks for those two levels of the port. */
export type ProjectorLogger = Pick<Logger, 'info' | 'error'>;

export interface ProjectorOptions {
  /** Checkpoint name: every projector writing one read model uses the same. Default 'main'. */
  readonly name?: string;
  readonly logger?: ProjectorLogger;
  /** Events per transaction while catching up and per live wake-up; default 500. */
  readonly batchSize?: number;
  /** How often waitForPosition re-reads the checkpoint (another process may be projecting); default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Backoff after a failure: starts here, doubles up to maxRetryMs. Defaults 100 ms and 30 s. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export type AppliedListener = (applied: AppliedEvent) => void;

const consoleLogger: ProjectorLogger = {
  info: () => undefined,
  error: (details, message) => console.error(message, details),
};

/**
 * Keeps a read model up to date with the global log: catches up from its checkpoint
 * in batches, then follows live. Every batch commits with the checkpoint (see
 * ReadModel.applyEvents), so a crash, a restart or a second projector — in this
 * process or another — never applies an event twice or skips one. A failing event is
 * retried with backoff, never skipped.
 */
export class Projector {
  readonly #store: EventStore;
  readonly #readModel: ReadModel;
  readonly #name: string;
  readonly #logger: ProjectorLogger;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #listeners = new Set<AppliedListener>();
  readonly #waiters = new Set<(checkpoint: bigint) => void>();
  #controller: AbortController | null = null;
  #running: Promise<void> | null = null;

  constructor(store: EventStore, readModel: ReadModel, options: ProjectorOptions = {}) {
    this.#store = store;
    this.#readModel = readModel;
    this.#name = options.name ?? DEFAULT_CHECKPOINT;
    this.#logger = options.logger ?? consoleLogger;
    this.#batchSize = options.batchSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 50;
    this.#retryMs = options.retryMs ?? 100;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  get name(): string {
    return this.#name;
  }

  /**
   * Starts projecting in the background. Resolves once the initial catch-up is done
   * (or stop() was called); the projector then keeps following the log until stop().
   */
  async start(): Promise<void> {
    if (this.#running) return;
    const controller = new AbortController();
    this.#controller = controller;
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    this.#running = this.#run(controller.signal, caughtUp).finally(caughtUp);
    await ready;
  }

  /** Stops following and waits for the batch in flight to commit or roll back. */
  async stop(): Promise<void> {
    this.#controller?.abort();
    await this.#running;
    this.#running = null;
    this.#controller = null;
  }

  /** Applies everything the store has now, in batches; returns how many events this call applied. */
  async catchUp(signal?: AbortSignal): Promise<number> {
    return (await this.#catchUp(signal)).count;
  }

  /**
   * Resolves true once the checkpoint is at or past `position`, false after `timeoutMs`.
   * Works whichever process projects: events applied here wake it at once, and the
   * checkpoint table is polled for the rest.
   */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.#readModel.checkpoint(this.#name)) >= position) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const reached = await this.#nextCheckpoint(Math.min(this.#pollIntervalMs, remaining));
      if (reached !== null && reached >= position) return true;
    }
  }

  /** Calls `listener` after each event this projector applied has committed. Returns an unsubscribe. */
  onApplied(listener: AppliedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #run(signal: AbortSignal, caughtUp: () => void): Promise<void> {
    let retryMs = this.#retryMs;
    while (!signal.aborted) {
      try {
        const { cursor } = await this.#catchUp(signal);
        caughtUp();
        retryMs = this.#retryMs;
        await this.#follow(cursor, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.#logger.error(
          {
            projector: this.#name,
            retryInMs: retryMs,
            error: error instanceof Error ? error.message : String(error),
          },
          'projector failed; retrying from its checkpoint',
        );
        await sleep(retryMs, signal);
        retryMs = Math.min(retryMs * 2, this.#maxRetryMs);
      }
    }
  }

  async #catchUp(signal?: AbortSignal): Promise<{ cursor: bigint; count: number }> {
    let cursor = await this.#readModel.checkpoint(this.#name);
    let count = 0;
    while (!signal?.aborted) {
      const page = await this.#store.readAll({ after: cursor, limit: this.#batchSize });
      if (page.length === 0) break;
      const result = await this.#apply(page, cursor);
      if (result.status === 'applied') count += result.applied.length;
      cursor = next(cursor, page, result);
    }
    return { cursor, count };
  }

  /**
   * Follows live from `cursor`; returns when the read model fell behind (it was reset), so
   * #run catches up again. The follow only wakes this loop: each wake-up applies whatever
   * the log holds past the cursor (up to a batch) in one transaction, so a burst of appends
   * costs one commit, and a lone event goes through at once.
   */
  async #follow(from: bigint, signal: AbortSignal): Promise<void> {
    let cursor = from;
    for await (const event of this.#store.follow(cursor, signal)) {
      if (event.position <= cursor) continue;
      const page = await this.#store.readAll({ after: cursor, limit: this.#batchSize });
      // The followed event is in the page unless the read raced a reset of the store; apply it alone then.
      const events = page.length > 0 ? page : [event];
      const result = await this.#apply(events, cursor);
      if (result.status === 'behind') {
        this.#logger.info(
          { projector: this.#name, checkpoint: result.checkpoint.toString() },
          'read model is behind this projector (rebuilt?); catching up again',
        );
        return;
      }
      cursor = next(cursor, events, result);
    }
    if (!signal.aborted) throw new Error('the event store stopped following the log');
  }

  async #apply(events: readonly RecordedEvent[], after: bigint): Promise<ApplyResult> {
    const result = await this.#readModel.applyEvents(events, { checkpoint: this.#name, after });
    if (result.status === 'applied') {
      for (const applied of result.applied) this.#emit(applied);
      for (const wake of this.#waiters) wake(result.checkpoint);
    }
    return result;
  }

  #emit(applied: AppliedEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(applied);
      } catch (error) {
        this.#logger.error(
          {
            projector: this.#name,
            position: applied.event.position.toString(),
            error: error instanceof Error ? error.message : String(error),
          },
          'onApplied listener threw',
        );
      }
    }
  }

  /** The checkpoint this projector commits next, or null when `ms` pass first. */
  #nextCheckpoint(ms: number): Promise<bigint | null> {
    return new Promise((resolve) => {
      const done = (value: bigint | null) => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve(value);
      };
      const timer = setTimeout(() => done(null), ms);
      this.#waiters.add(done);
    });
  }
}

/** Where the next read starts: past this batch, or past the checkpoint when another projector is ahead. */
function next(cursor: bigint, events: readonly RecordedEvent[], result: ApplyResult): bigint {
  if (result.status === 'behind') return result.checkpoint;
  const last = events[events.length - 1]!.position;
  return [cursor, last, result.checkpoint].reduce((a, b) => (b > a ? b : a));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
