import { mkdirSync } from 'node:fs';
import { Projector } from '#projections';
import { pino } from 'pino';
import { describeStore, loadStorageConfig, StorageConfigError, StorageConnector } from '#storage';
import { loadReminderConfig, ReminderConfigError, startQueueReminders } from '#reminders';

/**
 * `npm run start:worker`: the projector plus the BullMQ reminder sweep and delivery, for
 * server deployments (run any number of these next to `npm run start:api`). Needs
 * REDIS_URL; the store and read model are those of the API (EVENT_STORE, READ_MODEL,
 * DATABASE_URL, DATABASE_SCHEMA, KURRENTDB_URL, DATA_DIR), waited for with backoff while down.
 * SIGTERM/SIGINT: stop taking jobs, let active deliveries finish, stop the projector, exit.
 */
async function main(): Promise<void> {
  const logger = pino({ name: 'chessboard-worker', level: process.env.LOG_LEVEL ?? 'info' });
  const config = loadReminderConfig();
  const storage = loadStorageConfig();
  if (!config.redisUrl) {
    logger.error(
      {},
      'REDIS_URL is not set: the worker needs Redis (without it, `npm start` reminds in-process)',
    );
    process.exitCode = 1;
    return;
  }
  if (storage.eventStore.kind === 'sqlite' || storage.readModel.kind === 'sqlite') {
    mkdirSync(storage.dataDir, { recursive: true });
  }
  const connector = new StorageConnector(storage, logger).start();
  await connector.whenConnected();
  const { store, readModel } = connector;
  if (!store || !readModel) throw new Error('storage closed while connecting');
  const projector = new Projector(store, readModel, { name: 'main', logger });
  await projector.start();
  const reminders = await startQueueReminders({ store, readModel, logger, config });
  logger.info(
    { eventStore: describeStore(storage.eventStore), readModel: describeStore(storage.readModel) },
    'worker started',
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing active deliveries');
    // A delivery is bounded by REMINDER_DELIVERY_TIMEOUT; should anything else hang, still exit.
    setTimeout(() => {
      logger.error({}, 'worker did not stop in time; exiting');
      process.exit(1);
    }, config.deliveryTimeoutMs + 15_000).unref();
    const done = async (): Promise<void> => {
      await reminders.stop();
      await projector.stop();
      await connector.close();
    };
    done().then(
      () => {
        logger.info({}, 'worker stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'worker stopped with an error',
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A bad variable is one line that starts with its name, as for the API.
  const invalid = error instanceof StorageConfigError || error instanceof ReminderConfigError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(invalid ? `chessboard-worker: invalid configuration: ${message}` : message);
  process.exit(1);
});
