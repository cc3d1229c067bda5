/**
 * `chessboard import plan.xlsx [--dry-run] [--partial] [--create-missing]`: a plan (任务清单)
 * from a spreadsheet into the configured event store; `--template out.xlsx` writes the form.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { SqliteEventStore, type EventStore } from '#event-store';
import { foldStore } from '#projections';
import { describeStore, loadStorageConfig, openEventStore, type StorageConfig } from '#storage';
import { subcommand } from '../shared/cli.js';
import { checkTimeZone, DEFAULT_TIME_ZONE, UsageError } from '../shared/instants.js';
import { directoriesOf } from './directory.js';
import { importPlan, PLAN_IMPORTER, type ImportSummary } from './import-plan.js';
import { rowProgress } from './progress.js';
import { PlanFileError, readPlanFile, type PlanSheet } from './read-sheet.js';
import { DEMO_LISTS, writeTemplate } from './template.js';

interface Options {
  template?: string;
  dryRun?: boolean;
  partial?: boolean;
  createMissing?: boolean;
  sheet?: string;
  timezone: string;
  actor: string;
  actorName?: string;
  maxProblems: string;
}

export const importCommand = (): Command =>
  subcommand(
    new Command('import')
      .description('Import a plan (任务清单) from .xlsx or .csv: one task per row')
      .argument('[file]', 'the plan: .xlsx, or .csv in UTF-8 (with or without BOM) or GB18030')
      .option(
        '--template <out.xlsx>',
        'write an empty template with a sample row and drop-down lists, then exit',
      )
      .option('--dry-run', 'check every row and report; write nothing')
      .option('--partial', 'write the valid rows even when others have problems')
      .option('--create-missing', 'register units and programmes the sheet names but the store does not know')
      .option('--sheet <name>', 'the worksheet to read (default: 任务清单, else the first with a header row)')
      .option('--timezone <zone>', 'the zone of dates without a time', DEFAULT_TIME_ZONE)
      .option('--actor <id>', 'who the import acts as (recorded on every event)', PLAN_IMPORTER.id)
      .option('--actor-name <name>', 'their display name')
      .option('--max-problems <n>', 'print at most this many problems (all are counted)', '200'),
    'import',
    importFile,
  );

async function importFile(command: Command): Promise<number> {
  const options = command.opts<Options>();
  const [file] = command.args;
  const timeZone = checkTimeZone(options.timezone);
  const config = loadStorageConfig();

  if (options.template) {
    const lists = await templateLists(config);
    await writeTemplate(options.template, lists.lists);
    console.log(`template: wrote ${options.template} (drop-downs: ${lists.source})`);
    return 0;
  }
  if (!file) throw new UsageError('give the plan file (npm run import -- plan.xlsx), or --template out.xlsx');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);

  let sheet: PlanSheet;
  try {
    sheet = await readPlanFile(file, { sheet: options.sheet });
  } catch (error) {
    if (error instanceof PlanFileError) {
      console.error(`import: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // One fsync per row would make 10,000 rows take a minute; every row is idempotent, so a
  // power cut mid-import costs a re-run, never a wrong log (docs/operations.md).
  const store =
    config.eventStore.kind === 'sqlite'
      ? SqliteEventStore.open(config.eventStore.path, { synchronous: 'NORMAL' })
      : await openEventStore(config.eventStore);
  const progress = rowProgress('import');
  try {
    const started = performance.now();
    const summary = await importPlan(store, sheet, {
      timeZone,
      dryRun: options.dryRun,
      partial: options.partial,
      createMissing: options.createMissing,
      actor: {
        id: options.actor,
        name: options.actorName ?? (options.actor === PLAN_IMPORTER.id ? PLAN_IMPORTER.name : options.actor),
        role: 'office',
      },
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    return report(
      file,
      sheet,
      summary,
      options,
      describeStore(config.eventStore),
      performance.now() - started,
    );
  } finally {
    progress.stop();
    await store.close();
  }
}

function report(
  file: string,
  sheet: PlanSheet,
  summary: ImportSummary,
  options: Options,
  where: string,
  totalMs: number,
): number {
  const { check } = summary;
  const source = sheet.format === 'csv' ? `CSV, ${sheet.encoding}` : `sheet ${sheet.sheetName}`;
  console.log(`${file} (${source}): ${check.rows} rows, header on row ${sheet.headerRow}`);
  if (sheet.ignored.length > 0) console.log(`ignored columns: ${sheet.ignored.join(', ')}`);
  const max = Math.max(0, Number(options.maxProblems) || 0);
  if (check.problems.length > 0) {
    console.log(
      `${check.invalidRows.length} of ${check.rows} rows have problems (${check.problems.length} in all):`,
    );
    for (const problem of check.problems.slice(0, max)) console.log(`  ${problem.text}`);
    if (check.problems.length > max) console.log(`  … and ${check.problems.length - max} more`);
  }
  const toCreate = check.toCreate.map(
    (e) => `${e.kind === 'unit' ? '责任单位' : '项目'} ${e.name} (${e.id})`,
  );
  if (options.dryRun) {
    console.log(`dry run: ${check.tasks.length} valid rows; nothing written`);
    if (toCreate.length > 0) console.log(`would register: ${toCreate.join(', ')}`);
    return check.problems.length > 0 ? 1 : 0;
  }
  if (!summary.wrote) {
    if (check.problems.length > 0) {
      console.log(
        `nothing written: fix the rows above, or --partial to write the ${check.tasks.length} valid ones`,
      );
      return 1;
    }
    console.log('nothing to import');
    return 0;
  }
  for (const line of summary.drifted) console.log(`note: ${line}`);
  if (summary.created.length > 0) {
    console.log(
      `registered ${summary.created.map((e) => `${e.kind === 'unit' ? '责任单位' : '项目'} ${e.name} (${e.id})`).join(', ')}`,
    );
  }
  const seconds = summary.writeMs / 1000;
  const rate = seconds > 0 ? Math.round((summary.tasksCreated + summary.alreadyImported) / seconds) : 0;
  console.log(
    `created ${summary.tasksCreated} tasks (${summary.eventsWritten} events), ${summary.alreadyImported} already imported; ` +
      `written in ${seconds.toFixed(1)} s (${rate} rows/s), ${(totalMs / 1000).toFixed(1)} s in all, to ${where}; correlationId ${summary.correlationId}`,
  );
  if (check.problems.length > 0)
    console.log(`skipped ${check.invalidRows.length} rows with problems (--partial)`);
  return 0;
}

/** Drop-down lists from the configured store when it has units and programmes, else the 2023 report's. */
async function templateLists(config: StorageConfig) {
  if (config.eventStore.kind === 'sqlite' && !existsSync(config.eventStore.path)) {
    return { lists: DEMO_LISTS, source: 'the 2023 report (no event store yet)' };
  }
  let store: EventStore | null = null;
  try {
    store = await openEventStore(config.eventStore);
    const { units, programmes } = directoriesOf(await foldStore(store, null, { tasks: false }));
    if (units.entries.length === 0 && programmes.entries.length === 0) {
      return { lists: DEMO_LISTS, source: 'the 2023 report (the store has no units yet)' };
    }
    return {
      lists: { units: units.entries.map((e) => e.name), programmes: programmes.entries.map((e) => e.name) },
      source: `${units.entries.length} units and ${programmes.entries.length} programmes of ${describeStore(config.eventStore)}`,
    };
  } finally {
    await store?.close();
  }
}
