import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '../config/app-config.js';
import type { GraphQLContextFactory } from '../auth/graphql-context.js';
import { formatGraphQLError } from './error-formatter.js';
import { noStore } from './no-store.plugin.js';
import { refuseUnstorableText } from './unstorable-text.plugin.js';
import { unavailableStatus } from './unavailable-status.plugin.js';
import { queryLimits } from './query-limits.js';

/**
 * Code-first schema. With a schemaFile the SDL is printed there at startup (the contract
 * test compares it with the public GraphQL contract); without one it stays in memory.
 *
 * Hardening (SECURITY.md): graphql-armor's token, depth, cost, alias and directive
 * limits; no batched operations (a JSON array body is refused); introspection only when
 * GRAPHQL_INTROSPECTION allows (default: not under NODE_ENV=production); Apollo's CSRF
 * prevention, which refuses "simple" requests a browser would send cross-site without a
 * preflight (form posts, text/plain, GET without a JSON content type); the web board and
 * graphql-ws are unaffected (application/json POSTs; WebSockets do not pass through it).
 */
export function graphqlOptions(
  config: AppConfig,
  contexts: GraphQLContextFactory,
): Omit<ApolloDriverConfig, 'driver'> {
  const limits = queryLimits(config.security.graphql);
  return {
    path: '/graphql',
    autoSchemaFile: config.schemaFile ?? true,
    sortSchema: true,
    // GraphiQL and Apollo Sandbox load from CDNs that school networks block; with
    // false Nest installs Apollo's "landing page disabled" plugin instead.
    graphiql: false,
    includeStacktraceInErrorResponses: false,
    introspection: config.security.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [
      ...limits.plugins,
      refuseUnstorableText(),
      unavailableStatus(),
      // No per-field instrumentation: no-store set once per response instead (no-store.plugin.ts).
      ApolloServerPluginCacheControlDisabled(),
      noStore(),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Domain errors are mapped in formatGraphQLError, not by Nest's HttpException transform.
    autoTransformHttpErrors: false,
    // Only the rate limiter sets extensions.http on an execution error: its 429 (and
    // Retry-After) must reach the client, which Nest's default would reset to 200.
    preserveHttpStatusForExecutionErrors: false,
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
