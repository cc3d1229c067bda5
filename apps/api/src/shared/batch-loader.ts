import DataLoader from 'dataloader';

/**
 * Gathers the keys asked for while GraphQL resolves one level of a response (every task's
 * `unit` in a page of 50, say) and loads them with one call: DataLoader, with each key once
 * per batch and nothing cached past a batch, so a long-lived context (a subscription) never
 * answers from stale rows. DataLoader sends the batch once the promise jobs running now have
 * settled, so every resolver of that level has queued its key and a page costs one query per
 * loader instead of one per task.
 */
export class BatchLoader<K, V> {
  readonly #loader: DataLoader<K, V | undefined>;

  constructor(loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>) {
    this.#loader = new DataLoader<K, V | undefined>(async (keys) => {
      this.#loader.clearAll(); // the next load starts a new batch and reads again
      const found = await loadMany(keys);
      return keys.map((key) => found.get(key));
    });
  }

  /** The value for `key`, or undefined when the load did not return one. */
  load(key: K): Promise<V | undefined> {
    return this.#loader.load(key);
  }
}

/**
 * One set of loaders per GraphQL context (per HTTP request or subscription), created on
 * first use: `perContext(context, () => new BatchLoader(...))`.
 */
export function perContext<T>(cache: WeakMap<object, T>, context: object, create: () => T): T {
  let value = cache.get(context);
  if (value === undefined) {
    value = create();
    cache.set(context, value);
  }
  return value;
}
