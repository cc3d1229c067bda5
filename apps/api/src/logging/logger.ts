import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { ConfigError } from '../config/app-config.js';
import { currentRequestId } from './request-id.js';

export type LogLevelName = Level | 'silent';

const LEVELS: readonly LogLevelName[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevelName {
  const value = env.LOG_LEVEL?.trim().toLowerCase();
  if (!value) return 'info';
  if (!(LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(
      `LOG_LEVEL: must be one of ${LEVELS.join(', ')} (got ${JSON.stringify(env.LOG_LEVEL)})`,
    );
  }
  return value as LogLevelName;
}

export interface RootLoggerOptions {
  readonly level: LogLevelName;
  /** Where JSON lines go; default stdout. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
  /** The `name` on every line, e.g. chessboard-api. */
  readonly name?: string;
}

/**
 * One JSON line per entry (pino). Every line written while a request is being served
 * carries its `requestId`, found through AsyncLocalStorage, so no caller has to pass it.
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  return pino(
    {
      name: options.name ?? 'chessboard-api',
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Labels, not numbers: `"level":"warn"` is what people grep for.
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
