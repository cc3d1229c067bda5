/** One caller's request in a batch, and how to answer it. */
export interface Queued<Request, Result> {
  readonly request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** Commits a batch in one transaction; must settle every item (a throw rejects those it left). */
export type CommitBatch<Request, Result> = (batch: Queued<Request, Result>[]) => void | Promise<void>;

/**
 * Group commit: requests that arrive while a commit is being prepared or is in progress
 * share the next one, so N concurrent writers pay one commit (one fsync) instead of N.
 *
 * There is no timer: the first request schedules a flush for the next macrotask
 * (setImmediate), which lets every caller that is ready in this turn of the event loop
 * join; a single writer only pays that hop. Batches run one at a time, in arrival order,
 * so the order of commit is the order of the calls.
 */
export class GroupCommit<Request, Result> {
  readonly #commit: CommitBatch<Request, Result>;
  readonly #maxBatch: number;
  #queue: Queued<Request, Result>[] = [];
  #scheduled = false;
  #running: Promise<void> | undefined;

  constructor(commit: CommitBatch<Request, Result>, options: { maxBatch?: number } = {}) {
    this.#commit = commit;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#schedule();
    });
  }

  /** Commits everything queued so far (and waits for a batch in progress); for close(). */
  async drain(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      if (this.#running) await this.#running;
      else await this.#flush();
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  #flush(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return this.#running ?? Promise.resolve();
    const batch = this.#queue.splice(0, this.#maxBatch);
    const running = this.#run(batch).finally(() => {
      this.#running = undefined;
      if (this.#queue.length > 0) this.#schedule();
    });
    this.#running = running;
    return running;
  }

  async #run(batch: Queued<Request, Result>[]): Promise<void> {
    const settled = new Set<Queued<Request, Result>>();
    const tracked = batch.map((item): Queued<Request, Result> => ({
      request: item.request,
      resolve: (result) => {
        if (settled.has(item)) return;
        settled.add(item);
        item.resolve(result);
      },
      reject: (error) => {
        if (settled.has(item)) return;
        settled.add(item);
        item.reject(error);
      },
    }));
    try {
      await this.#commit(tracked);
    } catch (error) {
      for (const item of tracked) item.reject(error);
    }
  }
}
