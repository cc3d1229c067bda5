import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

const NUL = '\u0000';

/** Nodes visited in the variables at most (the body limit keeps real requests far below). */
const MAX_NODES = 1_000_000;

/**
 * Refuses any request with a U+0000 anywhere in its variables or string literals, before it
 * executes. No field of the contract has a use for it, and the stores cannot hold it:
 * PostgreSQL rejects it in text parameters (an internal error, not the caller's), and SQLite
 * ends a LIKE pattern at it (a search for "\u0000" would match every task). Other control
 * characters are the domain's business (refused in every text it stores).
 */
export function refuseNulCharacters(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const where = nulInVariables(request.variables) ?? nulInDocument(document);
          if (where) {
            throw new GraphQLError(`${where}: must not contain the NUL character (U+0000)`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** The path of the first string holding a NUL (`$input.title`, `$f.types[1]`), without recursion. */
export function nulInVariables(variables: unknown): string | null {
  const stack: [unknown, string][] = [[variables, '$']];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return shown(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes(NUL)) return shown(`${path}.${key.replaceAll(NUL, '\\u0000')}`);
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** `$.input.title` → `$input.title`, as variables are written in GraphQL. */
const shown = (path: string): string => path.replace(/^\$\./, '$');

function nulInDocument(document: DocumentNode | undefined): string | null {
  if (!document) return null;
  let found: string | null = null;
  visit(document, {
    [Kind.STRING](node) {
      if (found === null && node.value.includes(NUL))
        found = `a string at line ${node.loc?.startToken.line ?? '?'}`;
    },
  });
  return found;
}
