import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { GraphQLLimits } from '../security/security-config.js';

export interface QueryLimits {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
}

/**
 * Limits checked before anything executes: tokens while parsing (graphql-js `maxTokens`, so
 * a huge document costs no more than its first GRAPHQL_MAX_TOKENS tokens and is an ordinary
 * 400 parse error), then graphql-armor's depth, cost, aliases and directives as validation
 * rules. (graphql-armor's own token plugin throws from a parsing hook, which Apollo answers
 * with a 500.) Cost multiplies literal page sizes (`first: 200`) only; page sizes passed as
 * variables are bounded by the resolvers' caps (tasks 200, auditLog 1000). Fragments count where they are spread, not
 * as an extra level. Introspection (`__schema`) is exempt from depth and cost, as graphql-armor
 * intends: it is off in production, and the token limit still bounds it.
 *
 * Field suggestions ("Did you mean …?") name schema fields, so they are hidden whenever
 * introspection is off; in development they help.
 */
export function queryLimits(limits: GraphQLLimits): QueryLimits {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: !limits.introspection },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor is CommonJS and types its plugins with @apollo/server's CJS declarations;
  // at runtime there is one @apollo/server, only the declaration files differ.
  return {
    plugins: plugins as unknown as ApolloServerPlugin[],
    validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * One wording for every limit: graphql-armor prefixes its refusals with "Syntax Error: "
 * although nothing is misspelt, and graphql-js words its token limit its own (mistyped) way.
 */
export function describeLimitRefusal(message: string): string {
  const tokens = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/.exec(
    message,
  );
  if (tokens) return `Token limit of ${tokens[1]} exceeded.`;
  return message.replace(/^Syntax Error: (?=.*limit of \d+ exceeded)/, '');
}
