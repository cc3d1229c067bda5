import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const STACK = /\n\s+at /;

/** Nest's levels as pino's, from the most verbose to the least. */
const PINO_LEVEL = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
} as const satisfies Record<LogLevel, Level>;

/**
 * Nest's LoggerService on top of pino (in place of nestjs-pino, which declares Node ≥ 22):
 * `new Logger('Projector').log('caught up')` becomes
 * `{"level":"info","context":"Projector","msg":"caught up",...}`.
 *
 * Nest passes the context as the last string argument, and an error's stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  readonly log = this.writer('log');
  readonly error = this.writer('error');
  readonly warn = this.writer('warn');
  readonly debug = this.writer('debug');
  readonly verbose = this.writer('verbose');
  readonly fatal = this.writer('fatal');

  /** Nest's setLogLevels (e.g. `logger: ['error']`): the most verbose level given wins. */
  setLogLevels(levels: LogLevel[]): void {
    this.pino.level = pinoLevelFor(levels);
  }

  private writer(level: LogLevel): (message: unknown, ...params: unknown[]) => void {
    return (message, ...params) => this.write(PINO_LEVEL[level], message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const details: unknown[] = [];
    for (const param of rest) {
      if (typeof param === 'string' && STACK.test(param)) fields.stack = param;
      else if (param instanceof Error) fields.err = param;
      else if (param !== undefined) details.push(param);
    }
    if (details.length > 0) fields.details = details;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

/** Nest's level list (['log', 'warn', 'error']) as one pino threshold; [] or false: silent. */
export function pinoLevelFor(levels: readonly LogLevel[] | false): Level | 'silent' {
  if (levels === false || levels.length === 0) return 'silent';
  const mostVerbose = (Object.keys(PINO_LEVEL) as LogLevel[]).find((nest) => levels.includes(nest));
  return mostVerbose ? PINO_LEVEL[mostVerbose] : 'info';
}
