import type { ReadAllOptions, RecordedEvent } from './event-store.port.js';

/**
 * "Something may have been appended": a counter plus waiters. Adapters bump it on their
 * own appends (and on LISTEN notifications); a poll timeout covers writers they cannot
 * hear, such as another process writing the same SQLite file.
 */
export class AppendSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on the next notify after `seen`, after `timeoutMs`, or when the signal aborts. */
  wait(seen: number, signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (this.generation !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

export interface FollowOptions {
  readonly pageSize: number;
  readonly pollMs: number;
}

/**
 * Pages through readAll and, once caught up, waits for an append or the poll timer. Only
 * as correct as readAll: it must never return a position while a lower one can still
 * commit (each adapter guarantees that). Errors from readAll end the iteration; the
 * consumer (a projection runner) restarts from its checkpoint.
 */
export async function* followLog(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  changes: AppendSignal,
  after: bigint,
  signal: AbortSignal,
  options: FollowOptions,
): AsyncGenerator<RecordedEvent> {
  let cursor = after;
  while (!signal.aborted) {
    const seen = changes.current;
    const page = await readAll({ after: cursor, limit: options.pageSize });
    for (const event of page) {
      if (signal.aborted) return;
      yield event;
      cursor = event.position;
    }
    if (page.length < options.pageSize) await changes.wait(seen, signal, options.pollMs);
  }
}
