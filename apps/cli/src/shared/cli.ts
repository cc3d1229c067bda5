import { CommanderError, type Command } from 'commander';
import { ConfigError } from '../../../api/src/config/app-config.js';
import { UsageError } from './instants.js';

/**
 * Runs a command's main: a usage or configuration problem prints one line and exits 2,
 * any other failure prints one line and exits 1. Stack traces only with DEBUG set.
 */
export function runMain(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof ConfigError) {
        console.error(`${name}: ${error.message}`);
        process.exit(2);
      }
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${message}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}

/** Parses argv with commander; bad usage exits 2 (commander has printed why), --help exits 0. */
export function parseCommand(command: Command, argv: readonly string[] = process.argv): Command {
  command.exitOverride();
  try {
    return command.parse(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
}
