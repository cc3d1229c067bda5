import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { graphqlOperation } from './graphql-operation.js';
import { requestIdOf } from './request-id.js';

/**
 * One access-log line per HTTP request (pino-http), after the response: method, path,
 * status, time and the GraphQL operation. Never the headers: they hold bearer tokens.
 * Runs after the request-id middleware and uses the id it settled on.
 */
export function httpLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req) => requestIdOf(req) ?? 'unknown',
    // requestId comes from the root logger's mixin (the line is written in the request's scope).
    customAttributeKeys: { responseTime: 'durationMs' },
    serializers: {
      req: (req: IncomingMessage & { raw?: IncomingMessage }) => ({
        method: req.method,
        url: req.url,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    customProps: (req) => {
      const operation = graphqlOperation(req);
      return operation
        ? { operationName: operation.name ?? '(anonymous)', operationType: operation.type }
        : {};
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Probes and scrapes every few seconds would drown the log.
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
  });
}
