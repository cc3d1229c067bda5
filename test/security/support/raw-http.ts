export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  readonly text: string;
  readonly ms: number;
}

/** POSTs a body as is (no client library in between) and reads the answer, however odd. */
export async function postRaw(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<RawAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: RawAnswer['body'] = {};
  try {
    parsed = JSON.parse(text) as RawAnswer['body'];
  } catch {
    parsed = {};
  }
  return {
    status: response.status,
    headers: response.headers,
    body: parsed,
    text,
    ms: performance.now() - started,
  };
}

/** A GraphQL operation over HTTP with a bearer token. */
export function gql(
  url: string,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return postRaw(url, JSON.stringify({ query, variables }), {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...headers,
  });
}

/** The contract's error codes: every refusal must be one of these. */
export const CONTRACT_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'SERVICE_UNAVAILABLE',
] as const;
