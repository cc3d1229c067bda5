import type { EventStore } from '#event-store';
import { ReadModel } from '#projections';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { StorageConnector } from '#storage';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { DEFAULT_CHECK_TIMEOUT_MS, HEALTH_OPTIONS, type HealthOptions } from './health.tokens.js';

/**
 * Readiness of the storage: the event store answers, the read model answers, and the read
 * model is not too far behind the log (whichever process projects: in an API-only process
 * this watches the workers). Each check is bounded by `checkTimeoutMs`.
 */
@Injectable()
export class StorageHealthIndicator {
  private readonly timeoutMs: number;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly connector: StorageConnector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  }

  /** `eventStore`: a ping (a read) of the event store. */
  eventStore(key = 'eventStore'): PromiseLike<HealthIndicatorResult> {
    return this.health
      .check(key)
      .attempt(async () => {
        if (!this.connector.store) throw new Error(this.connector.problem ?? 'not connected');
        await this.store.ping();
      })
      .withTimeout(this.timeoutMs);
  }

  /** `readModel`: the read model answers with its checkpoint. */
  readModelCheck(key = 'readModel'): PromiseLike<HealthIndicatorResult> {
    return this.health
      .check(key)
      .attempt(async () => {
        if (!this.connector.readModel) throw new Error(this.connector.problem ?? 'not connected');
        return { checkpoint: (await this.readModel.checkpoint()).toString() };
      })
      .withTimeout(this.timeoutMs);
  }

  /**
   * `projector`: how many events the read model trails the log by; down above
   * `maxProjectorLag`. Counted by reading past the checkpoint (at most maxLag + 1 events),
   * so it is a count of events even where positions are not dense (KurrentDB).
   */
  async projectorLag(key = 'projector'): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    const maxLag = this.options.maxProjectorLag;
    try {
      const { head, checkpoint, lag } = await withTimeout(this.lag(maxLag), this.timeoutMs);
      const data = { head: head.toString(), checkpoint: checkpoint.toString(), lag, maxLag };
      return lag > maxLag
        ? session.down({ ...data, message: `more than ${maxLag} events behind` })
        : session.up(data);
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error), maxLag });
    }
  }

  private async lag(maxLag: number): Promise<{ head: bigint; checkpoint: bigint; lag: number }> {
    if (!this.connector.connected) throw new Error(this.connector.problem ?? 'not connected');
    const [head, checkpoint] = await Promise.all([this.store.headPosition(), this.readModel.checkpoint()]);
    if (checkpoint >= head) return { head, checkpoint, lag: 0 };
    const behind = await this.store.readAll({ after: checkpoint, limit: maxLag + 1 });
    return { head, checkpoint, lag: behind.length };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout of ${ms}ms exceeded`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
