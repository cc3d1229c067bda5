import type { EventStore, ReadAllOptions } from '#event-store';

/**
 * The store, except that `readAll` fails with "disk I/O error" whenever `fails(call)` says so
 * (calls counted from 1): a log that breaks part-way through a catch-up, rebuild or replay.
 */
export function failingReads(store: EventStore, fails: (call: number) => boolean): EventStore {
  let calls = 0;
  return {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readIdempotent: (...args) => store.readIdempotent(...args),
    follow: (...args) => store.follow(...args),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
    readAll: (options?: ReadAllOptions) =>
      fails(++calls) ? Promise.reject(new Error('disk I/O error')) : store.readAll(options),
  };
}
