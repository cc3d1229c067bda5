/** `chessboard export --out board.xlsx [--as-of 2023-12-31]`: the board and the task list as a workbook. */
import { Command } from 'commander';
import { subcommand } from '../shared/cli.js';
import { checkTimeZone, DEFAULT_TIME_ZONE, parseBound } from '../shared/instants.js';
import { withEventStore } from '../shared/storage.js';
import { exportBoard } from './export-plan.js';

export const exportCommand = (): Command =>
  subcommand(
    new Command('export')
      .description('Write the board and the task list to an .xlsx workbook')
      .requiredOption('--out <file.xlsx>', 'where to write the workbook')
      .option(
        '--as-of <date>',
        'the board as it stood then: a date (its end, school time) or an instant with offset',
      )
      .option('--timezone <zone>', 'the zone of dates', DEFAULT_TIME_ZONE),
    'export',
    exportPlan,
  );

async function exportPlan(command: Command): Promise<void> {
  const options = command.opts<{ out: string; asOf?: string; timezone: string }>();
  const timeZone = checkTimeZone(options.timezone);
  const asOf = options.asOf ? parseBound('--as-of', options.asOf, 'end', timeZone) : undefined;
  await withEventStore(async (store, where) => {
    const started = performance.now();
    const summary = await exportBoard(store, options.out, { asOf, timeZone });
    console.log(
      `export: ${summary.tasks} tasks of ${summary.units} units and ${summary.programmes} programmes as of ${summary.asOf} ` +
        `from ${where} → ${options.out} (${Math.round(performance.now() - started)} ms)`,
    );
  });
}
