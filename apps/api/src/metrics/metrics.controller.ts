import type { EventStore } from '#event-store';
import { ReadModel } from '#projections';
import { Controller, Get, Header, Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobType } from 'bullmq';
import { sql } from 'kysely';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import {
  eventStoreHeadPosition,
  metricsRegistry,
  metricsScrapeErrors,
  projectionLagEvents,
  projectionLagSeconds,
  readModelCheckpointPosition,
  reminderQueueJobs,
  remindersFailed,
  remindersRecorded,
} from './metrics.js';

/** Where the BullMQ reminder queue lives, when there is one. */
export interface ReminderQueueLocation {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly name: string;
}

export const REMINDER_QUEUE_LOCATION = Symbol('REMINDER_QUEUE_LOCATION');

const QUEUE_STATES: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
];
/** A scrape must answer even when Redis is gone: its gauges then keep their last value. */
const QUEUE_TIMEOUT_MS = 1000;

/**
 * GET /metrics, Prometheus text format. Unauthenticated like /health: bind the port to a
 * private network or put it behind the proxy's access rules (docs/operations.md).
 */
@Controller()
export class MetricsController implements OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private queue: Queue | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
    @Inject(REMINDER_QUEUE_LOCATION) private readonly queueLocation: ReminderQueueLocation | null,
  ) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    await Promise.all([this.refreshProjection(), this.refreshReminders(), this.refreshQueue()]);
    return metricsRegistry.metrics();
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }

  private async refreshProjection(): Promise<void> {
    try {
      const [head, checkpoint] = await Promise.all([this.store.headPosition(), this.readModel.checkpoint()]);
      eventStoreHeadPosition.set(Number(head));
      readModelCheckpointPosition.set(Number(checkpoint));
      const lag = head > checkpoint ? head - checkpoint : 0n;
      projectionLagEvents.set(Number(lag));
      if (lag === 0n) {
        projectionLagSeconds.set(0);
        return;
      }
      const [oldest] = await this.store.readAll({ after: checkpoint, limit: 1 });
      // A measurement of the process, not an answer to a request: the wall clock, not the request's instant.
      const age = oldest ? (Date.now() - Date.parse(oldest.metadata.occurredAt)) / 1000 : 0;
      projectionLagSeconds.set(Math.max(0, age));
    } catch (error) {
      this.failed('projection', error);
    }
  }

  private async refreshReminders(): Promise<void> {
    try {
      // The audit log holds every projected event, ReminderSent included: counting there leaves
      // the task's stream (folded into the task) the one record of which reminders were sent.
      // Literals, not parameters: PostgreSQL matches GROUP BY to the select list by its text.
      const field = (name: 'kind' | 'channel') =>
        this.readModel.dialect === 'postgres'
          ? sql<string>`cast(data as jsonb) ->> ${sql.lit(name)}`
          : sql<string>`json_extract(data, ${sql.lit(`$.${name}`)})`;
      const rows = await this.readModel.db
        .selectFrom('audit_log')
        .select([field('kind').as('kind'), field('channel').as('channel'), sql<number>`count(*)`.as('count')])
        .where('type', '=', 'ReminderSent')
        .groupBy([field('kind'), field('channel')])
        .execute();
      remindersRecorded.reset();
      for (const row of rows)
        remindersRecorded.set({ kind: row.kind, channel: row.channel }, Number(row.count));
    } catch (error) {
      this.failed('reminders', error);
    }
  }

  private async refreshQueue(): Promise<void> {
    if (!this.queueLocation) return;
    try {
      this.queue ??= this.openQueue(this.queueLocation);
      const counts = await withTimeout(this.queue.getJobCounts(...QUEUE_STATES), QUEUE_TIMEOUT_MS);
      for (const state of QUEUE_STATES) reminderQueueJobs.set({ state }, counts[state] ?? 0);
      remindersFailed.set(counts.failed ?? 0);
    } catch (error) {
      this.failed('queue', error);
    }
  }

  private openQueue(location: ReminderQueueLocation): Queue {
    const queue = new Queue(location.name, {
      connection: { url: location.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
      prefix: location.prefix,
    });
    queue.on('error', () => undefined); // reported by the scrape that needed it
    return queue;
  }

  private failed(source: string, error: unknown): void {
    metricsScrapeErrors.inc({ source });
    this.logger.warn(
      `metrics: could not read ${source}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
