/**
 * `chessboard replay`: rebuilds the configured read model (READ_MODEL=sqlite|postgres) from the
 * first event of the configured event store into fresh tables, then switches over
 * atomically; the API keeps answering from the old tables until then. A progress bar on a
 * terminal, plain log lines otherwise; ends with events/s.
 */
import { Command } from 'commander';
import { replayReadModel } from '#projections';
import { describeStore, loadStorageConfig } from '#storage';
import { subcommand } from './shared/cli.js';
import { createProgress } from './shared/progress.js';
import { withEventStore } from './shared/storage.js';

export const replayCommand = (): Command =>
  subcommand(
    new Command('replay')
      .description('Rebuild the read model from the event log into fresh tables and switch atomically.')
      .option('--batch-size <n>', 'events per read of the log', '2000')
      .option('--no-progress', 'no progress bar or progress lines'),
    'replay',
    replay,
  );

async function replay(command: Command): Promise<number | void> {
  const args = command.opts<{ batchSize: string; progress: boolean }>();
  const batchSize = Number(args.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    console.error('replay: --batch-size must be an integer from 1 to 100000');
    return 2;
  }

  const config = loadStorageConfig();
  await withEventStore(async (store, where) => {
    const head = await store.headPosition();
    console.log(
      `replay: ${head} events from ${where} into fresh tables of ` +
        `${describeStore(config.readModel)}; queries keep using the current tables until the switch`,
    );
    const progress = args.progress ? createProgress({ label: 'replay', total: Number(head) }) : null;
    const result = await replayReadModel(store, config.readModel, {
      batchSize,
      progressEvery: 1000,
      onProgress: ({ events }) => progress?.update(events),
      logger: {
        info: (_details, message) => console.log(`replay: ${message}`),
        error: (details, message) => console.error(`replay: ${message}`, details),
      },
    });
    progress?.stop();
    console.log(
      `replay: ${result.events} events in ${(result.projectMs / 1000).toFixed(1)}s ` +
        `(${result.eventsPerSecond} events/s); switched in ${Math.round(result.switchMs)} ms; ` +
        `read model at position ${result.position}`,
    );
  }, config);
}
