import type { IncomingMessage } from 'node:http';

const OPERATION = /^\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/;

export interface GraphQLOperation {
  /** operationName, else the first operation's name; null for anonymous ones. */
  readonly name: string | null;
  readonly type: 'query' | 'mutation' | 'subscription' | 'unknown';
}

/**
 * Which operation a GraphQL request asked for, without parsing the document: its
 * operationName, else the name of the first operation; `{ … }` is an anonymous query. A
 * document that starts with a fragment or a comment is `unknown`: good enough for logs and
 * metric labels.
 */
export function graphqlOperation(req: IncomingMessage): GraphQLOperation | null {
  const body = (req as IncomingMessage & { body?: unknown }).body ?? queryFromUrl(req);
  if (typeof body !== 'object' || body === null) return null;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return null;
  const match = OPERATION.exec(query);
  const type = match
    ? (match[1] as GraphQLOperation['type'])
    : query.trimStart().startsWith('{')
      ? 'query'
      : 'unknown';
  const given = typeof operationName === 'string' && operationName.length > 0 ? operationName : undefined;
  return { name: (given ?? match?.[2] ?? null)?.slice(0, 100) ?? null, type };
}

function queryFromUrl(req: IncomingMessage): unknown {
  if (req.method !== 'GET' || !req.url?.includes('?')) return undefined;
  const params = new URL(req.url, 'http://localhost').searchParams;
  return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
}
