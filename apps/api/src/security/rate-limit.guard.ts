import type { ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../auth/request-context.js';

/** The names of the two budgets (ThrottlerModule `throttlers`). */
export const REQUESTS_THROTTLER = 'requests';
export const MUTATIONS_THROTTLER = 'mutations';

/** extensions.reason of a refused call: the code is the contract's SERVICE_UNAVAILABLE. */
export const RATE_LIMITED = 'RATE_LIMITED';

type GraphQLRequestContext = RequestContext & {
  readonly req?: { readonly ip?: string; readonly res?: Record<string, unknown> };
};

/**
 * @nestjs/throttler for GraphQL, per actor: every root field of a query or mutation counts
 * once against the caller's `requests` budget, every mutation also against `mutations`.
 * The key is the actor (the token's `sub`), not the resolver, so one budget covers the whole
 * API. HTTP routes (health, metrics, the board's files) and subscriptions are not counted here.
 *
 * A refused call is SERVICE_UNAVAILABLE (the contract's code for "nothing was written, try
 * again") with extensions.reason RATE_LIMITED and extensions.retryAfter in seconds; the HTTP
 * answer is 429 with a Retry-After header.
 */
@Injectable()
export class GraphQLThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context).getInfo<{ operation: { operation: string } }>();
    return info.operation.operation === 'subscription';
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    const { req } = GqlExecutionContext.create(context).getContext<GraphQLRequestContext>();
    return { req: (req ?? {}) as Record<string, unknown>, res: (req?.res ?? {}) as Record<string, unknown> };
  }

  protected override async getTracker(
    req: Record<string, unknown>,
    context?: ExecutionContext,
  ): Promise<string> {
    const actor = context
      ? GqlExecutionContext.create(context).getContext<GraphQLRequestContext>().actor
      : undefined;
    return actor ? `actor:${actor.id}` : `ip:${String(req.ip ?? 'unknown')}`;
  }

  /** One budget per actor across all resolvers (the default key is per resolver method). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new GraphQLError(
      `rate limit exceeded: at most ${detail.limit} calls in ${detail.ttl / 1000} s; retry in ${retryAfter} s`,
      {
        extensions: {
          code: 'SERVICE_UNAVAILABLE',
          reason: RATE_LIMITED,
          retryAfter,
          http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
        },
      },
    );
  }
}

/** Only mutations count against the `mutations` budget. */
export function isNotMutation(context: ExecutionContext): boolean {
  if (context.getType<GqlContextType>() !== 'graphql') return true;
  return (
    GqlExecutionContext.create(context).getInfo<{ operation: { operation: string } }>().operation
      .operation !== 'mutation'
  );
}
