import type { Logger } from '#domain';
import { Logger as NestLogger } from '@nestjs/common';

/**
 * Nest's logger behind the logging port, so what the libs log inside the API comes out in the
 * API's one format (pino through PinoNestLogger): the message, then its details as JSON if any.
 */
export function nestLogPort(context: string): Logger {
  const logger = new NestLogger(context);
  const line = (details: object, message: string): string =>
    Object.keys(details).length > 0 ? `${message} ${JSON.stringify(details)}` : message;
  return {
    info: (details, message) => logger.log(line(details, message)),
    warn: (details, message) => logger.warn(line(details, message)),
    error: (details, message) => logger.error(line(details, message)),
  };
}
