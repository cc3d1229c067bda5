/**
 * The CLI opens the same storage as the API: `loadConfig()` reads EVENT_STORE, READ_MODEL,
 * DATA_DIR, DATABASE_URL, DATABASE_SCHEMA and KURRENTDB_URL (see the API README). The API's
 * own factory is private to its Nest module, so this is the same switch, for scripts.
 */
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import type { EventStoreConfig, ReadModelConfig } from '../../../api/src/config/app-config.js';

export { ConfigError, loadConfig, type AppConfig } from '../../../api/src/config/app-config.js';

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

/** Where a store or read model lives, for log lines (never the connection string: it may hold a password). */
export function describeStorage(config: EventStoreConfig | ReadModelConfig): string {
  switch (config.kind) {
    case 'sqlite':
      return `SQLite ${config.path}`;
    case 'postgres':
      return `PostgreSQL schema ${config.schema}`;
    case 'kurrentdb':
      return 'KurrentDB';
  }
}
