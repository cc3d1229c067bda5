import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlOperation } from '../logging/graphql-operation.js';
import { graphqlRequestDuration } from './metrics.js';

/** Operation names are chosen by clients: past this many distinct ones, new names count as "other". */
const MAX_OPERATION_NAMES = 200;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

const known = new Set<string>();

/** The labels of a request: its operation (bounded in number) and type. */
export function operationLabels(req: IncomingMessage): { operation: string; type: string } {
  const operation = graphqlOperation(req);
  if (!operation) return { operation: '(none)', type: 'unknown' };
  return {
    operation: operation.name === null ? '(anonymous)' : bounded(operation.name),
    type: operation.type,
  };
}

function bounded(name: string): string {
  if (!NAME.test(name)) return '(invalid)';
  if (known.has(name)) return name;
  if (known.size >= MAX_OPERATION_NAMES) return 'other';
  known.add(name);
  return name;
}

/**
 * Times every HTTP request to /graphql (subscriptions over WebSocket are not requests) and
 * records it under its operation once the response is finished, when the body is parsed.
 */
export function graphqlMetricsMiddleware(path = '/graphql') {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '';
    if (url !== path && !url.startsWith(`${path}?`)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      graphqlRequestDuration.observe({ ...operationLabels(req), status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
