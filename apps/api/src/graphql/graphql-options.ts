import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '../config/app-config.js';
import type { GraphQLContextFactory } from '../auth/graphql-context.js';
import { formatGraphQLError } from './error-formatter.js';

/**
 * Code-first schema. With a schemaFile the SDL is printed there at startup (the contract
 * test compares it with ../shared/contract); without one it stays in memory.
 */
export function graphqlOptions(
  config: AppConfig,
  contexts: GraphQLContextFactory,
): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    autoSchemaFile: config.schemaFile ?? true,
    sortSchema: true,
    // GraphiQL and Apollo Sandbox load from CDNs that school networks block (STACK.md); with
    // false Nest installs Apollo's "landing page disabled" plugin instead.
    graphiql: false,
    includeStacktraceInErrorResponses: false,
    // Domain errors are mapped in formatGraphQLError, not by Nest's HttpException transform.
    autoTransformHttpErrors: false,
    formatError: formatGraphQLError,
    context: (args: Parameters<GraphQLContextFactory['forRequest']>[0]) => contexts.forRequest(args),
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        onConnect: (ctx) =>
          contexts.onConnect(ctx as unknown as Parameters<GraphQLContextFactory['onConnect']>[0]),
      },
    },
  };
}
