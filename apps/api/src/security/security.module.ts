import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { RateLimitConfig } from './security-config.js';
import {
  GraphQLThrottlerGuard,
  isNotMutation,
  MUTATIONS_THROTTLER,
  REQUESTS_THROTTLER,
} from './rate-limit.guard.js';

/**
 * Per-actor rate limits (RATE_LIMIT_*; docs/security.md). The counters live in this process:
 * behind several API instances each one counts on its own, so divide the limits by the
 * number of instances (or put the gateway's limit in front).
 */
@Module({})
export class SecurityModule {
  static forRoot(rateLimit: RateLimitConfig): DynamicModule {
    const throttlers: ThrottlerOptions[] = [];
    if (rateLimit.requests > 0) {
      throttlers.push({ name: REQUESTS_THROTTLER, ttl: rateLimit.windowMs, limit: rateLimit.requests });
    }
    if (rateLimit.mutations > 0) {
      throttlers.push({
        name: MUTATIONS_THROTTLER,
        ttl: rateLimit.windowMs,
        limit: rateLimit.mutations,
        skipIf: isNotMutation,
      });
    }
    if (throttlers.length === 0) return { module: SecurityModule };
    return {
      module: SecurityModule,
      imports: [ThrottlerModule.forRoot({ throttlers, setHeaders: false })],
      providers: [{ provide: APP_GUARD, useClass: GraphQLThrottlerGuard }],
    };
  }
}
