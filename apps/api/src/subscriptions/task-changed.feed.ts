import { parseStream, type TaskReassigned } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { Projector, ReadModel, type AppliedEvent } from '#projections';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AuditEventModel } from '../audit/audit-event.model.js';
import { EVENT_STORE, RUNS_PROJECTOR } from '../infrastructure/tokens.js';
import { auditEventFromRecorded } from '../shared/audit-event.mapper.js';

export interface TaskChangedPayload {
  readonly taskChanged: AuditEventModel;
}

/** A subscriber that does not read this many events is cut off rather than buffered forever. */
const MAX_BUFFERED = 1000;
/** How long the API-only feed waits for the worker's projector before publishing anyway. */
const PROJECTION_WAIT_MS = 30_000;

/** What the feed needs to route a task event: the units it concerns. */
type Routed = Pick<AppliedEvent, 'event' | 'taskId' | 'unitId' | 'previousUnitId'>;

/**
 * In-process fan-out of task events as they are projected (so a subscriber that then
 * queries sees the change). Where this process projects, it listens to its projector;
 * in an API-only process it follows the log and waits for the worker's projector to pass
 * each event. A reassignment reaches both the old and the new unit.
 */
@Injectable()
export class TaskChangedFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaskChangedFeed.name);
  private readonly subscribers = new Set<Subscription>();
  private stop: (() => void) | null = null;

  constructor(
    private readonly projector: Projector,
    private readonly readModel: ReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNS_PROJECTOR) private readonly runsProjector: boolean,
  ) {}

  onModuleInit(): void {
    if (this.runsProjector) {
      this.stop = this.projector.onApplied((applied) => this.publish(applied));
      return;
    }
    const controller = new AbortController();
    this.stop = () => controller.abort();
    void this.followLog(controller.signal);
  }

  onModuleDestroy(): void {
    this.stop?.();
    for (const subscriber of this.subscribers) subscriber.end();
  }

  subscribe(unitId: string | null): AsyncIterableIterator<TaskChangedPayload> {
    const subscription = new Subscription(unitId, () => this.subscribers.delete(subscription));
    this.subscribers.add(subscription);
    return subscription;
  }

  /** API-only: the log from its head, each task event once the read model has it. */
  private async followLog(signal: AbortSignal): Promise<void> {
    let after: bigint | null = null;
    let retryMs = 1000;
    while (!signal.aborted) {
      try {
        // Inside the retry: the store may still be connecting (SERVICE_UNAVAILABLE) at startup.
        after ??= await this.store.headPosition();
        for await (const event of this.store.follow(after, signal)) {
          after = event.position;
          retryMs = 1000;
          if (parseStream(event.streamId).category !== 'task' || this.subscribers.size === 0) continue;
          await this.projector.waitForPosition(event.position, PROJECTION_WAIT_MS);
          this.publish(await this.route(event));
        }
      } catch (error) {
        if (signal.aborted) return;
        this.logger.error(
          `following the log failed; retrying in ${retryMs / 1000} s: ${error instanceof Error ? error.message : error}`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, retryMs);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        // A database that stays down costs a log line per 30 s, not one a second.
        retryMs = Math.min(retryMs * 2, 30_000);
      }
    }
  }

  /** The task's unit as of the event, as the audit projection recorded it. */
  private async route(event: RecordedEvent): Promise<Routed> {
    const page = await this.readModel.auditLog(
      { streamId: event.streamId },
      1,
      (event.position - 1n).toString(),
    );
    const row = page.rows[0]?.position === event.position ? page.rows[0] : undefined;
    const previousUnitId =
      event.type === 'TaskReassigned' ? (event.data as TaskReassigned['data']).previousUnitId : null;
    return { event, taskId: parseStream(event.streamId).id, unitId: row?.unitId ?? null, previousUnitId };
  }

  private publish(applied: Routed): void {
    if (applied.taskId === null || this.subscribers.size === 0) return;
    const payload = { taskChanged: auditEventFromRecorded(applied.event) };
    const units = [applied.unitId, applied.previousUnitId];
    for (const subscriber of this.subscribers) {
      if (subscriber.unitId !== null && !units.includes(subscriber.unitId)) continue;
      if (!subscriber.push(payload))
        this.logger.warn(`dropped a subscriber of ${subscriber.unitId ?? 'all units'}: too slow`);
    }
  }
}

class Subscription implements AsyncIterableIterator<TaskChangedPayload> {
  private readonly buffer: TaskChangedPayload[] = [];
  private waiting: ((result: IteratorResult<TaskChangedPayload>) => void) | null = null;
  private done = false;

  constructor(
    readonly unitId: string | null,
    private readonly onEnd: () => void,
  ) {}

  /** False when the subscriber fell too far behind and was ended. */
  push(payload: TaskChangedPayload): boolean {
    if (this.done) return true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: payload, done: false });
      return true;
    }
    if (this.buffer.length >= MAX_BUFFERED) {
      this.end();
      return false;
    }
    this.buffer.push(payload);
    return true;
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer.length = 0;
    this.onEnd();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  next(): Promise<IteratorResult<TaskChangedPayload>> {
    const value = this.buffer.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<TaskChangedPayload>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<TaskChangedPayload> {
    return this;
  }
}
