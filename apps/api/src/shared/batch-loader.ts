/**
 * Gathers the keys asked for while GraphQL resolves one level of a response (every task's
 * `unit` in a page of 50, say) and loads them with one call, DataLoader-style. The batch
 * is sent on setImmediate, after the promise jobs of the resolvers that queued its keys,
 * so a page costs one query per loader instead of one per task. Nothing is cached past a
 * batch: a long-lived context (a subscription) never answers from stale rows.
 */
export class BatchLoader<K, V> {
  readonly #loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>;
  #batch: { readonly keys: Set<K>; readonly result: Promise<ReadonlyMap<K, V>> } | null = null;

  constructor(loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>) {
    this.#loadMany = loadMany;
  }

  /** The value for `key`, or undefined when the load did not return one. */
  async load(key: K): Promise<V | undefined> {
    const batch = this.#batch ?? this.#open();
    batch.keys.add(key);
    return (await batch.result).get(key);
  }

  #open() {
    const keys = new Set<K>();
    const result = new Promise<ReadonlyMap<K, V>>((resolve, reject) => {
      setImmediate(() => {
        this.#batch = null;
        this.#loadMany([...keys]).then(resolve, reject);
      });
    });
    this.#batch = { keys, result };
    return this.#batch;
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
