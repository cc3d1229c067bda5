import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request id: one per HTTP request (or WebSocket operation), on every log line it causes,
 * in every GraphQL error it answers with (extensions.requestId) and stored as the
 * correlationId of every event it writes. The client may choose it with `x-request-id`;
 * the response always echoes the one in use.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a client may send: short, printable, no spaces (it ends up in logs and events). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's x-request-id when it is sane, otherwise a fresh UUID. */
export function requestIdFrom(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

interface RequestScope {
  readonly requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * The id of the request the caller is running for, or undefined outside of one (startup,
 * the projector, timers). Synchronous and cheap: error formatters and the logger call it.
 */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** Runs fn (and everything it awaits or schedules) as part of the request with this id. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/** The id the request-id middleware settled on for this request (also in the header). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const id = (req as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Express/Nest middleware: settles the id (the client's, or a new one), writes it back into
 * the request header so everything downstream that reads x-request-id (the GraphQL context's
 * correlationId) sees the same value, echoes it in the response, and runs the rest of the
 * request inside its scope.
 */
export function requestIdMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const existing = requestIdOf(req);
  const requestId = existing ?? requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  (req as IncomingMessage & { id?: string }).id = requestId;
  req.headers[REQUEST_ID_HEADER] = requestId;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, requestId);
  runWithRequestId(requestId, () => next());
}
