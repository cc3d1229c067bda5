import { randomUUID } from 'node:crypto';
import type { Actor } from '#domain';

/** What every resolver gets from GraphQL's context: the verified caller and the request's correlation id. */
export interface RequestContext {
  readonly actor: Actor;
  /** x-request-id when the client sent a sane one, otherwise a fresh UUID; stored with every event. */
  readonly correlationId: string;
  /**
   * ISO-8601 instant taken once when the request starts: every write's occurredAt and every
   * "as of now" answer (overdue, remaining days, the board) of one request agree on it.
   */
  readonly now: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFrom(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : randomUUID();
}
