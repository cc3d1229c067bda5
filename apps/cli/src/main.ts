#!/usr/bin/env node
/**
 * `chessboard <command>`: every command-line tool in one program. The npm scripts
 * (`npm run import -- …`, `npm run audit:export -- …`) call it with the same arguments.
 */
import { Command } from 'commander';
import { parseProgram } from './shared/cli.js';

/**
 * Each command's module is loaded only when it runs (or for --help): the spreadsheet and
 * report code would otherwise slow every start, `backup` and `token` included.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./plan/import.command.js')).importCommand(),
  export: async () => (await import('./plan/export.command.js')).exportCommand(),
  report: async () => (await import('./report/report.command.js')).reportCommand(),
  replay: async () => (await import('./replay.command.js')).replayCommand(),
  audit: async () =>
    new Command('audit')
      .description('Verifiable audit bundles of the event log')
      .exitOverride()
      .addCommand((await import('./audit/export.command.js')).auditExportCommand())
      .addCommand((await import('./audit/verify.command.js')).auditVerifyCommand()),
  backup: async () => (await import('./backup.command.js')).backupCommand(),
  demo: async () => (await import('./demo.command.js')).demoCommand(),
  token: async () => (await import('./token.command.js')).tokenCommand(),
};

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('chessboard').description(
    'Chessboard on the command line: plans, reports, audit bundles, backups and tokens.',
  );
  const named = argv[2];
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) program.addCommand(await COMMANDS[name]());
  await parseProgram(program, argv);
}

// Not a top-level await: the tests run this file as CommonJS.
main(process.argv).catch((error: unknown) => {
  console.error(`chessboard failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
