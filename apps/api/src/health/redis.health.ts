import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { DEFAULT_CHECK_TIMEOUT_MS, HEALTH_OPTIONS, type HealthOptions } from './health.tokens.js';

/**
 * `redis`: a PING to the Redis of the reminder jobs. One client for the
 * module's life, reconnecting in the background; with the offline queue off, a PING while
 * Redis is down fails at once instead of waiting for it to come back.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleInit, OnModuleDestroy {
  private client: Redis | null = null;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  /** Whether this process has a Redis to check. */
  get enabled(): boolean {
    return this.options.redisUrl !== null;
  }

  /**
   * Degraded, not down, when Redis does not answer: GraphQL works without it (reminders wait
   * and the next sweep derives them again), so the instance should keep its traffic.
   */
  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    const timeoutMs = this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timeout of ${timeoutMs}ms exceeded`)), timeoutMs);
        }),
      ]);
      if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
      return session.up();
    } catch (error) {
      return session.degraded({
        message: `${error instanceof Error ? error.message : String(error)}; reminders wait until Redis is back`,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Connects at startup, so the first probe does not find the client still connecting. */
  onModuleInit(): void {
    if (this.enabled) this.connection();
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
    this.client = null;
  }

  /** A PING, after the connection attempt in progress (a command while connecting fails at once). */
  private async ping(): Promise<string> {
    const client = this.connection();
    if (client.status === 'connecting' || client.status === 'connect') {
      await new Promise<void>((resolve) => {
        const settled = (): void => {
          client.off('ready', settled);
          client.off('error', settled);
          resolve();
        };
        client.once('ready', settled);
        client.once('error', settled);
      });
    }
    return client.ping();
  }

  private connection(): Redis {
    if (!this.options.redisUrl) throw new Error('REDIS_URL is not set');
    if (!this.client) {
      this.client = new Redis(this.options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
        retryStrategy: (times) => Math.min(times * 500, 5000),
      });
      // Connection errors surface as failed PINGs; the event itself only needs a listener.
      this.client.on('error', () => undefined);
    }
    return this.client;
  }
}
