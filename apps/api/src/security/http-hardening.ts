import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestId } from '../logging/request-id.js';
import type { HttpLimits } from './security-config.js';

type Next = (error?: unknown) => void;
type BodyRequest = IncomingMessage & { body?: unknown };

/**
 * HTTP-level limits, before GraphQL sees the request (and before the token is checked):
 * a JSON body of at most HTTP_BODY_LIMIT bytes (larger ones are refused with 413 as soon as
 * Content-Length says so, or once that many bytes have arrived), one operation per request
 * (a JSON array is a batch: 400), and GraphQL-shaped errors with the request id for both.
 * Call it after the request-id middleware and before the app listens: Nest then skips its
 * own default JSON parser.
 */
export function hardenHttp(app: INestApplication, limits: HttpLimits): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(noSniff);
  express.useBodyParser('json', { limit: limits.bodyLimitBytes });
  express.use('/graphql', bodyErrors(limits));
  express.use('/graphql', refuseBatches);
}

function noSniff(_req: IncomingMessage, res: ServerResponse, next: Next): void {
  res.setHeader('x-content-type-options', 'nosniff');
  next();
}

/** body-parser's failures (`err.type`), answered like any other refused GraphQL request. */
function bodyErrors(limits: HttpLimits) {
  return (error: unknown, _req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    if (typeof type !== 'string') return next(error);
    if (type === 'entity.too.large') {
      return refuse(res, 413, `request body is larger than the limit of ${limits.bodyLimitBytes} bytes`);
    }
    if (type === 'entity.parse.failed') return refuse(res, 400, 'request body is not valid JSON');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return refuse(res, 415, 'request body must be JSON in UTF-8');
    }
    return refuse(res, 400, 'request body could not be read');
  };
}

function refuseBatches(req: BodyRequest, res: ServerResponse, next: Next): void {
  if (req.method === 'POST' && Array.isArray(req.body)) {
    return refuse(res, 400, 'batched operations are not accepted: send one operation per request');
  }
  next();
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({
    errors: [
      { message, extensions: { code: 'BAD_USER_INPUT', requestId: currentRequestId() ?? randomUUID() } },
    ],
  });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  // The rest of an oversized body is not worth reading: close once this answer is out.
  if (status === 413) res.setHeader('connection', 'close');
  res.end(body);
}
