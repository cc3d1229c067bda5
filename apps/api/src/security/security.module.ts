import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { RateLimitConfig } from './security-config.js';
import { StoreAvailabilityGuard } from './store-availability.guard.js';
import {
  GraphQLThrottlerGuard,
  isNotMutation,
  MUTATIONS_THROTTLER,
  REQUESTS_THROTTLER,
} from './rate-limit.guard.js';

/**
 * The guards every GraphQL call passes, in this order: per-actor rate limits (RATE_LIMIT_*;
 * SECURITY.md), then, for mutations, the read model must answer (StoreAvailabilityGuard).
 * The rate counters live in this process: behind several API instances each one counts on
 * its own, so divide the limits by the number of instances (or put the gateway's in front).
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
    const availability = { provide: APP_GUARD, useClass: StoreAvailabilityGuard };
    if (throttlers.length === 0) return { module: SecurityModule, providers: [availability] };
    return {
      module: SecurityModule,
      imports: [ThrottlerModule.forRoot({ throttlers, setHeaders: false })],
      providers: [{ provide: APP_GUARD, useClass: GraphQLThrottlerGuard }, availability],
    };
  }
}
