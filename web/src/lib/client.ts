import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { useSyncExternalStore } from 'react';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

let liveStatus: LiveStatus = 'connecting';
const statusListeners = new Set<() => void>();
function setLiveStatus(status: LiveStatus): void {
  liveStatus = status;
  statusListeners.forEach((listener) => listener());
}

/** The state of the graphql-ws socket, for the "live" indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => liveStatus,
  );
}

export interface ApiClient {
  readonly client: Client;
  dispose(): void;
}

/**
 * One urql client per signed-in token, on the same origin as the page: queries and mutations
 * over HTTP with `Authorization: Bearer`, the `taskChanged` subscription over graphql-ws with
 * the token in connectionParams (the API authenticates the socket once, in onConnect).
 */
export function createApiClient(token: string): ApiClient {
  const authorization = `Bearer ${token}`;
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const ws: WsClient = createWsClient({
    url: wsUrl,
    connectionParams: { authorization },
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // 4401: the token was refused or expired; retrying with it cannot help.
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && event.code === 4401),
    on: {
      connecting: () => setLiveStatus('connecting'),
      connected: () => setLiveStatus('connected'),
      closed: () => setLiveStatus('disconnected'),
    },
  });
  const client = new Client({
    url: '/graphql',
    // POST only: Apollo's CSRF prevention refuses simple GET requests without a preflight header.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization } }),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
