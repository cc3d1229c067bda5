import { DomainError } from '#domain';
import { isStoreOutage } from '#event-store';
import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type GraphQLFormattedError,
  type Source,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { currentRequestId } from '../logging/request-id.js';
import { describeLimitRefusal } from './query-limits.js';

/** The contract's error codes (schema.graphql, "Errors"). */
const CONTRACT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'SERVICE_UNAVAILABLE',
]);

/** Apollo's codes for requests that never reached a resolver: the client sent something invalid. */
const CLIENT_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const logger = new Logger('GraphQLError');

/** Extensions a deliberate error may carry besides its code (CONFLICT, BAD_USER_INPUT, rate limits). */
const KEPT_EXTENSIONS = ['actualRevision', 'field', 'retryAfter', 'reason'] as const;

/** Longer messages are cut: graphql-js quotes rejected variable values in full. */
const MAX_MESSAGE_LENGTH = 500;

const UNAVAILABLE_MESSAGE = 'a backing store is unavailable; nothing was written, try again shortly';

/**
 * The one place errors become contract codes. Domain errors keep their message
 * and code; invalid requests become BAD_USER_INPUT; anything else is logged and reported
 * as a generic INTERNAL_SERVER_ERROR, so no stack trace, SQL or path ever leaves the server.
 * Every error carries extensions.requestId, the id its log lines (and the events the request
 * wrote, as correlationId) carry too.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const requestId = currentRequestId() ?? randomUUID();
  const shaped = shape(formatted, error, requestId);
  const message =
    shaped.message.length > MAX_MESSAGE_LENGTH
      ? `${shaped.message.slice(0, MAX_MESSAGE_LENGTH)}…`
      : shaped.message;
  return { ...shaped, message, extensions: { ...shaped.extensions, requestId } };
}

function shape(formatted: GraphQLFormattedError, error: unknown, requestId: string): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  // Whatever reaches the API untranslated (the read model's, a connection refused) counts
  // too; a domain or GraphQL error is never an outage, whatever user text its message quotes.
  const untranslatedOutage =
    !isDomainError(original) && !(original instanceof GraphQLError) && isStoreOutage(original);
  if (untranslatedOutage || (isDomainError(original) && original.code === 'SERVICE_UNAVAILABLE')) {
    // The store's own words name files, hosts or SQLSTATEs: they stay in the log.
    logger.warn(`[${requestId}] store unavailable: ${(original as Error).message}`);
    return { ...base, message: UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }

  if (isDomainError(original)) {
    const fieldExtension =
      'field' in original && typeof original.field === 'string' ? { field: original.field } : {};
    return {
      ...base,
      message: original.message,
      extensions: { ...original.extensions, ...fieldExtension, code: original.code },
    };
  }

  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const resolverThrew =
    error instanceof GraphQLError && error.originalError && !(original instanceof GraphQLError);
  if (code && !resolverThrew && (CONTRACT_CODES.has(code) || CLIENT_REQUEST_CODES.has(code))) {
    const contractCode = CONTRACT_CODES.has(code) ? code : 'BAD_USER_INPUT';
    const kept: Record<string, unknown> = {};
    for (const key of KEPT_EXTENSIONS) {
      if (formatted.extensions?.[key] !== undefined) kept[key] = formatted.extensions[key];
    }
    return {
      ...base,
      message: describeLimitRefusal(withArgumentPath(formatted.message, error)),
      extensions: { ...kept, code: contractCode },
    };
  }

  logger.error(
    `[${requestId}] ${describe(original)}`,
    original instanceof Error ? original.stack : undefined,
  );
  return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError || isDomainErrorLike(value);
}

/** A DomainError from a second copy of the domain module (e.g. a test's module registry). */
function isDomainErrorLike(value: unknown): value is DomainError {
  if (!(value instanceof Error) || !('code' in value)) return false;
  return typeof value.code === 'string' && CONTRACT_CODES.has(value.code);
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : `non-error thrown: ${String(value)}`;
}

/**
 * graphql-js reports a bad literal ("Expected value of type DateTime!, found ...") without
 * saying which argument or input field held it. Prefix the message with that path, e.g.
 * `input.deadline: ...`, found by locating the offending node in the request document.
 */
function withArgumentPath(message: string, error: unknown): string {
  if (!(error instanceof GraphQLError) || !error.source || !error.nodes?.length) return message;
  const target = error.nodes[0].loc;
  if (!target) return message;
  const path = pathToOffset(error.source, target.start, target.end);
  return path && !message.startsWith(`${path}:`) ? `${path}: ${message}` : message;
}

function pathToOffset(source: Source, start: number, end: number): string | null {
  let found: string | null = null;
  try {
    visit(parse(source), {
      enter(node, _key, parent, _path, ancestors) {
        if (found !== null || node.loc?.start !== start || node.loc.end !== end) return undefined;
        // `ancestors` stops short of `parent`; arrays in between are AST lists, not nodes.
        const chain = [...ancestors, parent, node].filter((a): a is ASTNode => !!a && !Array.isArray(a));
        found = describeChain(chain);
        return undefined;
      },
    });
  } catch {
    return null;
  }
  return found;
}

function describeChain(chain: readonly ASTNode[]): string | null {
  const parts: string[] = [];
  for (let i = 0; i < chain.length; i++) {
    const node = chain[i];
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) parts.push(node.name.value);
    if (node.kind === Kind.LIST) {
      const child = chain[i + 1];
      const index = child ? node.values.indexOf(child as (typeof node.values)[number]) : -1;
      if (index >= 0) parts.push(`[${index}]`);
    }
  }
  return parts.length ? parts.join('.').replace(/\.\[/g, '[') : null;
}
