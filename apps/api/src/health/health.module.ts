import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { DEFAULT_MAX_PROJECTOR_LAG, HEALTH_OPTIONS, type HealthOptions } from './health.tokens.js';
import { RedisHealthIndicator } from './redis.health.js';
import { StorageHealthIndicator } from './storage.health.js';

/**
 * /health/live and /health/ready (@nestjs/terminus). Needs PersistenceModule (global) for the
 * storage checks. The indicators are exported for other modules (metrics, operations).
 * Terminus' own logging is off: a failing probe every few seconds would flood the log, and
 * the StorageConnector already reports storage trouble at a bounded rate.
 */
@Module({})
export class HealthModule {
  static forRoot(options: Partial<HealthOptions> = {}): DynamicModule {
    const resolved: HealthOptions = {
      redisUrl: options.redisUrl ?? null,
      maxProjectorLag: options.maxProjectorLag ?? DEFAULT_MAX_PROJECTOR_LAG,
      checkTimeoutMs: options.checkTimeoutMs,
    };
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: resolved },
        StorageHealthIndicator,
        RedisHealthIndicator,
      ],
      exports: [StorageHealthIndicator, RedisHealthIndicator],
    };
  }
}
