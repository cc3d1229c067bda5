import type { EventStore } from '#event-store';
import { describeStore, loadStorageConfig, openEventStore, type StorageConfig } from '#storage';

/**
 * Opens the configured event store (EVENT_STORE, DATABASE_URL, … read by #storage: only the
 * storage variables, so a command never needs the API's settings), runs `work` and closes it.
 * `where` names the store for the command's summary line.
 */
export async function withEventStore<T>(
  work: (store: EventStore, where: string) => Promise<T>,
  config: StorageConfig = loadStorageConfig(),
): Promise<T> {
  const store = await openEventStore(config.eventStore);
  try {
    return await work(store, describeStore(config.eventStore));
  } finally {
    await store.close();
  }
}
