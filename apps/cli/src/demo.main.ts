/** `npm run demo`: load the 2023-report demo plan into the configured store. */
import { SqliteEventStore } from '#event-store';
import { ConfigError, loadConfig } from '../../api/src/config/app-config.js';
import { loadDemo } from './demo.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = SqliteEventStore.open(config.eventsDbPath);
  try {
    const summary = await loadDemo(store);
    console.log(
      summary.eventsWritten === 0
        ? `demo: already loaded into ${config.eventsDbPath}; nothing new written`
        : `demo: ${summary.units} units, ${summary.programs} programmes, ${summary.tasks} tasks — ` +
            `${summary.eventsWritten} events written to ${config.eventsDbPath}`,
    );
    console.log('demo: the board fills in as soon as the server (npm start) projects them');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `demo failed: ${String(error)}`);
  process.exit(1);
});
