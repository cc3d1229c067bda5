import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every resolver error to GraphQL untouched (graphql-js throws a returned Error), so
 * formatGraphQLError maps and logs it in one place. Without it Nest's default handler logs
 * each refused command (a validation error, a conflict) as a server ERROR.
 */
@Catch()
export class PassThroughGqlExceptionFilter implements GqlExceptionFilter {
  catch(exception: unknown): unknown {
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
