/** `chessboard demo`: load the 2023-report demo plan into the SQLite event store in DATA_DIR. */
import { SqliteEventStore } from '#event-store';
import { loadStorageConfig, StorageConfigError } from '#storage';
import { Command } from 'commander';
import { join } from 'node:path';
import { loadDemo } from './demo.js';

/** Not run by runMain: a failure prints the bare message (a configuration problem) or `demo failed: …`, exit 1. */
export const demoCommand = (): Command =>
  new Command('demo')
    .description('Load the demo plan (the 2023 report) into the embedded event store')
    .exitOverride()
    .action(() =>
      demo().catch((error: unknown) => {
        console.error(error instanceof StorageConfigError ? error.message : `demo failed: ${String(error)}`);
        process.exit(1);
      }),
    );

async function demo(): Promise<void> {
  const eventsDbPath = join(loadStorageConfig().dataDir, 'events.db');
  const store = SqliteEventStore.open(eventsDbPath);
  try {
    const summary = await loadDemo(store);
    console.log(
      summary.eventsWritten === 0
        ? `demo: already loaded into ${eventsDbPath}; nothing new written`
        : `demo: ${summary.units} units, ${summary.programs} programmes, ${summary.tasks} tasks — ` +
            `${summary.eventsWritten} events written to ${eventsDbPath}`,
    );
    console.log('demo: the board fills in as soon as the server (npm start) projects them');
  } finally {
    await store.close();
  }
}
