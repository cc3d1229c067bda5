import type { ApolloServerPlugin } from '@apollo/server';

/**
 * HTTP 503 when a store was down and nothing could be answered: every error is
 * SERVICE_UNAVAILABLE and no root field has data. Gateways and load balancers then see the
 * outage (and may retry elsewhere); GraphQL clients read the same JSON body as always. A
 * status set earlier (429 from the rate limiter, 400 for a bad request) stays.
 */
export function unavailableStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status) return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length) return;
          const nothingAnswered = data == null || Object.values(data).every((value) => value === null);
          if (nothingAnswered && errors.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
          }
        },
      };
    },
  };
}
