/** The contract's error codes (schema.graphql, `extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'SERVICE_UNAVAILABLE';

/** Base of every error the domain raises on purpose; `code` is stable and maps 1:1 to the contract. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly extensions: Readonly<Record<string, unknown>> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input failed validation; the message names the field and the rule. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(kind: 'task' | 'unit' | 'program', id: string) {
    super(`no such ${kind}: ${id}`);
  }
}

/** The task's state forbids the command; the message says which state and command. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION' as const;
  constructor(
    readonly status: string,
    readonly command: string,
    detail?: string,
  ) {
    super(`cannot ${command} a task that is ${status}${detail ? `: ${detail}` : ''}`);
  }
}

/** expectedRevision was given and the stream has moved on. */
export class ConcurrencyError extends DomainError {
  readonly code = 'CONFLICT' as const;
  override readonly extensions: Readonly<Record<string, unknown>>;
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(`${streamId} is at revision ${actualRevision}, not ${expectedRevision}; reload and retry`);
    this.extensions = { actualRevision };
  }
}

/** A backing store is down; nothing was written. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  constructor(message = 'a backing store is unavailable; nothing was written, try again shortly') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}
