import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { RedisHealthIndicator } from './redis.health.js';
import { StorageHealthIndicator } from './storage.health.js';

/** The part of Express's response the controller touches. */
interface StatusResponse {
  status(code: number): unknown;
}

/**
 * GET /health/live: the process is up and serving HTTP (restart it if not).
 * GET /health/ready: it can do its work (send it traffic): 200 when every check is up, 503
 * with the same body naming what is down otherwise. Unauthenticated, like /metrics: keep
 * the port on a private network or behind the proxy's access rules.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly storage: StorageHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthCheckResult> {
    return this.run([], response);
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  ready(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [
      () => this.storage.eventStore(),
      () => this.storage.readModelCheck(),
      () => this.storage.projectorLag(),
    ];
    if (this.redis.enabled) checks.push(() => this.redis.check());
    return this.run(checks, response);
  }

  /**
   * Terminus reports a failed check by throwing a 503 exception; answered here, so the body
   * does not depend on which exception filter (the app's is GraphQL's) handles it.
   */
  private async run(checks: HealthIndicatorFunction[], response: StatusResponse): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
