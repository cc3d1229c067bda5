import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { GraphQLLimits } from '../security/security-config.js';

export interface QueryLimits {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
}

/**
 * graphql-armor's limits, checked before anything executes: tokens while parsing (so a
 * huge document costs no more than its first GRAPHQL_MAX_TOKENS tokens), then depth, cost,
 * aliases and directives as validation rules. Fragments count where they are spread, not
 * as an extra level. Introspection (`__schema`) is exempt from depth and cost, as graphql-armor
 * intends: it is off in production, and the token limit still bounds it.
 *
 * Field suggestions ("Did you mean …?") name schema fields, so they are hidden whenever
 * introspection is off; in development they help.
 */
export function queryLimits(limits: GraphQLLimits): QueryLimits {
  const armor = new ApolloArmor({
    maxTokens: { n: limits.maxTokens },
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: !limits.introspection },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor is CommonJS and types its plugins with @apollo/server's CJS declarations;
  // at runtime there is one @apollo/server, only the declaration files differ.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}

/** graphql-armor prefixes its refusals with "Syntax Error: " although nothing is misspelt. */
export function describeLimitRefusal(message: string): string {
  return message.replace(/^Syntax Error: (?=.*limit of \d+ exceeded)/, '');
}
