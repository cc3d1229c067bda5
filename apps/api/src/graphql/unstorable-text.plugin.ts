import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Nodes visited in the variables at most (the body limit keeps real requests far below). */
const MAX_NODES = 1_000_000;

/** Why a string cannot be stored, or null when it can. */
export function unstorable(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds a lone surrogate, e.g. "\\ud800")';
  return null;
}

/**
 * Refuses, before it executes, any request with a string no store can hold: one containing
 * U+0000, or one that is not well-formed UTF-16 (a lone surrogate, which JSON can carry as
 * "\ud800" but UTF-8 cannot). PostgreSQL rejects both in text and jsonb (an internal error,
 * not the caller's), and SQLite ends a LIKE pattern at a NUL (a search for "\u0000" matched
 * every task). No field of the contract has a use for either. Other control characters are
 * the domain's business (refused in every text it stores).
 */
export function refuseUnstorableText(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = unstorableInVariables(request.variables) ?? unstorableInDocument(document);
          if (found) {
            throw new GraphQLError(`${found.path}: ${found.reason}`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

export interface Unstorable {
  /** Where: `input.title`, `f.types[1]`, or a string literal's line. */
  readonly path: string;
  readonly reason: string;
}

/** The first unstorable string (or object key) in the variables, found without recursion. */
export function unstorableInVariables(variables: unknown): Unstorable | null {
  const stack: [unknown, string][] = [[variables, '$']];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorable(value);
      if (reason) return { path: shown(path), reason };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const reason = unstorable(key);
        if (reason) return { path: shown(`${path}.${JSON.stringify(key).slice(1, -1)}`), reason };
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** `$.input.title` → `input.title`, the argument path other input errors name. */
const shown = (path: string): string => path.replace(/^\$\.?/, '');

function unstorableInDocument(document: DocumentNode | undefined): Unstorable | null {
  if (!document) return null;
  let found: Unstorable | null = null;
  visit(document, {
    [Kind.STRING](node) {
      const reason = found === null ? unstorable(node.value) : null;
      if (reason) found = { path: `the string at line ${node.loc?.startToken.line ?? '?'}`, reason };
    },
  });
  return found;
}
