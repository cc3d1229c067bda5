/**
 * The one logging port every layer takes. Details first, message second: pino's order, so a
 * pino logger is one as it is, and the Nest and console adapters are a line each.
 */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
