import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL response is `Cache-Control: no-store`: it is one caller's view of the board.
 * Apollo's cache-control plugin would set the same header, but it also instruments every
 * field resolver of every operation (willResolveField) to gather cache hints this schema
 * never gives; on a board of 360 cells that is thousands of wrapped calls per request.
 * graphqlOptions disables it and installs this instead.
 */
export function noStore(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control'))
            response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
