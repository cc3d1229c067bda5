import { loadReminderConfig, ReminderConfigError, type ReminderConfig } from '#reminders';
import { shutdownConfigFromEnv, type ShutdownConfig } from '../lifecycle/graceful-shutdown.js';
import { logLevelFromEnv } from '../logging/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './app-config.js';

export interface StartupConfig {
  readonly config: AppConfig;
  /** Null for `--api-only`: the workers remind. */
  readonly reminders: ReminderConfig | null;
  readonly logLevel: ReturnType<typeof logLevelFromEnv>;
  readonly shutdown: ShutdownConfig;
}

export interface ConfigOrExitOptions {
  readonly apiOnly: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the one line goes (default stderr) and how the process ends (default process.exit): tests pass their own. */
  readonly printError?: (line: string) => void;
  readonly exit?: (code: number) => never;
}

/**
 * Every variable the server reads is checked before anything starts. A wrong or missing
 * value ends the process with exit code 1 and ONE line on stderr that starts with the
 * variable's name (a secret's value is never repeated), e.g.
 * `chessboard: invalid configuration: DATABASE_URL: is required when EVENT_STORE=postgres`.
 */
export function configOrExit(options: ConfigOrExitOptions): StartupConfig {
  const env = options.env ?? process.env;
  try {
    return {
      config: loadConfig(env),
      reminders: options.apiOnly ? null : loadReminderConfig(env),
      logLevel: logLevelFromEnv(env),
      shutdown: shutdownConfigFromEnv(env),
    };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof ReminderConfigError)) throw error;
    const line = `chessboard: invalid configuration: ${error.message.replace(/\s*\n\s*/g, ' ')}`;
    (options.printError ?? ((text: string) => console.error(text)))(line);
    return (options.exit ?? ((code: number) => process.exit(code)))(1);
  }
}
