import { SqliteEventStore } from '#event-store';
import { Projector } from '../projector/projector.js';
import { openReadModel } from '../read-model/read-model.js';

/**
 * A projector in its own process (started through test/support/run-ts.cjs): projects the store into the read
 * model until `position`, then prints how many events it applied itself. Prints `ready`
 * once it follows the log.
 * argv: storePath readModelPath position batchSize
 */
async function main(): Promise<void> {
  const [storePath, readModelPath, position, batchSize] = process.argv.slice(2);
  const store = SqliteEventStore.open(storePath!);
  const readModel = await openReadModel({ kind: 'sqlite', path: readModelPath! });
  const projector = new Projector(store, readModel, {
    batchSize: Number(batchSize),
    logger: { info: () => undefined, error: (details, message) => console.error(message, details) },
  });
  let applied = 0;
  projector.onApplied(() => (applied += 1));
  await projector.start();
  process.stdout.write('ready\n');
  const reached = await projector.waitForPosition(BigInt(position!), 30_000);
  await projector.stop();
  await readModel.close();
  await store.close();
  process.stdout.write(JSON.stringify({ reached, applied }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
