import { StorageConfigError } from '#storage';
import { CommanderError, type Command } from 'commander';
import { UsageError } from './instants.js';

/**
 * Runs a command's main: a usage or configuration problem prints one line and exits 2,
 * any other failure prints one line and exits 1. Stack traces only with DEBUG set.
 */
export function runMain(name: string, main: () => Promise<number | void>): Promise<void> {
  return main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof StorageConfigError) {
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

/**
 * A subcommand whose action is `main` run by runMain under `name` (the prefix of its
 * output lines). Bad usage exits 2 (commander has printed why), --help exits 0.
 */
export function subcommand(
  command: Command,
  name: string,
  main: (command: Command) => Promise<number | void>,
): Command {
  return command.exitOverride().action((...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    return runMain(name, () => main(self));
  });
}

/** Parses argv with commander; a CommanderError from a subcommand set up by `subcommand` exits 2 (0 for --help). */
export async function parseProgram(program: Command, argv: readonly string[] = process.argv): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
}
